import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../../lib/encoding/base64';
import {
  isIssuerPrefixAllowed,
  LeaseError,
  leaseIsLive,
  leaseSecretBytes,
  leaseStepAt,
  MAX_LEASE_LIFETIME_MS,
  MAX_STEP_SECONDS,
  MIN_STEP_SECONDS,
  newLeaseNumber,
  validateLease,
} from '../../lib/payment/lease';
import { arbLease, makeLease, T0 } from '../../sim/fixtures/lease';

function rejects(over: Record<string, unknown>, message: RegExp): void {
  expect(() => validateLease({ ...makeLease(), ...over })).toThrow(LeaseError);
  expect(() => validateLease({ ...makeLease(), ...over })).toThrow(message);
}

describe('validateLease', () => {
  it('accepts generated leases unchanged and strips unknown fields', () => {
    fc.assert(
      fc.property(arbLease, (lease) => {
        expect(validateLease(lease)).toEqual(lease);
        expect(validateLease(JSON.parse(JSON.stringify({ ...lease, extra: 1 })))).toEqual(lease);
      }),
    );
  });

  it('version, shape and ids', () => {
    expect(() => validateLease(null)).toThrow(/not an object/);
    expect(() => validateLease([])).toThrow(/not an object/);
    rejects({ v: 2 }, /version 2/);
    rejects({ v: '1' }, /version/);
    rejects({ leaseId: '' }, /leaseId/);
    rejects({ leaseId: 'a b' }, /leaseId/);
    rejects({ leaseId: 'x'.repeat(129) }, /leaseId/);
    expect(validateLease({ ...makeLease(), leaseId: 'x'.repeat(128) }).leaseId).toHaveLength(128);
  });

  it('lease number: 7 or 8 digits', () => {
    for (const n of ['1234567', '12345678', '00000000'])
      expect(validateLease({ ...makeLease(), leaseNumber: n }).leaseNumber).toBe(n);
    for (const n of ['123456', '123456789', '1234567a', '', 12345678]) rejects({ leaseNumber: n }, /leaseNumber/);
  });

  it('secret: exactly 32 bytes of unpadded base64url', () => {
    rejects({ secret: encodeBase64Url(new Uint8Array(31)) }, /32 bytes/);
    rejects({ secret: encodeBase64Url(new Uint8Array(33)) }, /32 bytes/);
    rejects({ secret: encodeBase64Url(new Uint8Array(32)) + '=' }, /base64url/);
    rejects({ secret: Buffer.from(new Uint8Array(32).fill(0xfb)).toString('base64') }, /base64url/); // '+' and '/'
    rejects({ secret: undefined }, /secret/);
  });

  it('step boundaries', () => {
    for (const s of [MIN_STEP_SECONDS, 60, MAX_STEP_SECONDS])
      expect(validateLease({ ...makeLease(), step: s }).step).toBe(s);
    for (const s of [MIN_STEP_SECONDS - 1, MAX_STEP_SECONDS + 1, 60.5, '60', Number.NaN]) rejects({ step: s }, /step/);
  });

  it('time boundaries', () => {
    const nb = T0;
    expect(validateLease({ ...makeLease(), notBefore: nb, expiresAt: nb + 1 }).expiresAt).toBe(nb + 1);
    expect(validateLease({ ...makeLease(), notBefore: nb, expiresAt: nb + MAX_LEASE_LIFETIME_MS }).expiresAt).toBe(
      nb + MAX_LEASE_LIFETIME_MS,
    );
    rejects({ notBefore: nb, expiresAt: nb }, /after notBefore/);
    rejects({ notBefore: nb, expiresAt: nb + MAX_LEASE_LIFETIME_MS + 1 }, /lifetime/);
    rejects({ notBefore: -1 }, /notBefore/);
    rejects({ expiresAt: 1.5 }, /expiresAt/);
    rejects({ expiresAt: String(T0) }, /expiresAt/);
  });

  it('issuer prefix: two digits, never 10-15 or 25-30', () => {
    for (let n = 0; n < 100; n++) {
      const p = String(n).padStart(2, '0');
      const reserved = (n >= 10 && n <= 15) || (n >= 25 && n <= 30) || n === 62;
      expect(isIssuerPrefixAllowed(p)).toBe(!reserved);
      if (reserved) rejects({ issuerPrefix: p }, /reserved/);
      else expect(validateLease({ ...makeLease(), issuerPrefix: p }).issuerPrefix).toBe(p);
    }
    for (const p of ['8', '888', 'a8', 88]) rejects({ issuerPrefix: p }, /issuerPrefix/);
  });

  it('limits', () => {
    rejects({ limits: { currency: 'cny', perPayment: 1, daily: 1 } }, /currency/);
    rejects({ limits: { currency: 'CNY', perPayment: -1, daily: 1 } }, /perPayment/);
    rejects({ limits: { currency: 'CNY', perPayment: 1, daily: 0.5 } }, /daily/);
    rejects({ limits: null }, /limits/);
  });

  it('any input either validates or throws LeaseError', () => {
    const junk = fc.oneof(
      fc.anything(),
      fc.record({
        v: fc.constantFrom(1, 2),
        leaseId: fc.string(),
        leaseNumber: fc.string(),
        secret: fc.string(),
        step: fc.anything(),
        notBefore: fc.anything(),
        expiresAt: fc.anything(),
        issuerPrefix: fc.string(),
        limits: fc.anything(),
      }),
      arbLease.chain((l) =>
        fc
          .record({ key: fc.constantFrom(...Object.keys(l)), value: fc.anything() })
          .map((p) => ({ ...l, [p.key]: p.value })),
      ),
    );
    fc.assert(
      fc.property(junk, (x) => {
        try {
          validateLease(x);
        } catch (e) {
          expect(e).toBeInstanceOf(LeaseError);
        }
      }),
    );
  });
});

