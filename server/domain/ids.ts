// Random identifiers and secrets, and how secrets are stored.
import { createHash, randomBytes, randomFillSync, randomInt } from 'node:crypto';
import { CROCKFORD } from '../../lib/issuer-api/binding-code';

// Ids are made on every charge; one getrandom call per 4 KiB instead of per id.
// The pool holds only id material: secrets and credentials use randomBytes directly.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

/** For secrets a human types (binding codes): fresh bytes, not the id pool. */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD[bytes[i]! & 31];
  return out;
}

function pooledBase32(length: number): string {
  if (poolAt + length > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD[pool[poolAt++]! & 31];
  return out;
}

export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

/** Record ids: a readable kind prefix and 60 random bits. Not secret. */
export function newId(prefix: 'a' | 'c' | 'd' | 'l' | 'm' | 'o' | 'ch' | 'rf' | 'tu' | 'tr'): string {
  return `${prefix}_${pooledBase32(12).toLowerCase()}`;
}

export type CredentialKind = 'device' | 'merchant' | 'operator';
const CREDENTIAL_PREFIX: Record<CredentialKind, string> = { device: 'wd_', merchant: 'wm_', operator: 'wo_' };

/** A bearer credential: 256 random bits behind a prefix that names its kind. */
export function newCredential(kind: CredentialKind): string {
  return CREDENTIAL_PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function credentialKind(token: string): CredentialKind | undefined {
  for (const kind of ['device', 'merchant', 'operator'] as const) {
    if (token.startsWith(CREDENTIAL_PREFIX[kind])) return kind;
  }
  return undefined;
}

/**
 * Credentials are stored as SHA-256. A slow password hash (scrypt, argon2)
 * protects low-entropy human secrets from guessing; these tokens carry 256
 * random bits, so a fast hash is as strong and keeps every request cheap.
 * The same holds for a binding code's secret part, which is additionally
 * burned after a few wrong tries and lives 10 minutes.
 */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function newLeaseSecret(): string {
  return randomBytes(32).toString('base64url');
}
