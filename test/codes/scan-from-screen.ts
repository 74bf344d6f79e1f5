// The property "the payment code scans from a degraded screen", as one table: for each device and
// each code mode (barcode, QR, EMV QR) the pay view's layout on that screen is
//   - geometry: inside the screen (and its round edge) with the digits line, whole px per module at
//     the mode's minimum or more, the quiet zone white; cheap, so checked on every target device;
//   - painted: the layout's rectangles painted on a black screen as the page draws them, then read
//     from a degraded copy (QR scaled to 0.8, barcode to 0.9, both blurred 0.7 px) by both decoders,
//     for the fixed test lease and for random leases;
//   - the real page: the pay page run in the watch realm, tapped through the three modes, its
//     rendered screen read from the degraded copy.
// scan-from-screen.test.ts (fast lane) decodes the painted layouts on the smallest and largest round
// and square screens and runs the page on the smallest round and square ones; scan-from-screen.slow.test.ts
// (slow lane) decodes on every other target device.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CODE128_QUIET_ZONE } from '../../lib/codes/code128';
import { screenOf, type CodeLayout, type Screen } from '../../lib/codes/layout';
import { QR_QUIET_ZONE } from '../../lib/codes/qr';
import { verifyEmvCpm } from '../../lib/emv/cpm';
import { encodeBase64Url } from '../../lib/encoding/base64';
import { generateCode } from '../../lib/payment/code';
import type { TokenLease } from '../../lib/payment/types';
import { CODE_MODES, MIN_PX_PER_MODULE, payView, type CodeMode, type PayView } from '../../lib/wallet/pay-view';
import { applySync, EMPTY_WALLET, WALLET_STORAGE_KEY } from '../../lib/wallet/wallet';
import { layout as roundLayout } from '../../page/pay/index.r.layout';
import { layout as squareLayout } from '../../page/pay/index.s.layout';
import type { DeviceFacts } from '../../reference/devices';
import { openPageOffline } from '../../sim/render/page';
import { renderToImage, type RgbaImage } from '../../sim/render/render';
import { blankImage, degrade, fillRects } from '../../sim/scan/degrade';
import { decodeBarcode, decodeQr } from '../../sim/scan/scanner';
import { lease, lockEntry, sync, T0 } from '../../sim/fixtures/wallet';

/** How far the scanner is assumed to be: the scale of the degraded copy per mode (blur 0.7 px always). */
export const SCAN_SCALE: Record<CodeMode, number> = { barcode: 0.9, qr: 0.8, emv: 0.8 };
const BLUR_PX = 0.7;

type CodeView = Extract<PayView, { kind: 'code' }>;

function viewOn(d: DeviceFacts, l: TokenLease, mode: CodeMode, now = T0): CodeView {
  const geometry = (d.shape === 'round' ? roundLayout : squareLayout).geometry(d.width, d.height);
  const view = payView(applySync(EMPTY_WALLET, sync({ lease: l }), now), now, mode, screenOf(d), geometry);
  if (view.kind !== 'code') throw new Error(`expected a code on ${d.name}, got ${view.titleKey}`);
  return view;
}

/** Inside the screen's rounded rectangle (a circle on round screens): all four corners. */
function insideScreen(s: Screen, r: { x: number; y: number; w: number; h: number }): boolean {
  const rad = Math.min(s.cornerRadius, s.width / 2, s.height / 2);
  return [
    [r.x, r.y],
    [r.x + r.w, r.y],
    [r.x, r.y + r.h],
    [r.x + r.w, r.y + r.h],
  ].every(([x, y]) => {
    if (x! < 0 || y! < 0 || x! > s.width || y! > s.height) return false;
    const dx = Math.max(rad - x!, x! - (s.width - rad), 0);
    const dy = Math.max(rad - y!, y! - (s.height - rad), 0);
    return dx * dx + dy * dy <= rad * rad + 1e-9;
  });
}

