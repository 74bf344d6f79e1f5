import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit, luhnValid } from '../../lib/payment/luhn';

describe('luhn', () => {
  it('known numbers', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('1234567890123458')).toBe(false); // the EMV CPM annex PAN is illustrative, not Luhn-valid
    expect(luhnValid('4111111111111111')).toBe(true);
  });

  it('the check digit validates, and every single-digit change is caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,25}$/), fc.nat(), fc.integer({ min: 1, max: 9 }), (payload, at, bump) => {
        const full = payload + luhnCheckDigit(payload);
        expect(luhnValid(full)).toBe(true);
        const i = at % full.length;
        const changed = full.slice(0, i) + String((Number(full[i]) + bump) % 10) + full.slice(i + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });

  it('adjacent transpositions are caught except 09 <-> 90', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{2,20}$/), fc.nat(), (payload, at) => {
        const full = payload + luhnCheckDigit(payload);
        const i = at % (full.length - 1);
        const a = full[i]!;
        const b = full[i + 1]!;
        fc.pre(a !== b && !((a === '0' && b === '9') || (a === '9' && b === '0')));
        expect(luhnValid(full.slice(0, i) + b + a + full.slice(i + 2))).toBe(false);
      }),
    );
  });

  it('input checks', () => {
    expect(() => luhnCheckDigit('')).toThrow(TypeError);
    expect(() => luhnCheckDigit('12a')).toThrow(TypeError);
    expect(luhnValid('0')).toBe(false);
    expect(luhnValid('00')).toBe(true);
    expect(luhnValid('１２')).toBe(false);
  });
});