describe('lease helpers', () => {
  it('leaseIsLive is [notBefore, expiresAt)', () => {
    const l = makeLease();
    expect(leaseIsLive(l, l.notBefore - 1)).toBe(false);
    expect(leaseIsLive(l, l.notBefore)).toBe(true);
    expect(leaseIsLive(l, l.expiresAt - 1)).toBe(true);
    expect(leaseIsLive(l, l.expiresAt)).toBe(false);
  });

  it('leaseStepAt counts steps from the Unix epoch', () => {
    const l = makeLease({ step: 60 });
    expect(leaseStepAt(l, 0)).toBe(0);
    expect(leaseStepAt(l, 59_999)).toBe(0);
    expect(leaseStepAt(l, 60_000)).toBe(1);
    expect(leaseStepAt(l, T0)).toBe(T0 / 60_000);
  });

  it('leaseSecretBytes decodes the secret', () => {
    expect(leaseSecretBytes(makeLease())).toHaveLength(32);
    expect(() => leaseSecretBytes(makeLease({ secret: 'abc' }))).toThrow(LeaseError);
  });

  it('newLeaseNumber: digits only, drops biased bytes, every digit reachable', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.constantFrom(7, 8), (bytes, digits) => {
        let calls = 0;
        const n = newLeaseNumber((k) => (calls++ === 0 ? bytes.slice(0, k) : new Uint8Array(k).fill(3)), digits);
        expect(n).toMatch(new RegExp(`^\\d{${digits}}$`));
        const kept = [...bytes]
          .filter((b) => b < 250)
          .map((b) => b % 10)
          .join('');
        expect(n.startsWith(kept.slice(0, digits))).toBe(true);
      }),
    );
    expect(newLeaseNumber((k) => new Uint8Array(k).fill(255).map((_, i) => (i < 8 ? 255 : 9)), 8)).toBe('99999999');
    expect(() => newLeaseNumber(() => new Uint8Array(0))).toThrow(TypeError);
    expect(() => newLeaseNumber((k) => new Uint8Array(k), 9)).toThrow(RangeError);
  });
});
