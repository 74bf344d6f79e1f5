// What each signature covers (SHA-256 of these bytes; P-256 ECDSA hashes with SHA-256 itself).
// Each message starts with its own label so a signature of one kind can never stand for another.

const CERT_LABEL = 'WW-RIDE-CERT-1';
const STEP_LABEL = 'WW-RIDE-STEP-1';
const LIST_LABEL = 'WW-RIDE-REVOKED-1';

function ascii(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  return out;
}
function u32(v: number): number[] {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
}
/** A non-negative safe integer as 8 bytes (two u32 halves). */
function u64(v: number): number[] {
  return [...u32(Math.floor(v / 0x100000000)), ...u32(v >>> 0)];
}

/** The certificate: the issuer vouches that the card key `publicKey` (33-byte compressed point) rides as `serial` until notAfter. */
export function certMessage(keyId: number, serial: number, notAfter: number, publicKey: Uint8Array): Uint8Array {
  return Uint8Array.from([...ascii(CERT_LABEL), keyId, ...u32(serial), ...u32(notAfter), ...publicKey]);
}

/** The per-step proof: the card key rides `serial` at `step`. */
export function stepMessage(
  version: number,
  keyId: number,
  serial: number,
  notAfter: number,
  step: number,
): Uint8Array {
  return Uint8Array.from([...ascii(STEP_LABEL), version, keyId, ...u32(serial), ...u32(notAfter), ...u32(step)]);
}

/** The revocation list: serials (sorted, unique) revoked as of issuedAt, good until nextUpdate (UTC ms). */
export function revocationMessage(
  keyId: number,
  issuedAt: number,
  nextUpdate: number,
  serials: readonly number[],
): Uint8Array {
  const out = [...ascii(LIST_LABEL), keyId, ...u64(issuedAt), ...u64(nextUpdate), ...u32(serials.length)];
  for (const s of serials) out.push(...u32(s));
  return Uint8Array.from(out);
}
