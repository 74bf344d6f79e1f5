// Pure validators for what the phone receives from the issuer. Each takes an
// untrusted value (parsed JSON) and returns a clean typed copy holding only the
// known fields, or throws IssuerApiError naming the first bad field.
// Hand-written so the watch and phone bundles carry no schema library; each accepts exactly what
// its schema in ./schema accepts (test/issuer-api/agreement.test.ts), except that a lease must
// also end after it starts and last at most 14 days (validateLease), which JSON Schema cannot say.
import { isArrayOfAtMost, isCurrencyCode, isNonNegativeInt, isRecord, isSafeInt, isStringOfLength } from '../guards';
import { validateLease } from '../payment/lease';
import type { TokenLease } from '../payment/types';
import type {
  ActivityItem,
  ActivityResponse,
  ApiError,
  BindResponse,
  CardOptions,
  CardsResponse,
  ChargeResponse,
  Limits,
  LeaseResponse,
  SyncCard,
  SyncAutoTopUp,
  SyncHistoryItem,
  SyncResponse,
  SyncTrip,
  TopUpResponse,
  TransitCard,
} from './types';
import {
  AUTO_TOP_UP_RESULTS,
  type AutoTopUpResult,
  ACTIVITY_MAX_ITEMS,
  DECLINE_REASONS,
  type DeclineReason,
  LINE_MAX_LENGTH,
  MERCHANT_NAME_MAX_LENGTH,
  NAME_MAX_LENGTH,
  SYNC_HISTORY_ITEMS,
  SYNC_MAX_CARDS,
  SYNC_TRIPS_PER_CARD,
} from './constants';

export { SYNC_MAX_CARDS, SYNC_TRIPS_PER_CARD };

export class IssuerApiError extends Error {
  override name = 'IssuerApiError';
}

type Obj = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new IssuerApiError(`${path}: expected ${what}`);
}

function obj(x: unknown, path: string): Obj {
  if (!isRecord(x)) fail(path, 'an object');
  return x;
}

/** A string of 1..max characters (Unicode code points, as JSON Schema counts). */
function str(x: unknown, path: string, max = 256): string {
  if (!isStringOfLength(x, 1, max)) fail(path, `a string of 1..${max} characters`);
  return x;
}

/** Money may be negative only where a balance could be (never on our books, but a parser must not crash on it). */
function money(x: unknown, path: string): number {
  if (!isSafeInt(x)) fail(path, 'a safe integer');
  return x;
}

/** Amounts, limits, fares and times. */
function nat(x: unknown, path: string): number {
  if (!isNonNegativeInt(x)) fail(path, 'a non-negative safe integer');
  return x;
}

function currency(x: unknown, path: string): string {
  if (!isCurrencyCode(x)) fail(path, 'an ISO 4217 currency like "CNY"');
  return x;
}

function arr(x: unknown, path: string, max: number): unknown[] {
  if (!isArrayOfAtMost(x, max)) fail(path, `an array of at most ${max} items`);
  return x;
}

