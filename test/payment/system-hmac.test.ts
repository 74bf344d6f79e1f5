import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HmacSha256 } from '../../lib/payment/hotp';
import { systemHmacSha256 } from '../../lib/payment/system-hmac';
import type { ZosDigestModule } from '../../lib/payment/system-hmac';

const HMAC_ID = 5;
// A stand-in for @zos/crypto, shaped as its docs describe, computing with node:crypto.
function fakeZos(opts: { wrong?: boolean; failAfter?: number } = {}): ZosDigestModule & { calls: number } {
  const mod = {
    calls: 0,
    alg: { HMAC_SHA_256: HMAC_ID },
    createCrypto(id: unknown, option: { private_key: Uint8Array }) {
      if (id !== HMAC_ID) return undefined;
      return {
        encrypt(data: Uint8Array) {
          mod.calls++;
          if (opts.failAfter !== undefined && mod.calls > opts.failAfter) throw new Error('device error');
          const d = createHmac(opts.wrong ? 'sha512' : 'sha256', option.private_key).update(data).digest().subarray(0, 32);
          const md = new ArrayBuffer(32);
          new Uint8Array(md).set(d);
          return { md_content: md, length: 32 };
        },
      };
    },
  };
  return mod;
}

const marker: HmacSha256 = () => new Uint8Array(32).fill(0xee);

describe('systemHmacSha256', () => {
  it('uses a system HMAC that passes the self-test', () => {
    const zos = fakeZos();
    const mac = systemHmacSha256(zos, marker);
    expect(mac).not.toBe(marker);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (k, m) => {
      expect(Buffer.from(mac(k, m))).toEqual(createHmac('sha256', k).update(m).digest());
    }));
    expect(zos.calls).toBeGreaterThan(1);
  });

  it('falls back when the module is missing, incomplete or wrong', () => {
    expect(systemHmacSha256(undefined, marker)).toBe(marker);
    expect(systemHmacSha256({}, marker)).toBe(marker);
    expect(systemHmacSha256({ alg: {}, createCrypto: () => undefined }, marker)).toBe(marker);
    expect(systemHmacSha256(fakeZos({ wrong: true }), marker)).toBe(marker);
    expect(systemHmacSha256({ alg: { HMAC_SHA_256: 1 }, createCrypto: () => { throw new Error('no'); } }, marker)).toBe(marker);
  });

  it('falls back per call when the system fails later', () => {
    const mac = systemHmacSha256(fakeZos({ failAfter: 1 }), marker);
    expect(mac(new Uint8Array(1), new Uint8Array(1))).toEqual(marker(new Uint8Array(0), new Uint8Array(0)));
  });
});
