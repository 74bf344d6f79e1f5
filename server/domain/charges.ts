// Charging a payment code for a merchant, and refunding a charge.
// Each runs as one transaction of the store. On SQLite (BEGIN IMMEDIATE) one
// writer at a time, so "check used, then mark used" cannot interleave with
// another charge, also across processes; on PostgreSQL the rows each decision
// rests on are locked first (see chargeInTransaction).
import { createHmac } from 'node:crypto';
import type { ChargeResponse, DeclineReason, RefundResponse } from '../../lib/issuer-api/types';
import type { HmacSha256 } from '../../lib/payment/hotp';
import type { VerifyFailure, VerifyResult } from '../../lib/payment/types';
import { verifyCode } from '../../lib/payment/verify';
import { verifyEmvCpm } from '../../lib/emv/cpm';
import { IssuerError, notFound } from './errors';
import { type Ctx, utcDay } from './context';
import type { Tx } from '../db/store';
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

function countFailure(tx: Tx, subject: string, windowMs: number, now: number): Promise<number> {
  // An atomic upsert: counts from several issuer processes add up exactly.
  return tx.run(
    `INSERT INTO verify_failures (subject, period, count) VALUES (?, ?, 1)
     ON CONFLICT (subject, period) DO UPDATE SET count = verify_failures.count + 1`,
    subject,
    Math.floor(now / windowMs),
  );
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

/** One charge, in its own transaction (on SQLite it may share a commit with others: group commit). */
export function charge(
  ctx: Ctx,
  merchantId: string,
  input: ChargeInput,
  verify: CodeVerifier = codeVerifier(ctx),
): Promise<ChargeResponse> {
  return ctx.db.tx((tx) => chargeInTransaction(ctx, tx, merchantId, input, verify), { group: true });
}

/**
 * The charge itself, inside the caller's transaction. Across issuer processes
 * (PostgreSQL, READ COMMITTED):
 * - the lease's row is locked first, so charges of one lease are judged one at
 *   a time: its used steps and its failure count are read after the previous
 *   charge of that lease committed (single use; the per-lease guessing limit);
 * - the account's row is locked before its limits, balance and today's spend
 *   are read (per-payment and daily limits, no overdraft);
 * - (merchant, idempotencyKey) is unique: of two charges with one key, the
 *   loser fails on insert, is re-run by the store and replays the winner;
 * - failure counters are atomic upserts. The per-merchant cut-off is read
 *   without a lock (a lock would queue all of a merchant's charges), so
 *   charges already in flight when it is reached still finish.
 * Statements that do not depend on each other are issued together (one round
 * trip on PostgreSQL, which runs them in order; a lock taken by one is held
 * when the next starts, and each statement reads what was committed by then).
 */
export async function chargeInTransaction(
  ctx: Ctx,
  tx: Tx,
  merchantId: string,
  input: ChargeInput,
  verify: CodeVerifier,
): Promise<ChargeResponse> {
  const now = ctx.now();
  const merchantSubject = `merchant:${merchantId}`;

  // Which lease does the code name? The verifier answers without the database up to the lookup.
  let leaseNumber: string | undefined;
  const early = verify(
    input.code,
    now,
    (n) => ((leaseNumber = n), undefined),
    () => false,
  );

  // The lease's lock comes first; the two reads after it (its failures, its
  // used steps) start once it is held, so they see every earlier charge of it.
  const [prior, found, leaseFailures, usedSteps] = await Promise.all([
    tx.get<ChargeRow & { failures: number | null }>(
      `SELECT c.id, c.status, c.reason, c.amount, c.currency,
              (SELECT f.count FROM verify_failures f WHERE f.subject = ? AND f.period = ?) AS failures
         FROM (SELECT 1 AS one) x LEFT JOIN charges c ON c.merchant_id = ? AND c.idempotency_key = ?`,
      merchantSubject,
      Math.floor(now / MERCHANT_FAILURES.windowMs),
      merchantId,
      input.idempotencyKey,
    ),
    leaseNumber === undefined ? undefined : leaseByNumber(tx, leaseNumber, true),
    leaseNumber === undefined
      ? undefined
      : tx.get<{ count: number }>(
          `SELECT f.count FROM verify_failures f JOIN leases l ON f.subject = 'lease:' || l.id
            WHERE l.lease_number = ? AND l.live = 1 AND f.period = ?`,
          leaseNumber,
          Math.floor(now / LEASE_FAILURES.windowMs),
        ),
    leaseNumber === undefined
      ? []
      : tx.all<{ step: number }>(
          'SELECT u.step FROM used_codes u JOIN leases l ON l.id = u.lease_id WHERE l.lease_number = ? AND l.live = 1',
          leaseNumber,
        ),
  ]);
  if (prior?.id) return answer(prior);
  if ((prior?.failures ?? 0) >= MERCHANT_FAILURES.max)
    throw new IssuerError(
      429,
      'too-many-failures',
      'too many codes failed verification for this merchant key this hour',
    );

  const chargeId = newId('ch');
  const locked = found !== undefined && (leaseFailures?.count ?? 0) >= LEASE_FAILURES.max;
  const used = new Set(usedSteps.map((u) => u.step));
  const verdict: VerifyResult =
    leaseNumber === undefined
      ? early
      : verify(
          input.code,
          now,
          () => (locked ? undefined : found),
          (_leaseId, step) => used.has(step),
        );
  const row: ChargeRow = {
    id: chargeId,
    status: 'declined',
    reason: null,
    amount: input.amount,
    currency: input.currency,
  };
  let accountId: string | null = found?.accountId ?? null;
  const writes: Promise<unknown>[] = [];
  if (!verdict.ok) {
    row.reason = VERIFY_DECLINE[verdict.reason];
    if (row.reason === 'unknown-code') {
      writes.push(countFailure(tx, merchantSubject, MERCHANT_FAILURES.windowMs, now));
      if (found && !locked && verdict.reason === 'outside-window')
        writes.push(countFailure(tx, `lease:${found.lease.leaseId}`, LEASE_FAILURES.windowMs, now));
    }
  } else {
    const day = utcDay(now);
    // The code is spent from here on, whatever the outcome below. The lease
    // lock makes a conflict impossible; were there one, the code is used.
    const [inserted, , account] = await Promise.all([
      tx.run(
        'INSERT INTO used_codes (lease_id, step, charge_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        verdict.leaseId,
        verdict.step,
        chargeId,
      ),
      tx.get(`SELECT id FROM accounts WHERE id = ?${tx.forUpdate}`, found!.accountId),
      tx.get<{ id: string; currency: string; per_payment: number; daily: number; balance: number; spent: number }>(
        `SELECT a.id, a.currency, a.per_payment, a.daily, b.balance, COALESCE(s.spent, 0) AS spent
           FROM accounts a JOIN books b ON b.id = a.id
           LEFT JOIN daily_spend s ON s.account_id = a.id AND s.day = ?
          WHERE a.id = ?`,
        day,
        found!.accountId,
      ),
    ]);
    if (!account) throw new Error(`lease ${verdict.leaseId} points at a missing account`);
    accountId = account.id;
    const { spent } = account;
    if (inserted !== 1) row.reason = 'used';
    else if (account.currency !== input.currency) row.reason = 'currency-mismatch';
    else if (input.amount > account.per_payment) row.reason = 'over-per-payment';
    else if (spent + input.amount > account.daily) row.reason = 'over-daily';
    else if (account.balance < input.amount) row.reason = 'insufficient-funds';
    else {
      row.status = 'approved';
      writes.push(
        post(tx, chargeId, 'charge', now, [
          { book: account.id, amount: -input.amount },
          {
            book: partyBook(merchantId, account.currency, chargeId),
            amount: input.amount,
            open: { kind: 'merchant', currency: account.currency },
          },
        ]),
        tx.run(
          `INSERT INTO daily_spend (account_id, day, spent) VALUES (?, ?, ?)
           ON CONFLICT (account_id, day) DO UPDATE SET spent = daily_spend.spent + excluded.spent`,
          account.id,
          day,
          input.amount,
        ),
      );
    }
  }
  writes.push(
    tx.run(
      `INSERT INTO charges (id, merchant_id, idempotency_key, account_id, lease_id, amount, currency, status, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      chargeId,
      merchantId,
      input.idempotencyKey,
      accountId,
      // A code spent before still names its lease: the device learns its code was tried again
      // (GET /v1/activity). Other failed codes name no lease (unknown-code must not confirm a guess).
      verdict.ok ? verdict.leaseId : row.reason === 'used' && found ? found.lease.leaseId : null,
      input.amount,
      input.currency,
      row.status,
      row.reason,
      now,
    ),
  );
  await Promise.all(writes);
  return answer(row);
}

export async function refund(
  ctx: Ctx,
  merchantId: string,
  input: { chargeId: string; amount: number; idempotencyKey: string },
): Promise<RefundResponse> {
  return ctx.db.tx(async (tx): Promise<RefundResponse> => {
    const prior = await tx.get<{ id: string; charge_id: string; amount: number }>(
      'SELECT id, charge_id, amount FROM refunds WHERE merchant_id = ? AND idempotency_key = ?',
      merchantId,
      input.idempotencyKey,
    );
    // The charge's row is locked: two refunds of one charge are judged one after the other.
    const charged = await tx.get<{
      id: string;
      account_id: string;
      amount: number;
      currency: string;
      status: string;
      refunded: number;
    }>(
      `SELECT id, account_id, amount, currency, status, refunded FROM charges WHERE id = ? AND merchant_id = ?${tx.forUpdate}`,
      prior?.charge_id ?? input.chargeId,
      merchantId,
    );
    if (prior) {
      if (prior.charge_id !== input.chargeId || prior.amount !== input.amount)
        throw new IssuerError(409, 'idempotency-conflict', 'idempotencyKey was already used for another refund');
      return {
        refundId: prior.id,
        chargeId: prior.charge_id,
        amount: prior.amount,
        refundedTotal: charged?.refunded ?? prior.amount,
      };
    }
    if (!charged) throw notFound('charge');
    if (charged.status !== 'approved')
      throw new IssuerError(409, 'not-refundable', 'only approved charges can be refunded');
    if (charged.refunded + input.amount > charged.amount)
      throw new IssuerError(409, 'over-refund', `at most ${charged.amount - charged.refunded} is left to refund`);
    const now = ctx.now();
    const refundId = newId('rf');
    await tx.run(
      'INSERT INTO refunds (id, charge_id, merchant_id, idempotency_key, amount, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      refundId,
      charged.id,
      merchantId,
      input.idempotencyKey,
      input.amount,
      now,
    );
    await tx.run('UPDATE charges SET refunded = refunded + ? WHERE id = ?', input.amount, charged.id);
    // Back out of the merchant book the charge credited; the wallet first, in the order charges lock.
    await post(tx, refundId, 'refund', now, [
      { book: charged.account_id, amount: input.amount },
      { book: partyBook(merchantId, charged.currency, charged.id), amount: -input.amount },
    ]);
    return { refundId, chargeId: charged.id, amount: input.amount, refundedTotal: charged.refunded + input.amount };
  });
}
