// Charging a payment code for a merchant, and refunding a charge.
// Each runs as one IMMEDIATE transaction: SQLite serialises writers, so
// "check used, then mark used" cannot interleave with another charge, also
// across processes.
import { createHmac } from 'node:crypto';
import type { ChargeResponse, DeclineReason, RefundResponse } from '../../lib/issuer-api/types';
import type { HmacSha256 } from '../../lib/payment/hotp';
import type { VerifyFailure, VerifyResult } from '../../lib/payment/types';
import { verifyCode } from '../../lib/payment/verify';
import { verifyEmvCpm } from '../../lib/emv/cpm';
import { IssuerError, notFound } from './errors';
import { type Ctx, sql, utcDay } from './context';
import { partyBook, post } from './ledger';
import { newId } from './ids';
import { type FoundLease, leaseByNumber } from './leases';

/** node:crypto's HMAC: same bytes as the lib's default, several times faster on the issuer. */
export const nodeHmacSha256: HmacSha256 = (key, msg) => createHmac('sha256', key).update(msg).digest();

export interface ChargeInput {
  code: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
}

// What a cashier is told. An unknown lease number and a wrong or stale one-time
// value both read "unknown-code": telling them apart would let a merchant key
// enumerate live lease numbers (docs/payment-codes.md). "expired" and
// "revoked" only name leases that can no longer pay.
const VERIFY_DECLINE: Record<VerifyFailure, DeclineReason> = {
  malformed: 'unknown-code',
  'bad-check-digit': 'unknown-code',
  'unknown-lease': 'unknown-code',
  expired: 'expired',
  revoked: 'revoked',
  'outside-window': 'unknown-code',
  used: 'used',
};

// Guessing limits from docs/payment-codes.md: a lease whose codes failed
// verification 5 times in 10 minutes is not evaluated until the window ends
// (not revoked, which would let anyone lock its owner out); a merchant key
// with 100 failures in an hour is refused until the hour ends.
export const LEASE_FAILURES = { max: 5, windowMs: 10 * 60_000 };
export const MERCHANT_FAILURES = { max: 100, windowMs: 3600_000 };

function failures(ctx: Ctx, subject: string, windowMs: number, now: number): number {
  const row = sql(ctx.db, 'SELECT count FROM verify_failures WHERE subject = ? AND period = ?').get(subject, Math.floor(now / windowMs)) as
    | { count: number }
    | undefined;
  return row?.count ?? 0;
}

function countFailure(ctx: Ctx, subject: string, windowMs: number, now: number): void {
  sql(
    ctx.db,
    `INSERT INTO verify_failures (subject, period, count) VALUES (?, ?, 1)
     ON CONFLICT (subject, period) DO UPDATE SET count = count + 1`,
  ).run(subject, Math.floor(now / windowMs));
}

interface ChargeRow {
  id: string;
  status: 'approved' | 'declined';
  reason: DeclineReason | null;
  amount: number;
  currency: string;
}

function answer(row: ChargeRow): ChargeResponse {
  return row.status === 'approved'
    ? { status: 'approved', chargeId: row.id, amount: row.amount, currency: row.currency }
    : { status: 'declined', chargeId: row.id, reason: row.reason ?? 'unknown-code' };
}

/** Verifies a presented code; the lease it names (if any) comes back through `found`. */
export type CodeVerifier = (
  code: string,
  now: number,
  lookup: (leaseNumber: string) => FoundLease | undefined,
  isUsed: (leaseId: string, step: number) => boolean,
) => VerifyResult;

/**
 * Digits are the numeric code; anything else is tried as an EMV CPM payload
 * (base64 text). Both share the (lease, step) single-use slot.
 */
export function codeVerifier(ctx: Ctx): CodeVerifier {
  return (code, now, lookup, isUsed) => {
    const opts = { isUsed, hmac: nodeHmacSha256, issuerPrefix: ctx.config.issuerPrefix };
    if (/^\d+$/.test(code)) return verifyCode(code, now, lookup, opts);
    try {
      return verifyEmvCpm(code, now, lookup, opts);
    } catch {
      // A payload bad enough to throw past the decoder is still just a bad code.
      return { ok: false, reason: 'malformed' };
    }
  };
}

export function charge(ctx: Ctx, merchantId: string, input: ChargeInput, verify: CodeVerifier = codeVerifier(ctx)): ChargeResponse {
  return ctx.db.transaction(() => chargeInTransaction(ctx, merchantId, input, verify)).immediate();
}

