// Numbers and word lists of the issuer API that both sides act on: the issuer builds its answers
// within them and the phone's parse.ts refuses anything outside them. No TypeBox here: the watch
// and phone bundles import this file at run time.

/** The most transit cards one sync carries (the watch has little memory); the issuer sends the first ones. */
export const SYNC_MAX_CARDS = 16;
/** Trips per card in a sync, newest first. */
export const SYNC_TRIPS_PER_CARD = 5;
/** Longest card name (the operator's CLI refuses longer) and the longest id the phone accepts. */
export const NAME_MAX_LENGTH = 64;
/** Longest line name on a trip (a transit operator's tap refuses longer). */
export const LINE_MAX_LENGTH = 16;

export type DeclineReason =
  | 'unknown-code'
  | 'used'
  | 'expired'
  | 'revoked'
  | 'over-per-payment'
  | 'over-daily'
  | 'insufficient-funds'
  | 'currency-mismatch';
export const DECLINE_REASONS: readonly DeclineReason[] = [
  'unknown-code',
  'used',
  'expired',
  'revoked',
  'over-per-payment',
  'over-daily',
  'insufficient-funds',
  'currency-mismatch',
];

// --- payment confirmation and history (issue 10) -----------------------------
/** Payments and refunds a sync carries for the watch's history page, newest first. */
export const SYNC_HISTORY_ITEMS = 10;
/**
 * A merchant's name in a sync or an activity answer is cut to this many characters (the watch shows one
 * line). 24, not 32: with the ride credentials of 5 cards a sync with a new lease would pass 3 KB at 32.
 */
export const MERCHANT_NAME_MAX_LENGTH = 24;
/** The most items one GET /v1/activity answer holds, newest first. */
export const ACTIVITY_MAX_ITEMS = 20;
/** How far back GET /v1/activity looks at most (ms): the pay page asks for the last minutes only. */
export const ACTIVITY_MAX_AGE_MS = 15 * 60_000;

/**
 * How the last automatic top-up of a card went: 'ok', or why the wallet could not pay (its balance is
 * lower than the amount; the amount would take today's spending past the daily limit).
 */
export type AutoTopUpResult = 'ok' | 'insufficient-funds' | 'over-daily';
export const AUTO_TOP_UP_RESULTS: readonly AutoTopUpResult[] = ['ok', 'insufficient-funds', 'over-daily'];
