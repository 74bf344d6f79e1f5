// The decoders against the encoders: Code 128 read by both zxing-wasm and @zxing/library (the
// TypeScript port, which reads 2 px bars only on white), from a pixel image painted from the layout's
// rectangles on white, and from a blurred copy; and the degrade step is real degradation. That the pay
// screen's QR codes and barcodes scan from a degraded screen on every device: scan-from-screen.test.ts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeQr } from '../../lib/codes/qr';
import { encodeCode128 } from '../../lib/codes/code128';
import { layoutBarcode, layoutQr, screenOf, type CodeLayout } from '../../lib/codes/layout';
import { generateCode } from '../../lib/payment/code';
import { isIssuerPrefixAllowed } from '../../lib/payment/lease';
import { encodeBase64Url } from '../../lib/encoding/base64';
import type { TokenLease } from '../../lib/payment/types';
import { loadTargetDevices } from '../../reference/devices';
import { decodeBarcode, decodeQr } from '../../sim/scan/scanner';
import { blankImage, degrade, fillRects } from '../../sim/scan/degrade';

const devices = loadTargetDevices();
const NOW = Date.UTC(2026, 10, 25, 21, 0, 0);

const lease: fc.Arbitrary<TokenLease> = fc
  .record({
    prefix: fc
      .integer({ min: 0, max: 99 })
      .map((n) => String(n).padStart(2, '0'))
      .filter(isIssuerPrefixAllowed),
    leaseNumber: fc.oneof(fc.stringMatching(/^[0-9]{7}$/), fc.stringMatching(/^[0-9]{8}$/)),
    secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  })
  .map(({ prefix, leaseNumber, secret }) => ({
    v: 1,
    leaseId: 'lease-1',
    leaseNumber,
    secret: encodeBase64Url(secret),
    step: 60,
    notBefore: NOW - 3_600_000,
    expiresAt: NOW + 72 * 3_600_000,
    issuerPrefix: prefix,
    limits: { currency: 'CNY', perPayment: 50_000, daily: 200_000 },
  }));

/** The code's bounds plus a white margin, painted black where the layout says. */
function paint(l: CodeLayout, margin = 12) {
  const b = l.bounds;
  const img = blankImage(b.w + 2 * margin, b.h + 2 * margin);
  return fillRects(
    img,
    l.rects.map((r) => ({ x: r.x - b.x + margin, y: r.y - b.y + margin, w: r.w, h: r.h })),
  );
}

const device = fc.constantFrom(...devices);
const below = (d: { width: number }) => ({ width: Math.round(d.width * 0.6), height: 36, gap: 8 });

describe('scanning what the watch shows', () => {
  // Measured (BENCHMARKS.md, "Payment codes"): at 2 px per module, a copy scaled to 0.9 (1.8 px
  // per module) plus a 0.7 px blur reads for only ~80-90% of random codes (aliasing: unscaled
  // copies blurred by 0.7 or 1.0 px read 300/300). 20-digit codes get 2 px on every target
  // screen (165 modules with ISO's 10-module quiet zones; 3 px would need 495 px), so this test
  // scales to 0.9 only where the layout gives 3 px or more, and blurs an unscaled copy otherwise.
  it('Code 128 of generateCode: both zxing decoders read it, and a blurred copy (scaled to 0.9 where >= 3 px per module)', async () => {
    await fc.assert(
      fc.asyncProperty(lease, device, async (l, d) => {
        const code = generateCode(l, NOW);
        const layout = layoutBarcode(encodeCode128(code), screenOf(d), { below: below(d) });
        const img = paint(layout);
        expect(await decodeBarcode(img)).toMatchObject({ zxing: code, zxingJs: code });
        expect(await decodeBarcode(degrade(img, layout.pxPerModule >= 3 ? 0.9 : 1, 0.7))).toMatchObject({
          zxing: code,
          zxingJs: code,
        });
      }),
      { numRuns: 8 },
    );
  });

  it('an 18-digit code gets 3 px per module on 480 px round screens and reads scaled to 0.9 with blur', async () => {
    const d = devices.find((x) => x.shape === 'round' && x.width === 480)!;
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[0-9]{18}$/), async (code) => {
        const layout = layoutBarcode(encodeCode128(code), screenOf(d), { below: below(d) });
        expect(layout.pxPerModule).toBe(3);
        expect(await decodeBarcode(degrade(paint(layout), 0.9, 0.7))).toMatchObject({ zxing: code, zxingJs: code });
      }),
      { numRuns: 20 },
    );
  });

  it('the turned barcode of the 320x380 screen reads', async () => {
    const d = devices.find((x) => x.width === 320)!;
    const code = '31234567801234567894';
    const layout = layoutBarcode(encodeCode128(code), screenOf(d), { below: below(d) });
    expect(layout.rotation).toBe(90);
    expect(await decodeBarcode(paint(layout))).toMatchObject({ zxing: code, zxingJs: code });
    expect(await decodeBarcode(degrade(paint(layout), 1, 0.7))).toMatchObject({ zxing: code, zxingJs: code });
  });

  it('any 18/20-digit string and any printable ASCII barcode reads back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.stringMatching(/^[0-9]{18}$/),
          fc.stringMatching(/^[0-9]{20}$/),
          fc.string({
            unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)),
            minLength: 1,
            maxLength: 16,
          }),
        ),
        async (text) => {
          const layout = layoutBarcode(encodeCode128(text), { width: 480, height: 480, cornerRadius: 240 });
          expect(await decodeBarcode(paint(layout))).toMatchObject({ zxing: text, zxingJs: text });
        },
      ),
      { numRuns: 12 },
    );
  });

  it('the degraded copies are real degradation: a QR at 2 px per module no longer reads at 0.8', async () => {
    const qr = encodeQr('12345678901234567890');
    const p = 2;
    const layout = layoutQr(qr, { width: 29 * p, height: 29 * p, cornerRadius: 0 });
    expect(layout.pxPerModule).toBe(2);
    const img = paint(layout);
    expect(await decodeQr(img)).toEqual({ jsqr: '12345678901234567890', zxing: '12345678901234567890' });
    expect(await decodeQr(degrade(img, 0.8, 0.7))).toEqual({ jsqr: null, zxing: null });
  });
});
