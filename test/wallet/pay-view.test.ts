// The pay view's logic: modes, digits, messages and refresh. That its code scans from a degraded screen on
// every device: test/codes/scan-from-screen.
import { describe, expect, it } from 'vitest';
import { generateCode } from '../../lib/payment/code';
import { groupDigits, nextMode, payView } from '../../lib/wallet/pay-view';
import { verifyEmvCpm } from '../../lib/emv/cpm';
import { applySync, EMPTY_WALLET } from '../../lib/wallet/wallet';
import { layout as roundLayout } from '../../page/pay/index.r.layout';
import { lease, sync, T0 } from '../../sim/fixtures/wallet';

const wallet = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);

describe('pay view', () => {
  it('cycles barcode -> QR -> EMV QR -> barcode', () => {
    expect(nextMode('barcode')).toBe('qr');
    expect(nextMode('qr')).toBe('emv');
    expect(nextMode('emv')).toBe('barcode');
  });

  it('the EMV mode carries a payload the issuer verifies for the same lease and step', () => {
    const view = payView(
      wallet,
      T0,
      'emv',
      { width: 480, height: 480, cornerRadius: 240 },
      roundLayout.geometry(480, 480),
    );
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
    expect(payView(wallet, wallet.lease!.expiresAt + 1, 'qr', screen, g)).toMatchObject({
      kind: 'message',
      titleKey: 'pay.expired',
    });
  });

  it('refreshes at the next step boundary', () => {
    const view = payView(
      wallet,
      T0,
      'barcode',
      { width: 480, height: 480, cornerRadius: 240 },
      roundLayout.geometry(480, 480),
    );
    expect(view.kind).toBe('code');
    if (view.kind !== 'code') return;
    expect(view.refreshAt).toBe(Math.floor(T0 / 60_000) * 60_000 + 60_000);
    expect(view.digits.replace(/ /g, '')).toBe(generateCode(wallet.lease!, T0));
  });

  it("makes the code on the issuer's clock (watch clock + the offset of the last sync) and refreshes on the watch's", () => {
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
});
