// Adapter from the watch's @zos/crypto digest API to HmacSha256, with a self-test and the
// pure-JS HMAC as fallback. lib/ cannot import @zos, so the page passes the module in:
//   import * as zosCrypto from '@zos/crypto'; const mac = systemHmacSha256(zosCrypto);
// API as documented (zeppos-docs reference/device-app-api/newAPI/crypto/DigestCrypto, API 3.0):
// createCrypto(alg.HMAC_SHA_256, { private_key }) -> DigestCrypto | undefined, and
// encrypt(data) -> { md_content: ArrayBuffer, length } | undefined. @zeppos/device-types 4.0.0
// has no typings for it and no device has confirmed it, hence the structural type and self-test.
import { nobleHmacSha256 } from './hotp';
import type { HmacSha256 } from './hotp';

export interface ZosDigestModule {
  alg?: { HMAC_SHA_256?: unknown };
  createCrypto?: (algorithmId: unknown, option: { private_key: Uint8Array }) => ZosDigest | undefined;
}
interface ZosDigest {
  encrypt(data: Uint8Array): { md_content: ArrayBuffer; length?: number } | undefined;
}

// RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
const SELF_TEST_KEY = [0x4a, 0x65, 0x66, 0x65];
const SELF_TEST_MSG = 'what do ya want for nothing?';
const SELF_TEST_TAG = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += ((b[i] as number) < 16 ? '0' : '') + (b[i] as number).toString(16);
  return s;
}

function systemOnce(mod: ZosDigestModule, key: Uint8Array, msg: Uint8Array): Uint8Array | undefined {
  const id = mod.alg?.HMAC_SHA_256;
  if (id === undefined || typeof mod.createCrypto !== 'function') return undefined;
  const r = mod.createCrypto(id, { private_key: key })?.encrypt(msg);
  if (!r || !(r.md_content instanceof ArrayBuffer) || r.md_content.byteLength !== 32) return undefined;
  return new Uint8Array(r.md_content);
}

/**
 * The system HMAC-SHA256 if `mod` offers one that passes RFC 4231 test case 2, else
 * `fallback`. If a later call fails (throws or returns nothing) it falls back for that call.
 */
export function systemHmacSha256(mod: ZosDigestModule | undefined, fallback: HmacSha256 = nobleHmacSha256): HmacSha256 {
  if (!mod) return fallback;
  try {
    const msg = Uint8Array.from(SELF_TEST_MSG, (c) => c.charCodeAt(0));
    const tag = systemOnce(mod, Uint8Array.from(SELF_TEST_KEY), msg);
    if (!tag || hex(tag) !== SELF_TEST_TAG) return fallback;
  } catch {
    return fallback;
  }
  return (key, msg) => {
    try {
      return systemOnce(mod, key, msg) ?? fallback(key, msg);
    } catch {
      return fallback(key, msg);
    }
  };
}
