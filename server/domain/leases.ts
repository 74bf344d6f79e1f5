// Minting leases for bound devices, and finding them again when a code comes back.
import { randomBytes } from 'node:crypto';
import { newLeaseNumber } from '../../lib/payment/lease';
import type { LeaseRecord, TokenLease } from '../../lib/payment/types';
import { IssuerError } from './errors';
import type { Ctx } from './context';
import type { Queries, Tx } from '../db/store';
import { newId, newLeaseSecret } from './ids';
import { certifyLease, leaseRideCredentials } from './rides';

interface LeaseRow {
  id: string;
  lease_number: string;
  secret: string;
  step: number;
  issuer_prefix: string;
  not_before: number;
  expires_at: number;
  currency: string;
  per_payment: number;
  daily: number;
  revoked: number;
  account_id: string;
}

function toLease(row: LeaseRow): TokenLease {
  return {
    v: 1,
    leaseId: row.id,
    leaseNumber: row.lease_number,
    secret: row.secret,
    step: row.step,
    notBefore: row.not_before,
    expiresAt: row.expires_at,
    issuerPrefix: row.issuer_prefix,
    limits: { currency: row.currency, perPayment: row.per_payment, daily: row.daily },
  };
}

// An expired lease stays findable for a day so its codes are declined as
// "expired" rather than "unknown"; after that its number may be reused.
const RETIRE_AFTER_MS = 24 * 3600_000;

/**
 * Mints a lease for a bound device; call inside a transaction. The device row
 * is locked first, so two leases minted at once for one device (on two
 * issuer processes) keep "only the newest few stay usable".
 */
export async function mintLease(ctx: Ctx, tx: Tx, deviceId: string): Promise<TokenLease> {
  const { config } = ctx;
  const now = ctx.now();
  const locked = await tx.get<{ id: string }>(
    `SELECT id FROM devices WHERE id = ? AND unbound_at IS NULL${tx.forUpdate}`,
    deviceId,
  );
  const device =
    locked &&
    (await tx.get<{ account_id: string; currency: string; per_payment: number; daily: number }>(
      `SELECT d.account_id, a.currency, a.per_payment, a.daily FROM devices d JOIN accounts a ON a.id = d.account_id
      WHERE d.id = ?`,
      deviceId,
    ));
  if (!device) throw new IssuerError(401, 'unauthorized', 'device is not bound');
  await tx.run('UPDATE leases SET live = 0 WHERE live = 1 AND expires_at < ?', now - RETIRE_AFTER_MS);
  const row: LeaseRow = {
    id: newId('l'),
    lease_number: '',
    secret: newLeaseSecret(),
    step: config.leaseStepSeconds,
    issuer_prefix: config.issuerPrefix,
    not_before: now,
    expires_at: now + config.leaseLifetimeMs,
    currency: device.currency,
    per_payment: device.per_payment,
    daily: device.daily,
    revoked: 0,
    account_id: device.account_id,
  };
  const insert = `INSERT INTO leases (id, device_id, account_id, lease_number, secret, step, issuer_prefix, not_before, expires_at,
       currency, per_payment, daily, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;
  // The partial UNIQUE index over live lease numbers makes a collision an
  // ignored insert; draw again. With 10^8 numbers this almost never loops.
  for (let attempt = 0; ; attempt++) {
    if (attempt === 20) throw new IssuerError(503, 'busy', 'could not find a free lease number');
    row.lease_number = newLeaseNumber((n) => randomBytes(n), config.leaseNumberLength);
    const changes = await tx.run(
      insert,
      row.id,
      deviceId,
      row.account_id,
      row.lease_number,
      row.secret,
      row.step,
      row.issuer_prefix,
      row.not_before,
      row.expires_at,
      row.currency,
      row.per_payment,
      row.daily,
      now,
    );
    if (changes === 1) break;
  }
  // Bound the exposure of a lost phone: only the newest few leases stay usable.
  await tx.run(
    `UPDATE leases SET revoked = 1 WHERE device_id = ? AND revoked = 0 AND id NOT IN
       (SELECT id FROM leases WHERE device_id = ? AND revoked = 0 ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
    deviceId,
    deviceId,
    config.maxLiveLeasesPerDevice,
  );
  const lease = toLease(row);
  const ride = await certifyLease(ctx, tx, lease, deviceId, device.account_id);
  if (ride.length > 0) lease.ride = ride;
  return lease;
}

/** The device's newest unrevoked lease, if any. */
export async function newestLease(q: Queries, deviceId: string): Promise<TokenLease | undefined> {
  const row = await q.get<LeaseRow>(
    `SELECT * FROM leases WHERE device_id = ? AND revoked = 0 ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    deviceId,
  );
  if (!row) return undefined;
  const lease = toLease(row);
  const ride = await leaseRideCredentials(q, lease.leaseId);
  if (ride.length > 0) lease.ride = ride;
  return lease;
}

export interface FoundLease extends LeaseRecord {
  accountId: string;
}

/**
 * The live lease holding a number, as verifyCode's lookup wants it. `lock`
 * (inside a charge) locks its row until commit: charges of one lease are
 * taken one at a time across issuer processes, which keeps its single use and
 * its failure count exact, and costs nothing (a lease pays once a minute).
 */
export async function leaseByNumber(q: Queries, leaseNumber: string, lock = false): Promise<FoundLease | undefined> {
  const row = await q.get<LeaseRow>(
    `SELECT * FROM leases WHERE lease_number = ? AND live = 1${lock ? q.forUpdate : ''}`,
    leaseNumber,
  );
  return row ? { lease: toLease(row), revoked: row.revoked === 1, accountId: row.account_id } : undefined;
}

export async function leaseById(q: Queries, leaseId: string): Promise<FoundLease | undefined> {
  const row = await q.get<LeaseRow>('SELECT * FROM leases WHERE id = ?', leaseId);
  return row ? { lease: toLease(row), revoked: row.revoked === 1, accountId: row.account_id } : undefined;
}

/**
 * PostgreSQL's charge (chargeOnPostgres): the live leases holding some numbers
 * and their spent steps, in one statement and without a lock; wallet_charge
 * re-reads under the lease's lock what may have changed since (revoked, live,
 * used).
 */
export async function leasesWithUsedSteps(
  q: Queries,
  leaseNumbers: readonly string[],
): Promise<Map<string, { found: FoundLease; used: number[] }>> {
  const rows = await q.all<LeaseRow & { used: number[] }>(
    `SELECT l.*, ARRAY(SELECT u.step FROM used_codes u WHERE u.lease_id = l.id) AS used
       FROM leases l WHERE l.lease_number = ANY(?) AND l.live = 1`,
    leaseNumbers,
  );
  return new Map(
    rows.map((row) => [
      row.lease_number,
      { found: { lease: toLease(row), revoked: row.revoked === 1, accountId: row.account_id }, used: row.used },
    ]),
  );
}
