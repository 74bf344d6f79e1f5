// The pay page's confirmation (issue 10): the watch asks the phone, while its pay page is open,
// what happened to this device's codes lately (wallet.activity); the phone asks the issuer
// (GET /v1/activity) once per question and answers. No question, no request: nothing polls in the
// background. This file is the message contract (both ends check what they receive) and the pure
// decision "was the code on screen charged?".
import { parseActivityResponse } from '../issuer-api/parse';
import type { ActivityItem, ActivityResponse, DeclineReason } from '../issuer-api/types';
import { isRecord } from '../guards';
import { MessageError, SYNC_FAILURES, type SyncFailure } from './watch-phone';

export const ACTIVITY_METHOD = 'wallet.activity';

/** How often the open pay page asks (ms): a charge shows on the watch within this plus the round trip. */
export const ACTIVITY_POLL_MS = 3_000;
/** The page stops asking this long after it opened (or after the last payment it showed). */
export const ACTIVITY_WINDOW_MS = 120_000;
/** One question's time limit on the watch (ms); the next question waits for the answer or this. */
export const ACTIVITY_TIMEOUT_MS = 4_000;

export interface ActivityRequest {
  method: typeof ACTIVITY_METHOD;
  /** `since`: UTC ms on the issuer's clock. */
  params: { since: number };
}

export type ActivityReply = { ok: true; activity: ActivityResponse } | { ok: false; failure: SyncFailure };

export function activityRequest(since: number): ActivityRequest {
  return { method: ACTIVITY_METHOD, params: { since: Math.max(0, Math.floor(since)) } };
}

/** The side service's check of the watch's question. */
export function parseActivityRequest(x: unknown): ActivityRequest {
  if (!isRecord(x) || x.method !== ACTIVITY_METHOD) throw new MessageError('not a wallet.activity request');
  const since = isRecord(x.params) ? x.params.since : undefined;
  if (!Number.isSafeInteger(since) || (since as number) < 0)
    throw new MessageError('wallet.activity: since must be a time in ms');
  return { method: ACTIVITY_METHOD, params: { since: since as number } };
}

/** The watch's check of the phone's answer. */
export function parseActivityReply(x: unknown): ActivityReply {
  if (!isRecord(x) || typeof x.ok !== 'boolean') throw new MessageError('activity reply: not an object with ok');
  if (x.ok) return { ok: true, activity: parseActivityResponse(x.activity) };
  if (typeof x.failure !== 'string' || !(SYNC_FAILURES as readonly string[]).includes(x.failure))
    throw new MessageError(`activity reply: unknown failure ${JSON.stringify(x.failure)}`);
  return { ok: false, failure: x.failure as SyncFailure };
}

/** What the page shows about the code on screen. */
export type Outcome =
  | { kind: 'paid'; id: string; amount: number; currency: string; merchant: string }
  | { kind: 'declined'; id: string; reason: DeclineReason; amount: number; currency: string; merchant: string };

/**
 * The oldest charge about the code on screen (lease `leaseId`, step `step`) that the page has not
 * shown yet (`seen`), or null. A charge the issuer verified names its step; a code presented again
 * after it was spent ('used') names the lease only, and counts when it came after `shownSince`.
 */
export function outcomeFor(
  items: readonly ActivityItem[],
  shown: { leaseId: string; step: number; shownSince: number },
  seen: ReadonlySet<string>,
): Outcome | null {
  // A charge that names the step first (the issuer verified that very code), oldest first; a "used"
  // try, which names no step, only when there is none: a payment and a re-scan of the same code in
  // one answer read as the payment.
  const mine = (it: ActivityItem) => it.kind === 'charge' && !seen.has(it.id) && it.leaseId === shown.leaseId;
  const byStep = items.filter((it) => mine(it) && it.step === shown.step);
  const used = items.filter((it) => mine(it) && it.step === null && it.reason === 'used' && it.at >= shown.shownSince);
  const it = byStep[byStep.length - 1] ?? used[used.length - 1];
  if (!it) return null;
  const base = { id: it.id, amount: it.amount, currency: it.currency, merchant: it.merchant };
  return it.status === 'approved' ? { kind: 'paid', ...base } : { kind: 'declined', reason: it.reason!, ...base };
}

/** The i18n key of a decline's reason, in the user's words. */
export function declineKey(reason: DeclineReason): string {
  switch (reason) {
    case 'over-daily':
      return 'paid.declined.overDaily';
    case 'over-per-payment':
      return 'paid.declined.overPerPayment';
    case 'insufficient-funds':
      return 'paid.declined.funds';
    case 'used':
      return 'paid.declined.used';
    case 'expired':
    case 'revoked':
      return 'paid.declined.expired';
    default:
      return 'paid.declined.other';
  }
}