function lease(x: unknown, path: string): TokenLease {
  try {
    return validateLease(x);
  } catch (e) {
    throw new IssuerApiError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function parseBindResponse(x: unknown): BindResponse {
  const o = obj(x, 'bind');
  return {
    deviceId: str(o.deviceId, 'bind.deviceId'),
    credential: str(o.credential, 'bind.credential', 512),
    lease: lease(o.lease, 'bind.lease'),
  };
}

export function parseLeaseResponse(x: unknown): LeaseResponse {
  return { lease: lease(obj(x, 'leases').lease, 'leases.lease') };
}

export function parseLimits(x: unknown): Limits {
  const o = obj(x, 'limits');
  const caps = obj(o.caps, 'limits.caps');
  return {
    currency: currency(o.currency, 'limits.currency'),
    perPayment: nat(o.perPayment, 'limits.perPayment'),
    daily: nat(o.daily, 'limits.daily'),
    caps: { perPayment: nat(caps.perPayment, 'limits.caps.perPayment'), daily: nat(caps.daily, 'limits.caps.daily') },
  };
}

function trip(x: unknown, path: string): SyncTrip {
  const t = arr(x, path, 3);
  if (t.length !== 3) fail(path, '[at, fare, line]');
  return [nat(t[0], `${path}[0]`), nat(t[1], `${path}[1]`), str(t[2], `${path}[2]`, LINE_MAX_LENGTH)];
}

function autoTopUp(x: unknown, path: string): SyncAutoTopUp {
  const o = obj(x, path);
  const auto: SyncAutoTopUp = { amt: nat(o.amt, `${path}.amt`) };
  if (o.at !== undefined) auto.at = nat(o.at, `${path}.at`);
  if (o.r !== undefined) {
    if (!AUTO_TOP_UP_RESULTS.includes(o.r as AutoTopUpResult))
      fail(`${path}.r`, `one of ${AUTO_TOP_UP_RESULTS.join(', ')}`);
    auto.r = o.r as AutoTopUpResult;
  }
  return auto;
}

function historyItem(x: unknown, path: string): SyncHistoryItem {
  const t = arr(x, path, 4);
  if (t.length !== 4) fail(path, "[at, amount, merchant, 'p' | 'r']");
  if (t[3] !== 'p' && t[3] !== 'r') fail(`${path}[3]`, '"p" or "r"');
  return [nat(t[0], `${path}[0]`), nat(t[1], `${path}[1]`), str(t[2], `${path}[2]`, MERCHANT_NAME_MAX_LENGTH), t[3]];
}

export function parseSyncResponse(x: unknown): SyncResponse {
  const o = obj(x, 'sync');
  if (o.v !== 1) fail('sync.v', '1');
  const lim = obj(o.lim, 'sync.lim');
  const cards = arr(o.cards, 'sync.cards', SYNC_MAX_CARDS).map((c, i): SyncCard => {
    const p = `sync.cards[${i}]`;
    const co = obj(c, p);
    const card: SyncCard = {
      id: str(co.id, `${p}.id`, NAME_MAX_LENGTH),
      name: str(co.name, `${p}.name`, NAME_MAX_LENGTH),
      bal: money(co.bal, `${p}.bal`),
      trips: arr(co.trips, `${p}.trips`, SYNC_TRIPS_PER_CARD).map((t, j) => trip(t, `${p}.trips[${j}]`)),
    };
    // Optional fields: absent (or undefined, which JSON never carries) means "not set".
    if (co.low !== undefined) card.low = nat(co.low, `${p}.low`);
    if (co.auto !== undefined) card.auto = autoTopUp(co.auto, `${p}.auto`);
    return card;
  });
  return {
    v: 1,
    asOf: nat(o.asOf, 'sync.asOf'),
    now: nat(o.now, 'sync.now'),
    lease: o.lease === null ? null : lease(o.lease, 'sync.lease'),
    lim: {
      cur: currency(lim.cur, 'sync.lim.cur'),
      pp: nat(lim.pp, 'sync.lim.pp'),
      day: nat(lim.day, 'sync.lim.day'),
      spent: nat(lim.spent, 'sync.lim.spent'),
    },
    cards,
    // Optional (an older issuer sends neither): left out when absent, as the schema has them.
    ...(o.bal === undefined ? {} : { bal: money(o.bal, 'sync.bal') }),
    ...(o.hist === undefined
      ? {}
      : { hist: arr(o.hist, 'sync.hist', SYNC_HISTORY_ITEMS).map((h, i) => historyItem(h, `sync.hist[${i}]`)) }),
  };
}

function declineReason(x: unknown, path: string): DeclineReason {
  if (!DECLINE_REASONS.includes(x as DeclineReason)) fail(path, `one of ${DECLINE_REASONS.join(', ')}`);
  return x as DeclineReason;
}

function activityItem(x: unknown, path: string): ActivityItem {
  const o = obj(x, path);
  if (o.kind !== 'charge' && o.kind !== 'refund') fail(`${path}.kind`, '"charge" or "refund"');
  if (o.status !== 'approved' && o.status !== 'declined') fail(`${path}.status`, '"approved" or "declined"');
  if (o.leaseId !== null && !(typeof o.leaseId === 'string' && /^[\x21-\x7e]{1,128}$/.test(o.leaseId)))
    fail(`${path}.leaseId`, 'a lease id or null');
  return {
    id: str(o.id, `${path}.id`, NAME_MAX_LENGTH),
    kind: o.kind,
    at: nat(o.at, `${path}.at`),
    status: o.status,
    reason: o.reason === null ? null : declineReason(o.reason, `${path}.reason`),
    amount: nat(o.amount, `${path}.amount`),
    currency: currency(o.currency, `${path}.currency`),
    merchant: str(o.merchant, `${path}.merchant`, MERCHANT_NAME_MAX_LENGTH),
    leaseId: o.leaseId as string | null,
    step: o.step === null ? null : nat(o.step, `${path}.step`),
  };
}

export function parseActivityResponse(x: unknown): ActivityResponse {
  const o = obj(x, 'activity');
  return {
    now: nat(o.now, 'activity.now'),
    items: arr(o.items, 'activity.items', ACTIVITY_MAX_ITEMS).map((it, i) => activityItem(it, `activity.items[${i}]`)),
  };
}

export function parseCardsResponse(x: unknown): CardsResponse {
  const o = obj(x, 'cards');
  return {
    cards: arr(o.cards, 'cards.cards', 256).map((c, i): TransitCard => {
      const p = `cards.cards[${i}]`;
      const co = obj(c, p);
      return {
        id: str(co.id, `${p}.id`, NAME_MAX_LENGTH),
        name: str(co.name, `${p}.name`, NAME_MAX_LENGTH),
        balance: money(co.balance, `${p}.balance`),
        currency: currency(co.currency, `${p}.currency`),
        asOf: nat(co.asOf, `${p}.asOf`),
      };
    }),
  };
}

export function parseTopUpResponse(x: unknown): TopUpResponse {
  const o = obj(x, 'topUp');
  return {
    topUpId: str(o.topUpId, 'topUp.topUpId', NAME_MAX_LENGTH),
    cardId: str(o.cardId, 'topUp.cardId', NAME_MAX_LENGTH),
    amount: nat(o.amount, 'topUp.amount'),
    cardBalance: money(o.cardBalance, 'topUp.cardBalance'),
    walletBalance: money(o.walletBalance, 'topUp.walletBalance'),
  };
}

export function parseCardOptions(x: unknown): CardOptions {
  const o = obj(x, 'cardOptions');
  return {
    cardId: str(o.cardId, 'cardOptions.cardId', NAME_MAX_LENGTH),
    low: nat(o.low, 'cardOptions.low'),
    autoTopUp: o.autoTopUp === null ? null : nat(o.autoTopUp, 'cardOptions.autoTopUp'),
  };
}

export function parseChargeResponse(x: unknown): ChargeResponse {
  const o = obj(x, 'charge');
  const chargeId = str(o.chargeId, 'charge.chargeId', NAME_MAX_LENGTH);
  if (o.status === 'approved')
    return {
      status: 'approved',
      chargeId,
      amount: nat(o.amount, 'charge.amount'),
      currency: currency(o.currency, 'charge.currency'),
    };
  if (o.status === 'declined') {
    if (!DECLINE_REASONS.includes(o.reason as DeclineReason))
      fail('charge.reason', `one of ${DECLINE_REASONS.join(', ')}`);
    return { status: 'declined', chargeId, reason: o.reason as DeclineReason };
  }
  return fail('charge.status', '"approved" or "declined"');
}

/** The {error, message} body of a 4xx/5xx, or undefined when the body is not one. */
export function parseApiError(x: unknown): ApiError | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as Obj;
  if (typeof o.error !== 'string' || typeof o.message !== 'string') return undefined;
  return { error: o.error.slice(0, 64), message: o.message.slice(0, 512) };
}
