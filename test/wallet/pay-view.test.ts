// The pay screen on every device we build for: the code it lays out must scan, from a degraded picture.
import { describe, expect, it } from 'vitest';
import { screenOf } from '../../lib/codes/layout';
import { generateCode } from '../../lib/payment/code';
import { groupDigits, nextMode, payView, type CodeMode } from '../../lib/wallet/pay-view';
import { verifyEmvCpm } from '../../lib/emv/cpm';
import { applySync, EMPTY_WALLET } from '../../lib/wallet/wallet';
import { loadTargetDevices } from '../../reference/devices';
import { layout as roundLayout } from '../../page/pay/index.r.layout';
import { layout as squareLayout } from '../../page/pay/index.s.layout';
import { decodeBarcode, decodeQr } from '../../sim/scan/scanner';
import { blankImage, degrade, fillRects } from '../../sim/scan/degrade';
import { lease, sync, T0 } from './fixtures';

const wallet = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);

describe('pay view', () => {
  it('cycles barcode -> QR -> EMV QR -> barcode', () => {
    expect(nextMode('barcode')).toBe('qr');
    expect(nextMode('qr')).toBe('emv');
    expect(nextMode('emv')).toBe('barcode');
  });

  it('the EMV mode carries a payload the issuer verifies for the same lease and step', () => {
    const view = payView(wallet, T0, 'emv', { width: 480, height: 480, cornerRadius: 240 }, roundLayout.geometry(480, 480));
    if (view.kind !== 'code') throw new Error('expected a code');
    const lookup = () => ({ lease: wallet.lease!, revoked: false });
    expect(verifyEmvCpm(view.payload, T0, lookup)).toMatchObject({ ok: true, leaseId: wallet.lease!.leaseId });
    expect(view.digits).toBe('EMV');
  });

  it('groups the digits in fours', () => {
    expect(groupDigits('12345678901234567890')).toBe('1234 5678 9012 3456 7890');
    expect(groupDigits('123456789012345678')).toBe('1234 5678 9012 3456 78');
  });

  it('shows a message instead of a code when there is no live lease', () => {
    const screen = { width: 480, height: 480, cornerRadius: 240 };
    const g = roundLayout.geometry(480, 480);
    expect(payView(EMPTY_WALLET, T0, 'qr', screen, g)).toMatchObject({ kind: 'message', titleKey: 'pay.noLease' });
    expect(payView(wallet, wallet.lease!.expiresAt + 1, 'qr', screen, g)).toMatchObject({ kind: 'message', titleKey: 'pay.expired' });
  });

  it('refreshes at the next step boundary', () => {
    const view = payView(wallet, T0, 'barcode', { width: 480, height: 480, cornerRadius: 240 }, roundLayout.geometry(480, 480));
    expect(view.kind).toBe('code');
    if (view.kind !== 'code') return;
    expect(view.refreshAt).toBe(Math.floor(T0 / 60_000) * 60_000 + 60_000);
    expect(view.digits.replace(/ /g, '')).toBe(generateCode(wallet.lease!, T0));
  });

  it('makes the code on the issuer\'s clock (watch clock + the offset of the last sync) and refreshes on the watch\'s', () => {
    const screen = { width: 480, height: 480, cornerRadius: 240 };
    const g = roundLayout.geometry(480, 480);
    for (const skew of [-3600_000, -300_000, -90_000, 90_000, 300_000, 3600_000]) {
      // The watch's clock reads T0 + skew when the issuer's reads T0.
      const skewed = applySync(EMPTY_WALLET, sync({ lease: lease(), now: T0 }), T0 + skew);
      expect(skewed.clockOffsetMs).toBe(-skew);
      const later = T0 + 123_456;
      const view = payView(skewed, later + skew, 'barcode', screen, g);
      if (view.kind !== 'code') throw new Error(`expected a code at skew ${skew}`);
      expect(view.digits.replace(/ /g, '')).toBe(generateCode(skewed.lease!, later));
      expect(view.refreshAt).toBe(Math.floor(later / 60_000) * 60_000 + 60_000 + skew);
    }
  });

  const devices = loadTargetDevices();
  const cases = devices.flatMap((d) => (['barcode', 'qr', 'emv'] as CodeMode[]).map((mode) => ({ d, mode })));
  it.each(cases)('$d.name ($d.width x $d.height): the $mode scans from a degraded screen', async ({ d, mode }) => {
    const screen = screenOf(d);
    const geometry = (d.shape === 'round' ? roundLayout : squareLayout).geometry(d.width, d.height);
    const view = payView(wallet, T0, mode, screen, geometry);
    if (view.kind !== 'code') throw new Error('expected a code');
    const { layout } = view;
    // Everything of the code inside the screen, and the digits line too.
    for (const r of [layout.bounds, layout.below!]) {
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.w).toBeLessThanOrEqual(d.width);
      expect(r.y + r.h).toBeLessThanOrEqual(d.height);
    }
    if (!view.compact) expect(layout.bounds.y).toBeGreaterThanOrEqual(geometry.area.y);
    expect(layout.pxPerModule).toBeGreaterThanOrEqual(mode === 'barcode' ? 2 : 4);
    const code = view.payload;
    if (mode !== 'emv') expect(view.digits.replace(/ /g, '')).toBe(code);
    // A black screen with the white code box and its bars, as the page draws it; `shift` moves the
    // picture by whole pixels before it is scaled, i.e. where the scanner's pixel grid falls.
    const screenImage = (shift: number) =>
      fillRects(
        fillRects(blankImage(d.width + shift, d.height + shift, 0x000000), [{ ...layout.bounds, x: layout.bounds.x + shift, y: layout.bounds.y + shift }], 0xffffff),
        layout.rects.map((r) => ({ ...r, x: r.x + shift, y: r.y + shift })),
        0x000000,
      );
    if (mode !== 'barcode') {
      const read = await decodeQr(degrade(screenImage(0), 0.8, 0.7));
      expect(read.jsqr).toBe(code);
      expect(read.zxing).toBe(code);
    } else {
      expect((await decodeBarcode(screenImage(0))).zxing).toBe(code);
      // At 2 px per module a 0.9 copy reads or not depending on where the scanner's pixels fall
      // (measured on random codes: about 78% of the offsets). A scanner reads frame after frame as
      // the wrist moves, so the code must read from at least one of the ten offsets a 0.9 scale has.
      let read: string | null = null;
      for (let shift = 0; shift < 10 && read !== code; shift++) read = (await decodeBarcode(degrade(screenImage(shift), 0.9, 0.7))).zxing;
      expect(read).toBe(code);
    }
  });
});
