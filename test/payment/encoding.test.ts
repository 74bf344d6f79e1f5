import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Error, decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url } from '../../lib/encoding/base64';
import { constantTimeEqual, fromHex, HexError, toHex } from '../../lib/encoding/bytes';

describe('base64 and base64url', () => {
  it('match node Buffer on any bytes and round-trip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const std = encodeBase64(bytes);
        const url = encodeBase64Url(bytes);
        expect(std).toBe(Buffer.from(bytes).toString('base64'));
        expect(url).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeBase64(std)).toEqual(bytes);
        expect(decodeBase64Url(url)).toEqual(bytes);
      }),
    );
  });

  it('RFC 4648 section 10 vectors', () => {
    const v: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, b64] of v) {
      expect(encodeBase64(new TextEncoder().encode(plain))).toBe(b64);
      expect(new TextDecoder().decode(decodeBase64(b64))).toBe(plain);
      expect(encodeBase64Url(new TextEncoder().encode(plain))).toBe(b64.replace(/=/g, ''));
    }
  });

  it('rejects non-canonical or foreign text', () => {
    for (const bad of ['Zg', 'Zg=', 'Zh==', 'Z===', 'Zm9v!', 'Zm9vY', 'Zm-v', 'Zm_v', '====', 'Zg==Zg==', 'Zm9v\n']) {
      expect(() => decodeBase64(bad), bad).toThrow(Base64Error);
    }
    for (const bad of ['Zg==', 'Zh', 'Z', 'Zm+v', 'Zm/v', 'é']) {
      expect(() => decodeBase64Url(bad), bad).toThrow(Base64Error);
    }
  });

  it('any string decodes to bytes that re-encode to it, or fails with Base64Error', () => {
    const alphabetish = fc.string({ unit: fc.constantFrom(...'AZaz09+/-_=Q!'.split('')), maxLength: 24 });
    fc.assert(
      fc.property(fc.oneof(alphabetish, fc.string()), (s) => {
        for (const [dec, enc] of [
          [decodeBase64, encodeBase64],
          [decodeBase64Url, encodeBase64Url],
        ] as const) {
          let bytes: Uint8Array | undefined;
          try {
            bytes = dec(s);
          } catch (e) {
            expect(e).toBeInstanceOf(Base64Error);
          }
          if (bytes) expect(enc(bytes)).toBe(s);
        }
      }),
    );
  });
});

describe('hex', () => {
  it('round-trips and rejects bad text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(toHex(b)).toBe(Buffer.from(b).toString('hex').toUpperCase());
        expect(fromHex(toHex(b).toLowerCase())).toEqual(b);
      }),
    );
    for (const bad of ['0', 'GG', '0x00', ' 00']) expect(() => fromHex(bad)).toThrow(HexError);
  });
});

describe('constantTimeEqual', () => {
  it('agrees with === on strings and on bytes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (a, b, same) => {
        const c = same ? a : b;
        expect(constantTimeEqual(a, c)).toBe(a === c);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), fc.boolean(), (a, b, same) => {
        const c = same ? Uint8Array.from(a) : b;
        expect(constantTimeEqual(a, c)).toBe(Buffer.from(a).equals(Buffer.from(c)));
      }),
    );
  });
});
