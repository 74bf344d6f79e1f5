// Pure validators for what the phone receives from the issuer. Each takes an
// untrusted value (parsed JSON) and returns a clean typed copy holding only the
// known fields, or throws IssuerApiError naming the first bad field.
import { validateLease } from '../payment/lease';
import type { TokenLease } from '../payment/types';
import type {
  ApiError,
  BindResponse,
  CardsResponse,
  ChargeResponse,
  DeclineReason,
  Limits,
  LeaseResponse,
  SyncCard,
  SyncResponse,
  SyncTrip,
  TopUpResponse,
  TransitCard,
} from './types';
import { DECLINE_REASONS } from './types';

export class IssuerApiError extends Error {
  override name = 'IssuerApiError';
}

type Obj = Record<string, unknown>;

function fail(path: string, what: string): never {
  throw new IssuerApiError(`${path}: expected ${what}`);
}

function obj(x: unknown, path: string): Obj {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(path, 'an object');
  return x as Obj;
}

function str(x: unknown, path: string, max = 256): string {
  if (typeof x !== 'string' || x.length === 0 || x.length > max) fail(path, `a string of 1..${max} characters`);
  return x;
}

/** Money may be negative only where a balance could be (never on our books, but a parser must not crash on it). */
function int(x: unknown, path: string, min = Number.MIN_SAFE_INTEGER): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < min) fail(path, min === 0 ? 'a non-negative safe integer' : 'a safe integer');
  return x;
}

function currency(x: unknown, path: string): string {
  if (typeof x !== 'string' || !/^[A-Z]{3}$/.test(x)) fail(path, 'an ISO 4217 currency like "CNY"');
  return x;
}

function arr(x: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(x) || x.length > max) fail(path, `an array of at most ${max} items`);
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
  return { deviceId: str(o.deviceId, 'bind.deviceId'), credential: str(o.credential, 'bind.credential', 512), lease: lease(o.lease, 'bind.lease') };
}

export function parseLeaseResponse(x: unknown): LeaseResponse {
  return { lease: lease(obj(x, 'leases').lease, 'leases.lease') };
}

export function parseLimits(x: unknown): Limits {
  const o = obj(x, 'limits');
  const caps = obj(o.caps, 'limits.caps');
  return {
    currency: currency(o.currency, 'limits.currency'),
    perPayment: int(o.perPayment, 'limits.perPayment', 0),
    daily: int(o.daily, 'limits.daily', 0),
    caps: { perPayment: int(caps.perPayment, 'limits.caps.perPayment', 0), daily: int(caps.daily, 'limits.caps.daily', 0) },
  };
}

function trip(x: unknown, path: string): SyncTrip {
  const t = arr(x, path, 3);
  if (t.length !== 3) fail(path, '[at, fare, line]');
  return [int(t[0], `${path}[0]`, 0), int(t[1], `${path}[1]`, 0), str(t[2], `${path}[2]`, 64)];
}

/** At most this many cards and trips per card are accepted: the watch has little memory. */
export const SYNC_MAX_CARDS = 16;
export const SYNC_MAX_TRIPS = 5;

export function parseSyncResponse(x: unknown): SyncResponse {
  const o = obj(x, 'sync');
  if (o.v !== 1) fail('sync.v', '1');
  const lim = obj(o.lim, 'sync.lim');
  const cards = arr(o.cards, 'sync.cards', SYNC_MAX_CARDS).map((c, i): SyncCard => {
    const p = `sync.cards[${i}]`;
    const co = obj(c, p);
    return {
      id: str(co.id, `${p}.id`, 64),
      name: str(co.name, `${p}.name`, 64),
      bal: int(co.bal, `${p}.bal`),
      trips: arr(co.trips, `${p}.trips`, SYNC_MAX_TRIPS).map((t, j) => trip(t, `${p}.trips[${j}]`)),
    };
  });
  return {
    v: 1,
    asOf: int(o.asOf, 'sync.asOf', 0),
    lease: o.lease === null ? null : lease(o.lease, 'sync.lease'),
    lim: {
      cur: currency(lim.cur, 'sync.lim.cur'),
      pp: int(lim.pp, 'sync.lim.pp', 0),
      day: int(lim.day, 'sync.lim.day', 0),
      spent: int(lim.spent, 'sync.lim.spent', 0),
    },
    cards,
  };
}

export function parseCardsResponse(x: unknown): CardsResponse {
  const o = obj(x, 'cards');
  return {
    cards: arr(o.cards, 'cards.cards', 256).map((c, i): TransitCard => {
      const p = `cards.cards[${i}]`;
      const co = obj(c, p);
      return {
        id: str(co.id, `${p}.id`, 64),
        name: str(co.name, `${p}.name`, 64),
        balance: int(co.balance, `${p}.balance`),
        currency: currency(co.currency, `${p}.currency`),
        asOf: int(co.asOf, `${p}.asOf`, 0),
      };
    }),
  };
}

export function parseTopUpResponse(x: unknown): TopUpResponse {
  const o = obj(x, 'topUp');
  return {
    topUpId: str(o.topUpId, 'topUp.topUpId', 64),
    cardId: str(o.cardId, 'topUp.cardId', 64),
    amount: int(o.amount, 'topUp.amount', 0),
    cardBalance: int(o.cardBalance, 'topUp.cardBalance'),
    walletBalance: int(o.walletBalance, 'topUp.walletBalance'),
  };
}

export function parseChargeResponse(x: unknown): ChargeResponse {
  const o = obj(x, 'charge');
  const chargeId = str(o.chargeId, 'charge.chargeId', 64);
  if (o.status === 'approved') return { status: 'approved', chargeId, amount: int(o.amount, 'charge.amount', 0), currency: currency(o.currency, 'charge.currency') };
  if (o.status === 'declined') {
    if (!DECLINE_REASONS.includes(o.reason as DeclineReason)) fail('charge.reason', `one of ${DECLINE_REASONS.join(', ')}`);
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
