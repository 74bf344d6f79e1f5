// Binding a watch to an account with a one-time code, unbinding it, and
// recognising the bearer credentials of devices, merchants and operators.
import type { TokenLease } from '../../lib/payment/types';
import { BINDING_LOOKUP_LENGTH, normalizeBindingCode } from '../../lib/issuer-api/binding-code';
import { IssuerError } from './errors';
import { type Ctx, sql } from './context';
import { type CredentialKind, credentialKind, hashSecret, newCredential, newId } from './ids';
import { mintLease } from './leases';
import { timingSafeEqual } from 'node:crypto';

const badCode = (): IssuerError => new IssuerError(401, 'bad-binding-code', 'binding code is wrong, expired or used');

export function bindDevice(
  ctx: Ctx,
  input: { bindingCode: string; deviceName: string },
): { deviceId: string; credential: string; lease: TokenLease } {
  const code = normalizeBindingCode(input.bindingCode);
  if (!code) throw badCode();
  const deviceName = input.deviceName.trim();
  if (deviceName.length === 0 || deviceName.length > 64) throw new IssuerError(400, 'bad-request', 'deviceName must be 1..64 characters');
  const { db } = ctx;
  const now = ctx.now();
  // A wrong secret must still be counted, so the transaction commits the
  // decrement and the error is thrown only after it.
  const outcome = db.transaction(() => {
    const row = sql(
      db,
      'SELECT id, secret_hash, account_id, expires_at, tries_left FROM binding_codes WHERE live = 1 AND lookup = ?',
    ).get(code.slice(0, BINDING_LOOKUP_LENGTH)) as
      | { id: number; secret_hash: Buffer; account_id: string; expires_at: number; tries_left: number }
      | undefined;
    if (!row) return undefined;
    if (row.expires_at <= now) {
      sql(db, 'UPDATE binding_codes SET live = 0 WHERE id = ?').run(row.id);
      return undefined;
    }
    if (!timingSafeEqual(row.secret_hash, hashSecret(code.slice(BINDING_LOOKUP_LENGTH)))) {
      // Burned after the last wrong try: live = 0 frees nothing useful to an attacker.
      sql(db, 'UPDATE binding_codes SET tries_left = tries_left - 1, live = CASE WHEN tries_left <= 1 THEN 0 ELSE 1 END WHERE id = ?').run(row.id);
      return undefined;
    }
    sql(db, 'UPDATE binding_codes SET live = 0 WHERE id = ?').run(row.id);
    const deviceId = newId('d');
    const credential = newCredential('device');
    sql(db, 'INSERT INTO devices (id, account_id, name, credential_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
      deviceId, row.account_id, deviceName, hashSecret(credential), now,
    );
    return { deviceId, credential, lease: mintLease(ctx, deviceId) };
  }).immediate();
  if (!outcome) throw badCode();
  return outcome;
}

/** Unbinds a device: its credential and every lease stop working in the same commit. */
export function unbindDevice(ctx: Ctx, deviceId: string): void {
  const { db } = ctx;
  db.transaction(() => {
    sql(db, 'UPDATE devices SET unbound_at = ? WHERE id = ? AND unbound_at IS NULL').run(ctx.now(), deviceId);
    sql(db, 'UPDATE leases SET revoked = 1 WHERE device_id = ?').run(deviceId);
  }).immediate();
}

export type Principal =
  | { kind: 'device'; id: string; accountId: string }
  | { kind: 'merchant'; id: string }
  | { kind: 'operator'; id: string };

/** Who holds this bearer token, or undefined. */
export function authenticate(ctx: Ctx, token: string, expected: CredentialKind): Principal | undefined {
  if (credentialKind(token) !== expected) return undefined;
  const hash = hashSecret(token);
  if (expected === 'device') {
    const row = sql(ctx.db, 'SELECT id, account_id FROM devices WHERE credential_hash = ? AND unbound_at IS NULL').get(hash) as
      | { id: string; account_id: string }
      | undefined;
    return row ? { kind: 'device', id: row.id, accountId: row.account_id } : undefined;
  }
  const table = expected === 'merchant' ? 'merchants' : 'operators';
  const row = sql(ctx.db, `SELECT id FROM ${table} WHERE key_hash = ? AND revoked_at IS NULL`).get(hash) as { id: string } | undefined;
  return row ? { kind: expected, id: row.id } : undefined;
}