function checkGeometry(d: DeviceFacts, mode: CodeMode, view: CodeView): void {
  const { layout } = view;
  const screen = screenOf(d);
  const p = layout.pxPerModule;
  expect(Number.isInteger(p)).toBe(true);
  expect(p).toBeGreaterThanOrEqual(MIN_PX_PER_MODULE[mode]);
  // The code with its quiet zone, and the digits line under it, on the screen.
  expect(insideScreen(screen, layout.bounds), `code box ${JSON.stringify(layout.bounds)}`).toBe(true);
  expect(layout.below).not.toBeNull();
  expect(insideScreen(screen, layout.below!), `digits line ${JSON.stringify(layout.below)}`).toBe(true);
  // Every dark rectangle on the module grid, and none in the quiet zone.
  const b = layout.bounds;
  const quiet = mode === 'barcode' ? CODE128_QUIET_ZONE * p : QR_QUIET_ZONE * p;
  for (const r of layout.rects) {
    if (mode === 'barcode') {
      // Bars run across the code; along it they sit on the module grid, clear of both quiet zones.
      const [pos, len, start, size] =
        layout.rotation === 0 ? (['x', 'w', b.x, b.w] as const) : (['y', 'h', b.y, b.h] as const);
      expect((r[pos] - start) % p).toBe(0);
      expect(r[len] % p).toBe(0);
      expect(r[pos] - start).toBeGreaterThanOrEqual(quiet);
      expect(start + size - (r[pos] + r[len])).toBeGreaterThanOrEqual(quiet);
    } else {
      expect([(r.x - b.x) % p, (r.y - b.y) % p, r.w % p, r.h % p]).toEqual([0, 0, 0, 0]);
      expect(Math.min(r.x - b.x, r.y - b.y, b.x + b.w - (r.x + r.w), b.y + b.h - (r.y + r.h))).toBeGreaterThanOrEqual(
        quiet,
      );
    }
  }
  // A QR code is square; its box is whole modules.
  if (mode !== 'barcode') expect([b.w % p, b.h]).toEqual([0, b.w]);
  if (mode !== 'emv') expect(view.digits.replace(/ /g, '')).toBe(view.payload);
}

/** A black screen with the white code box and its dark modules, as the page draws them; `shift` moves it by whole pixels. */
function paintScreen(d: DeviceFacts, layout: CodeLayout, shift = 0): RgbaImage {
  const move = <R extends { x: number; y: number }>(r: R): R => ({ ...r, x: r.x + shift, y: r.y + shift });
  return fillRects(
    fillRects(blankImage(d.width + shift, d.height + shift, 0x000000), [move(layout.bounds)], 0xffffff),
    layout.rects.map(move),
    0x000000,
  );
}

/** The picture moved right and down by `shift` whole pixels (black where it was), i.e. another place for the scanner's pixel grid. */
function shifted(image: RgbaImage, shift: number): RgbaImage {
  if (shift === 0) return image;
  const out = blankImage(image.width + shift, image.height + shift, 0x000000);
  for (let y = 0; y < image.height; y++) {
    out.data.set(
      image.data.subarray(y * image.width * 4, (y + 1) * image.width * 4),
      ((y + shift) * out.width + shift) * 4,
    );
  }
  return out;
}

/** Reads the degraded screen with both QR decoders, or with ZXing-C++ for a barcode (the TypeScript port reads no 2 px bars on a black screen). */
async function readDegraded(mode: CodeMode, image: RgbaImage): Promise<{ jsqr?: string | null; zxing: string | null }> {
  const shot = degrade(image, SCAN_SCALE[mode], BLUR_PX);
  if (mode === 'barcode') return { zxing: (await decodeBarcode(shot)).zxing };
  return decodeQr(shot);
}

/** Both decoders must read `payload` from a degraded copy of the painted layout. */
async function expectPaintedScans(d: DeviceFacts, mode: CodeMode, view: CodeView): Promise<void> {
  const want = mode === 'barcode' ? { zxing: view.payload } : { jsqr: view.payload, zxing: view.payload };
  if (mode === 'barcode') {
    // The undegraded picture always reads.
    expect((await decodeBarcode(paintScreen(d, view.layout))).zxing).toBe(view.payload);
    // At 2 px per module a 0.9 copy reads or not depending on where the scanner's pixels fall
    // (measured on random codes: about 78% of the offsets). A scanner reads frame after frame as the
    // wrist moves, so the code must read from at least one of the ten offsets a 0.9 scale has.
    let read: { zxing: string | null } = { zxing: null };
    for (let shift = 0; shift < 10 && read.zxing !== view.payload; shift++)
      read = await readDegraded(mode, paintScreen(d, view.layout, shift));
    expect(read).toEqual(want);
  } else {
    expect(await readDegraded(mode, paintScreen(d, view.layout))).toEqual(want);
  }
}

const arbLease: fc.Arbitrary<TokenLease> = fc
  .record({
    prefix: fc.integer({ min: 0, max: 99 }).filter((n) => !((n >= 10 && n <= 15) || (n >= 25 && n <= 30) || n === 62)),
    leaseNumber: fc.oneof(fc.stringMatching(/^[0-9]{7}$/), fc.stringMatching(/^[0-9]{8}$/)),
    secret: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  })
  .map(({ prefix, leaseNumber, secret }) =>
    lease({ issuerPrefix: String(prefix).padStart(2, '0'), leaseNumber, secret: encodeBase64Url(secret) }),
  );

