// Binding a watch to an account with a one-time code, unbinding it, and
// recognising the bearer credentials of devices, merchants and operators.
import type { TokenLease } from '../../lib/payment/types';
import { BINDING_LOOKUP_LENGTH, normalizeBindingCode } from '../../lib/issuer-api/binding-code';
import { IssuerError } from './errors';
import type { Ctx } from './context';
import { type CredentialKind, credentialKind, hashSecret, newCredential, newId } from './ids';
import { mintLease } from './leases';
import { timingSafeEqual } from 'node:crypto';
import type { Store } from '../db/store';
import { tickBatch } from '../db/tick-batch';

const badCode = (): IssuerError => new IssuerError(401, 'bad-binding-code', 'binding code is wrong, expired or used');

export async function bindDevice(
  ctx: Ctx,
  input: { bindingCode: string; deviceName: string },
): Promise<{ deviceId: string; credential: string; lease: TokenLease }> {
  const code = normalizeBindingCode(input.bindingCode);
  if (!code) throw badCode();
  const deviceName = input.deviceName.trim();
  if (deviceName.length === 0 || deviceName.length > 64)
    throw new IssuerError(400, 'bad-request', 'deviceName must be 1..64 characters');
  const now = ctx.now();
  // A wrong secret must still be counted, so the transaction commits the
  // decrement and the error is thrown only after it. The code's row is locked
  // while it is judged: tries on two issuer processes are counted one after
  // the other, and a code binds one device only.
  const outcome = await ctx.db.tx(async (tx) => {
    const row = await tx.get<{
      id: number;
      secret_hash: Buffer;
      account_id: string;
      expires_at: number;
      tries_left: number;
    }>(
      `SELECT id, secret_hash, account_id, expires_at, tries_left FROM binding_codes WHERE live = 1 AND lookup = ?${tx.forUpdate}`,
      code.slice(0, BINDING_LOOKUP_LENGTH),
    );
    if (!row) return undefined;
    if (row.expires_at <= now) {
      await tx.run('UPDATE binding_codes SET live = 0 WHERE id = ?', row.id);
      return undefined;
    }
    if (!timingSafeEqual(row.secret_hash, hashSecret(code.slice(BINDING_LOOKUP_LENGTH)))) {
      // Burned after the last wrong try: live = 0 frees nothing useful to an attacker.
      await tx.run(
        'UPDATE binding_codes SET tries_left = tries_left - 1, live = CASE WHEN tries_left <= 1 THEN 0 ELSE 1 END WHERE id = ?',
        row.id,
      );
      return undefined;
    }
    await tx.run('UPDATE binding_codes SET live = 0 WHERE id = ?', row.id);
    const deviceId = newId('d');
    const credential = newCredential('device');
    await tx.run(
      'INSERT INTO devices (id, account_id, name, credential_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      deviceId,
      row.account_id,
      deviceName,
      hashSecret(credential),
      now,
    );
    return { deviceId, credential, lease: await mintLease(ctx, tx, deviceId) };
  });
  if (!outcome) throw badCode();
  return outcome;
}

/** Unbinds a device: its credential and every lease stop working in the same commit. */
export async function unbindDevice(ctx: Ctx, deviceId: string): Promise<void> {
  await ctx.db.tx(async (tx) => {
    await tx.run('UPDATE devices SET unbound_at = ? WHERE id = ? AND unbound_at IS NULL', ctx.now(), deviceId);
    await tx.run('UPDATE leases SET revoked = 1 WHERE device_id = ?', deviceId);
  });
}

export type Principal =
  | { kind: 'device'; id: string; accountId: string }
  | { kind: 'merchant'; id: string }
  | { kind: 'operator'; id: string };

/** Who holds this bearer token, or undefined. */
export async function authenticate(ctx: Ctx, token: string, expected: CredentialKind): Promise<Principal | undefined> {
  if (credentialKind(token) !== expected) return undefined;
  const hash = hashSecret(token);
  if (expected === 'device') {
    const row = await ctx.db.get<{ id: string; account_id: string }>(
      'SELECT id, account_id FROM devices WHERE credential_hash = ? AND unbound_at IS NULL',
      hash,
    );
    return row ? { kind: 'device', id: row.id, accountId: row.account_id } : undefined;
  }
  // Merchant and operator keys are looked up on every request, like device credentials: a
  // revoke or rotate-key (often from the CLI, another process) stops the old key at once.
  // On PostgreSQL the lookups of one turn of the event loop share one statement.
  const table = expected === 'merchant' ? 'merchants' : 'operators';
  const row =
    ctx.db.dialect === 'postgres'
      ? await keyLookups(ctx.db, table)(hash.toString('hex'))
      : await ctx.db.get<{ id: string }>(`SELECT id FROM ${table} WHERE key_hash = ? AND revoked_at IS NULL`, hash);
  return row ? { kind: expected, id: row.id } : undefined;
}

type KeyLookup = (hashHex: string) => Promise<{ id: string } | undefined>;
const keyLookupsOf = new WeakMap<Store, Map<string, KeyLookup>>();

/** Merchant or operator keys by hash, one statement per turn of the event loop (tick-batch.ts). */
function keyLookups(db: Store, table: 'merchants' | 'operators'): KeyLookup {
  let byTable = keyLookupsOf.get(db);
  if (!byTable) keyLookupsOf.set(db, (byTable = new Map()));
  let lookup = byTable.get(table);
  if (!lookup) {
    lookup = tickBatch(async (hashes: string[]) => {
      const rows = await db.all<{ id: string; h: string }>(
        `SELECT id, encode(key_hash, 'hex') AS h FROM ${table}
          WHERE key_hash IN (SELECT decode(x, 'hex') FROM unnest(?::text[]) x) AND revoked_at IS NULL`,
        hashes,
      );
      const found = new Map(rows.map((r) => [r.h, { id: r.id }]));
      return hashes.map((h) => found.get(h));
    });
    byTable.set(table, lookup);
  }
  return lookup;
}
