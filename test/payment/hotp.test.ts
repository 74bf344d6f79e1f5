import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterBytes, hotp, MAX_HOTP_DIGITS, nobleHmacSha256, totpCounter, truncate } from '../../lib/payment/hotp';
import type { HmacSha256 } from '../../lib/payment/hotp';

const nodeHmac: HmacSha256 = (key, msg) => new Uint8Array(createHmac('sha256', key).update(msg).digest());

// Independent reference with BigInt: RFC 4226 truncation up to 8 digits, 63-bit window above.
function referenceHotp(key: Uint8Array, counter: number, digits: number): string {
  const c = new Uint8Array(8);
  new DataView(c.buffer).setBigUint64(0, BigInt(counter));
  const tag = createHmac('sha256', key).update(c).digest();
  const offset = tag[tag.length - 1]! & 0x0f;
  const width = digits <= 8 ? 4 : 8;
  let v = 0n;
  for (let i = 0; i < width; i++) v = (v << 8n) | BigInt(tag[offset + i]!);
  v &= (1n << BigInt(width * 8 - 1)) - 1n;
  return (v % 10n ** BigInt(digits)).toString().padStart(digits, '0');
}

describe('RFC 6238 SHA-256 test vectors (appendix B)', () => {
  const key = new TextEncoder().encode('12345678901234567890123456789012');
  const vectors: Array<[number, string, string]> = [
    [59, '0000000000000001', '46119246'],
    [1111111109, '00000000023523EC', '68084774'],
    [1111111111, '00000000023523ED', '67062674'],
    [1234567890, '000000000273EF07', '91819424'],
    [2000000000, '0000000003F940AA', '90698825'],
    [20000000000, '0000000027BC86AA', '77737706'],
  ];
  for (const [seconds, counterHex, code] of vectors) {
    it(`T=${seconds}s -> ${code}`, () => {
      const t = totpCounter(seconds * 1000, 30);
      expect(Buffer.from(counterBytes(t)).toString('hex').toUpperCase()).toBe(counterHex);
      expect(hotp(key, t, 8)).toBe(code);
      expect(hotp(key, t, 8, nodeHmac)).toBe(code);
    });
  }
});

describe('hotp', () => {
  it('noble HMAC-SHA256 agrees with node:crypto', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), (key, msg) => {
        expect(Buffer.from(nobleHmacSha256(key, msg))).toEqual(Buffer.from(nodeHmac(key, msg)));
      }),
    );
  });

  it('matches a BigInt reference for every digit count and counter', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.maxSafeNat(),
        fc.integer({ min: 1, max: MAX_HOTP_DIGITS }),
        (key, counter, digits) => {
          const code = hotp(key, counter, digits);
          expect(code).toMatch(new RegExp(`^\\d{${digits}}$`));
          expect(code).toBe(referenceHotp(key, counter, digits));
        },
      ),
    );
  });

  it('counterBytes is the 8-byte big-endian counter', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setBigUint64(0, BigInt(n));
        expect(counterBytes(n)).toEqual(b);
      }),
    );
  });

  it('rejects bad counters, digit counts and short tags', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, Infinity]) {
      expect(() => counterBytes(bad)).toThrow(RangeError);
    }
    for (const bad of [0, MAX_HOTP_DIGITS + 1, 6.5]) {
      expect(() => hotp(new Uint8Array(32), 1, bad)).toThrow(RangeError);
    }
    expect(() => truncate(new Uint8Array(20), 8)).not.toThrow(); // SHA-1 size still fine for RFC 4226 widths
    expect(() => truncate(new Uint8Array(20), 9)).toThrow(/too short/);
    expect(() => totpCounter(1000, 0)).toThrow(RangeError);
    expect(() => totpCounter(-1, 60)).toThrow(RangeError);
    expect(() => totpCounter(Number.NaN, 60)).toThrow(RangeError);
  });

  it('the 9-digit window is close to uniform in its leading digit', () => {
    // 31 bits would make leading digits 0-1 half again as likely as 2-9 for 9 digits.
    const key = new Uint8Array(32).fill(7);
    const counts = new Array<number>(10).fill(0);
    const n = 5000;
    for (let c = 0; c < n; c++) counts[Number(hotp(key, c, 9)[0])]!++;
    for (const k of counts) expect(Math.abs(k - n / 10)).toBeLessThan(n / 10 / 4);
  });
});
