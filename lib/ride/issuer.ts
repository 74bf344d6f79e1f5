// The issuer's side: its P-256 keys, the certificates it puts in leases and the revocation lists
// readers fetch. Pure (randomness comes in as bytes) so tests, the reader and the issuer share it.
import { p256 } from '@noble/curves/nist.js';
import { decodeBase64Url, encodeBase64Url } from '../encoding/base64';
import { isRecord } from '../guards';
import { RIDE_KEY_IDS } from './credential';
import { certMessage, revocationMessage } from './messages';

/** An issuer secret key from 48 random bytes (reduced mod n). */
export function issuerKeyFromSeed(seed48: Uint8Array): Uint8Array {
  return p256.utils.randomSecretKey(seed48);
}

export function issuerPublicKey(secret: Uint8Array): Uint8Array {
  return p256.getPublicKey(secret, true);
}

/** The certificate signature (64 bytes, base64url) over a card key. */
export function signRideCert(
  issuerSecret: Uint8Array,
  keyId: number,
  serial: number,
  notAfter: number,
  cardPublicKey: Uint8Array,
): string {
  return encodeBase64Url(p256.sign(certMessage(keyId, serial, notAfter, cardPublicKey), issuerSecret, { lowS: true }));
}

/** A signed, dated revocation list, as readers fetch it (JSON). */
export interface RevocationList {
  key: number;
  issuedAt: number; // UTC ms
  nextUpdate: number; // UTC ms: fetch a new one by then
  serials: number[]; // sorted, unique
  sig: string; // base64url, 64 bytes
}

export function signRevocationList(
  issuerSecret: Uint8Array,
  keyId: number,
  issuedAt: number,
  nextUpdate: number,
  serials: Iterable<number>,
): RevocationList {
  const sorted = [...new Set(serials)].sort((a, b) => a - b);
  const sig = p256.sign(revocationMessage(keyId, issuedAt, nextUpdate, sorted), issuerSecret, { lowS: true });
  return { key: keyId, issuedAt, nextUpdate, serials: sorted, sig: encodeBase64Url(sig) };
}

/** Readers keep using a list this long past its nextUpdate, then refuse every code (docs/ride-codes.md). */
export const REVOCATION_GRACE_MS = 24 * 3600_000;

export type ListCheck = { ok: true; list: RevocationList } | { ok: false; message: string };

/** Checks an untrusted revocation list against the issuer keys. Never throws. */
export function verifyRevocationList(x: unknown, keys: ReadonlyMap<number, Uint8Array>): ListCheck {
  const bad = (message: string): ListCheck => ({ ok: false, message });
  if (!isRecord(x)) return bad('not an object');
  const { key, issuedAt, nextUpdate, serials, sig } = x;
  if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= RIDE_KEY_IDS) return bad('bad key id');
  const pub = keys.get(key);
  if (!pub) return bad('signed by an unknown issuer key');
  if (!Number.isSafeInteger(issuedAt) || !Number.isSafeInteger(nextUpdate) || (issuedAt as number) < 0)
    return bad('bad dates');
  if ((nextUpdate as number) <= (issuedAt as number)) return bad('nextUpdate must be after issuedAt');
  if (!Array.isArray(serials) || serials.length > 1_000_000) return bad('serials must be a list');
  for (let i = 0; i < serials.length; i++) {
    const s: unknown = serials[i];
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 1 || s > 0xffffffff) return bad('bad serial');
    if (i > 0 && s <= (serials[i - 1] as number)) return bad('serials must be sorted and unique');
  }
  if (typeof sig !== 'string') return bad('no signature');
  try {
    const msg = revocationMessage(key, issuedAt as number, nextUpdate as number, serials as number[]);
    if (!p256.verify(decodeBase64Url(sig), msg, pub, { lowS: true })) return bad('bad signature');
  } catch {
    return bad('bad signature');
  }
  return {
    ok: true,
    list: {
      key,
      issuedAt: issuedAt as number,
      nextUpdate: nextUpdate as number,
      serials: [...(serials as number[])],
      sig,
    },
  };
}

/** Issuer keys as the operator route sends them: {id, publicKey (base64url)}; bad entries are skipped. */
export function issuerKeysFrom(list: readonly { id: number; publicKey: string }[]): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  for (const k of list) {
    try {
      const pub = decodeBase64Url(k.publicKey);
      p256.Point.fromBytes(pub);
      if (Number.isInteger(k.id) && k.id >= 0 && k.id < RIDE_KEY_IDS) out.set(k.id, pub);
    } catch {
      // not a P-256 point: not a key
    }
  }
  return out;
}
