import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeForStep, generateCode, parseCode } from '../../lib/payment/code';
import type { HmacSha256 } from '../../lib/payment/hotp';
import { hotp } from '../../lib/payment/hotp';
import { LeaseError, leaseSecretBytes, leaseStepAt } from '../../lib/payment/lease';
import { luhnValid } from '../../lib/payment/luhn';
import { arbLease, makeLease, T0 } from '../../sim/fixtures/lease';

const nodeHmac: HmacSha256 = (key, msg) => new Uint8Array(createHmac('sha256', key).update(msg).digest());

describe('generateCode', () => {
  it('lays out prefix, lease number, TOTP digits and a Luhn digit', () => {
    fc.assert(
      fc.property(arbLease, fc.integer({ min: 0, max: 3600_000 }), (lease, dt) => {
        const now = Math.min(T0 + dt, lease.expiresAt - 1);
        const code = generateCode(lease, now);
        const otpDigits = lease.leaseNumber.length + 1;
        expect(code).toHaveLength(lease.leaseNumber.length === 8 ? 20 : 18);
        expect(code.length % 2).toBe(0);
        expect(code.slice(0, 2)).toBe(lease.issuerPrefix);
        expect(code.slice(2, 2 + lease.leaseNumber.length)).toBe(lease.leaseNumber);
        const otp = hotp(leaseSecretBytes(lease), leaseStepAt(lease, now), otpDigits, nodeHmac);
        expect(code.slice(2 + lease.leaseNumber.length, -1)).toBe(otp);
        expect(luhnValid(code)).toBe(true);
        expect(generateCode(lease, now, nodeHmac)).toBe(code);
      }),
    );
  });

  it('changes every step and holds within one', () => {
    const lease = makeLease();
    const a = generateCode(lease, T0);
    expect(generateCode(lease, T0 + 59_999)).toBe(a);
    expect(generateCode(lease, T0 + 60_000)).not.toBe(a);
  });

  it('refuses a lease that is not live, or a broken one', () => {
    const lease = makeLease();
    expect(() => generateCode(lease, lease.expiresAt)).toThrow(/expired/);
    expect(() => generateCode(lease, lease.notBefore - 1)).toThrow(/not valid yet/);
    expect(() => generateCode(makeLease({ issuerPrefix: '27' }), T0)).toThrow(LeaseError);
    expect(() => generateCode(makeLease({ leaseNumber: '123' }), T0)).toThrow(LeaseError);
    expect(() => generateCode(makeLease({ secret: 'AAAA' }), T0)).toThrow(LeaseError);
  });
});

describe('parseCode', () => {
  it('round-trips generated codes', () => {
    fc.assert(
      fc.property(arbLease, fc.nat({ max: 1e6 }), (lease, step) => {
        const code = codeForStep(lease, leaseStepAt(lease, T0) + step);
        const r = parseCode(code);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.code.prefix + r.code.leaseNumber + r.code.otp + r.code.checkDigit).toBe(code);
        expect(r.code.leaseNumber).toBe(lease.leaseNumber);
        expect(r.code.format.length).toBe(code.length);
      }),
    );
  });

  it('malformed: not digits, wrong length, reserved prefix', () => {
    for (const bad of [
      '',
      '8848213906123456789',
      '884821390612345678901',
      '88482139061234567x90',
      ' 88482139061234567890',
      12345 as unknown as string,
    ]) {
      expect(parseCode(bad)).toEqual({ ok: false, reason: 'malformed' });
    }
    // reserved prefix with a valid check digit
    const body = '2748213906123456789';
    const withCheck = [...'0123456789'].map((d) => body + d).find(luhnValid)!;
    expect(parseCode(withCheck)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('any string of digits parses or fails with a reason, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^\d{16,22}$/), fc.string()), (s) => {
        const r = parseCode(s);
        if (r.ok) expect(luhnValid(s) && (s.length === 18 || s.length === 20)).toBe(true);
        else expect(['malformed', 'bad-check-digit']).toContain(r.reason);
      }),
    );
  });
});