export interface ScanSuite {
  /** Devices whose geometry is checked (cheap): every target device in the fast lane. */
  geometryOn: DeviceFacts[];
  /** Devices on which the painted layout is decoded. */
  decodeOn: DeviceFacts[];
  /** Devices on which the real pay page is run and its screen decoded. */
  pageOn: DeviceFacts[];
  /** Random leases per mode, over the decodeOn devices. */
  numRuns: number;
}

export function scanFromScreenSuite(s: ScanSuite): void {
  const label = (d: DeviceFacts) => `${d.name} (${d.shape} ${d.width}x${d.height})`;
  const cases = (devices: DeviceFacts[]) =>
    devices.flatMap((d) => CODE_MODES.map((mode) => ({ d, mode, name: label(d) })));

  if (s.geometryOn.length > 0)
    describe('geometry: the code with its quiet zone and digits fits the screen at whole px per module', () => {
      it.each(cases(s.geometryOn))('$name: $mode', ({ d, mode }) => {
        checkGeometry(d, mode, viewOn(d, lease(), mode));
      });
    });

  if (s.decodeOn.length > 0)
    describe('painted: the layout reads from a degraded copy of the screen', () => {
      it.each(cases(s.decodeOn))('$name: $mode', async ({ d, mode }) => {
        await expectPaintedScans(d, mode, viewOn(d, lease(), mode));
      });

      if (s.numRuns > 0) {
        it.each([...CODE_MODES])(
          'random leases and minutes: the %s reads',
          async (mode) => {
            await fc.assert(
              fc.asyncProperty(
                arbLease,
                fc.constantFrom(...s.decodeOn),
                fc.integer({ min: 0, max: 3_600_000 }),
                async (l, d, dt) => {
                  const view = viewOn(d, l, mode, T0 + dt);
                  checkGeometry(d, mode, view);
                  await expectPaintedScans(d, mode, view);
                },
              ),
              { numRuns: s.numRuns },
            );
          },
          20_000 + 3_000 * s.numRuns,
        ); // a barcode may take ten decodes (offsets), and the machine may be busy
      }
    });

  if (s.pageOn.length > 0)
    describe('the real pay page: barcode, then QR, then EMV QR after taps, read from the degraded screen', () => {
      it.each(s.pageOn.map((d) => ({ d, name: label(d) })))('$name', async ({ d }) => {
        const l = lease();
        const page = await openPageOffline({
          device: d.name,
          page: 'page/pay/index.page',
          startMs: T0,
          storage: {
            [WALLET_STORAGE_KEY]: JSON.stringify(applySync(EMPTY_WALLET, sync({ lease: l }), T0)),
            ...Object.fromEntries([lockEntry(T0)]),
          },
        });
        try {
          const code = generateCode(l, page.clock.now());
          const digits = page.watch.texts().find((t) => /^[\d ]{12,}$/.test(t));
          expect(digits?.replace(/ /g, ''), `code digits among ${JSON.stringify(page.watch.texts())}`).toBe(code);
          for (const mode of CODE_MODES) {
            const screen = renderToImage(page.snapshot());
            let read = await readDegraded(mode, screen);
            // A barcode at 2 px per module: from at least one of the ten offsets of a 0.9 scale (see expectPaintedScans).
            for (let shift = 1; mode === 'barcode' && shift < 10 && read.zxing !== code; shift++)
              read = await readDegraded(mode, shifted(screen, shift));
            if (mode === 'emv') {
              expect(read.jsqr).toBe(read.zxing);
              expect(
                verifyEmvCpm(read.zxing ?? '', page.clock.now(), () => ({ lease: l, revoked: false })),
              ).toMatchObject({ ok: true });
            } else {
              expect(read).toEqual(mode === 'barcode' ? { zxing: code } : { jsqr: code, zxing: code });
            }
            // A tap on the code (one CANVAS) moves to the next mode.
            const white = page.snapshot().widgets.find((w) => w.type === 'CANVAS');
            expect(white).toBeDefined();
            await page.watch.tap({ x: Number(white!.props.x) + 2, y: Number(white!.props.y) + 2 });
            await page.clock.settle();
          }
          expect(page.watch.errors).toEqual([]);
        } finally {
          await page.close();
        }
      });
    });
}

/** The fast lane's stand-ins for a sweep over every device: the smallest and the largest round and square screens. */
export function representativeDevices(devices: DeviceFacts[]): DeviceFacts[] {
  const area = (d: DeviceFacts) => d.width * d.height;
  const pick: DeviceFacts[] = [];
  for (const shape of ['round', 'square'] as const) {
    const of = devices.filter((d) => d.shape === shape).sort((a, b) => area(a) - area(b));
    if (of.length === 0) continue;
    pick.push(of[0]!);
    if (of.length > 1) pick.push(of[of.length - 1]!);
  }
  return pick;
}