/** The charge itself; the caller holds a write transaction (charge() or a group commit). */
export function chargeInTransaction(ctx: Ctx, merchantId: string, input: ChargeInput, verify: CodeVerifier): ChargeResponse {
  const { db } = ctx;
  const prior = sql(db, 'SELECT id, status, reason, amount, currency FROM charges WHERE merchant_id = ? AND idempotency_key = ?').get(
    merchantId,
    input.idempotencyKey,
  ) as ChargeRow | undefined;
  if (prior) return answer(prior);

  const now = ctx.now();
  const merchantSubject = `merchant:${merchantId}`;
  if (failures(ctx, merchantSubject, MERCHANT_FAILURES.windowMs, now) >= MERCHANT_FAILURES.max)
    throw new IssuerError(429, 'too-many-failures', 'too many codes failed verification for this merchant key this hour');
  const chargeId = newId('ch');
  let found: FoundLease | undefined;
  let locked = false;
  const verdict = verify(
    input.code,
    now,
    (leaseNumber) => {
      found = leaseByNumber(ctx, leaseNumber);
      if (found && failures(ctx, `lease:${found.lease.leaseId}`, LEASE_FAILURES.windowMs, now) >= LEASE_FAILURES.max) {
        locked = true;
        return undefined; // not evaluated: reads as an unknown code
      }
      return found;
    },
    (leaseId, step) => sql(db, 'SELECT 1 FROM used_codes WHERE lease_id = ? AND step = ?').get(leaseId, step) !== undefined,
  );
  const row: ChargeRow = { id: chargeId, status: 'declined', reason: null, amount: input.amount, currency: input.currency };
  let accountId: string | null = found?.accountId ?? null;
  if (!verdict.ok) {
    row.reason = VERIFY_DECLINE[verdict.reason];
    if (row.reason === 'unknown-code') {
      countFailure(ctx, merchantSubject, MERCHANT_FAILURES.windowMs, now);
      if (found && !locked && verdict.reason === 'outside-window')
        countFailure(ctx, `lease:${found.lease.leaseId}`, LEASE_FAILURES.windowMs, now);
    }
  } else {
    // The code is spent from here on, whatever the outcome below. A plain
    // INSERT: a duplicate would be a bug and must abort the transaction.
    sql(db, 'INSERT INTO used_codes (lease_id, step, charge_id) VALUES (?, ?, ?)').run(verdict.leaseId, verdict.step, chargeId);
    const day = utcDay(now);
    // One read for everything the decision needs.
    const account = sql(
      db,
      `SELECT a.id, a.currency, a.per_payment, a.daily, b.balance, COALESCE(s.spent, 0) AS spent
         FROM accounts a JOIN books b ON b.id = a.id
         LEFT JOIN daily_spend s ON s.account_id = a.id AND s.day = ?
        WHERE a.id = ?`,
    ).get(day, found?.accountId) as
      | { id: string; currency: string; per_payment: number; daily: number; balance: number; spent: number }
      | undefined;
    if (!account) throw new Error(`lease ${verdict.leaseId} points at a missing account`);
    accountId = account.id;
    const { spent } = account;
    if (account.currency !== input.currency) row.reason = 'currency-mismatch';
    else if (input.amount > account.per_payment) row.reason = 'over-per-payment';
    else if (spent + input.amount > account.daily) row.reason = 'over-daily';
    else if (account.balance < input.amount) row.reason = 'insufficient-funds';
    else {
      row.status = 'approved';
      post(db, chargeId, 'charge', now, [
        { book: account.id, amount: -input.amount },
        { book: partyBook(merchantId, account.currency), amount: input.amount, open: { kind: 'merchant', currency: account.currency } },
      ]);
      sql(
        db,
        `INSERT INTO daily_spend (account_id, day, spent) VALUES (?, ?, ?)
         ON CONFLICT (account_id, day) DO UPDATE SET spent = spent + excluded.spent`,
      ).run(account.id, day, input.amount);
    }
  }
  sql(
    db,
    `INSERT INTO charges (id, merchant_id, idempotency_key, account_id, lease_id, amount, currency, status, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(chargeId, merchantId, input.idempotencyKey, accountId, verdict.ok ? verdict.leaseId : null, input.amount,
    input.currency, row.status, row.reason, now);
  return answer(row);
}

export function refund(
  ctx: Ctx,
  merchantId: string,
  input: { chargeId: string; amount: number; idempotencyKey: string },
): RefundResponse {
  const { db } = ctx;
  return db.transaction((): RefundResponse => {
    const prior = sql(db, 'SELECT id, charge_id, amount FROM refunds WHERE merchant_id = ? AND idempotency_key = ?').get(
      merchantId,
      input.idempotencyKey,
    ) as { id: string; charge_id: string; amount: number } | undefined;
    const charged = sql(db, 'SELECT id, account_id, amount, currency, status, refunded FROM charges WHERE id = ? AND merchant_id = ?').get(
      prior?.charge_id ?? input.chargeId,
      merchantId,
    ) as { id: string; account_id: string; amount: number; currency: string; status: string; refunded: number } | undefined;
    if (prior) {
      if (prior.charge_id !== input.chargeId || prior.amount !== input.amount)
        throw new IssuerError(409, 'idempotency-conflict', 'idempotencyKey was already used for another refund');
      return { refundId: prior.id, chargeId: prior.charge_id, amount: prior.amount, refundedTotal: charged?.refunded ?? prior.amount };
    }
    if (!charged) throw notFound('charge');
    if (charged.status !== 'approved') throw new IssuerError(409, 'not-refundable', 'only approved charges can be refunded');
    if (charged.refunded + input.amount > charged.amount)
      throw new IssuerError(409, 'over-refund', `at most ${charged.amount - charged.refunded} is left to refund`);
    const now = ctx.now();
    const refundId = newId('rf');
    sql(db, 'INSERT INTO refunds (id, charge_id, merchant_id, idempotency_key, amount, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      refundId, charged.id, merchantId, input.idempotencyKey, input.amount, now,
    );
    sql(db, 'UPDATE charges SET refunded = refunded + ? WHERE id = ?').run(input.amount, charged.id);
    post(db, refundId, 'refund', now, [
      { book: partyBook(merchantId, charged.currency), amount: -input.amount },
      { book: charged.account_id, amount: input.amount },
    ]);
    return { refundId, chargeId: charged.id, amount: input.amount, refundedTotal: charged.refunded + input.amount };
  }).immediate();
}
