// What the watch keeps between launches (one LocalStorage record): the lease codes are made from, the
// last sync document and how far the watch's clock is from the issuer's. Pages read it, never the network;
// a sync replaces it whole, so a failed sync loses nothing.
//
// Clocks: the issuer checks a code against its own clock, and nothing in the Zepp OS docs says how
// closely a watch's Date.now() follows real UTC time (sim/README.md "Assumed, not verified"). So each
// sync answer carries the issuer's time (`now`), the watch keeps issuer time minus its own time at the
// reply (`clockOffsetMs`), and everything checked against the issuer's clock (the code's step, the
// lease's validity, the issuer's UTC day for limits) takes watch time + that offset: issuerNow().
// Times shown to the user stay as they are: the watch's own clock for "synced at", the issuer's stamps
// (asOf, trips) in the watch's time zone. The offset errs by at most the reply's trip back (phone and
// BLE), seconds against steps of 30 s or more.
import type { SyncCard, SyncLimits, SyncResponse } from '../issuer-api/types';
import { isRecord } from '../guards';
import { leaseIsLive, validateLease } from '../payment/lease';
import type { TokenLease } from '../payment/types';

export const WALLET_STORAGE_KEY = 'wallet.v1';

/** A sync document as stored: its lease moved to Wallet.lease, its `now` turned into Wallet.clockOffsetMs. */
export type StoredSync = Omit<SyncResponse, 'lease' | 'now'> & { lease: null };

export interface Wallet {
  v: 1;
  lease: TokenLease | null;
  /** The last sync document. */
  last: StoredSync | null;
  /** Watch clock at the last good sync. */
  syncedAt: number | null;
  /**
   * The issuer's clock minus the watch's, as of the last good sync (ms). 0 before the first sync, and
   * in records stored before it was kept (same version: an old record reads as "clocks agree").
   */
  clockOffsetMs: number;
}

export const EMPTY_WALLET: Wallet = { v: 1, lease: null, last: null, syncedAt: null, clockOffsetMs: 0 };

/** `nowMs`: the watch's clock when the answer came. */
export function applySync(wallet: Wallet, sync: SyncResponse, nowMs: number): Wallet {
  const { now: issuerNowMs, ...doc } = sync;
  return {
    v: 1,
    // The issuer sends a lease only when ours is past half its life: keep ours otherwise.
    lease: sync.lease ?? wallet.lease,
    last: { ...doc, lease: null },
    syncedAt: nowMs,
    clockOffsetMs: issuerNowMs - nowMs,
  };
}

/** The issuer's clock now, as best the watch knows it: its own clock corrected by the last sync. */
export function issuerNow(wallet: Wallet, watchNowMs: number): number {
  return watchNowMs + wallet.clockOffsetMs;
}

/** The issuer no longer knows this device: forget the lease (codes from it would only be declined). */
export function forgetBinding(): Wallet {
  return EMPTY_WALLET;
}

export type CodeState = 'ready' | 'no-lease' | 'expired' | 'not-yet-valid';

/** `watchNowMs`: the watch's clock; the lease is checked on the issuer's (issuerNow). */
export function codeState(wallet: Wallet, watchNowMs: number): CodeState {
  const nowMs = issuerNow(wallet, watchNowMs);
  if (!wallet.lease) return 'no-lease';
  if (nowMs >= wallet.lease.expiresAt) return 'expired';
  if (!leaseIsLive(wallet.lease, nowMs)) return 'not-yet-valid';
  return 'ready';
}

const DAY_MS = 86_400_000;

export interface LimitsLeft {
  currency: string;
  perPayment: number;
  /** What may still be spent today; the issuer counts the UTC day. */
  today: number;
  daily: number;
  spent: number;
}

/**
 * Limits left today as of the last sync; a sync from an earlier UTC day means nothing is spent yet today.
 * `watchNowMs`: the watch's clock; the day is the issuer's (issuerNow).
 */
export function limitsLeft(wallet: Wallet, watchNowMs: number): LimitsLeft | null {
  const last = wallet.last;
  if (!last) return null;
  const nowMs = issuerNow(wallet, watchNowMs);
  const lim: SyncLimits = last.lim;
  const sameDay = Math.floor(last.asOf / DAY_MS) === Math.floor(nowMs / DAY_MS);
  const spent = sameDay ? lim.spent : 0;
  const today = Math.max(0, lim.day - spent);
  return { currency: lim.cur, perPayment: Math.min(lim.pp, today), today, daily: lim.day, spent };
}

export function transitCards(wallet: Wallet): SyncCard[] {
  return wallet.last?.cards ?? [];
}

/**
 * Reads the stored record. A record that does not check out is dropped (the next sync rebuilds it);
 * `parseSync` is the issuer-API validator of the sync document; `dropped` hears why a record was dropped.
 */
export function parseWallet(
  x: unknown,
  parseSync: (x: unknown) => SyncResponse,
  dropped?: (why: unknown) => void,
): Wallet {
  if (!isRecord(x) || x.v !== 1) {
    dropped?.(new TypeError('not a version 1 wallet record'));
    return EMPTY_WALLET;
  }
  const r = x;
  try {
    const lease = r.lease === null || r.lease === undefined ? null : validateLease(r.lease);
    // A stored document has no `now` (it became clockOffsetMs): the validator gets a stand-in.
    const last =
      r.last === null || r.last === undefined
        ? null
        : storedSync(parseSync({ ...(r.last as object), lease: null, now: 0 }));
    const syncedAt = typeof r.syncedAt === 'number' && Number.isFinite(r.syncedAt) ? r.syncedAt : null;
    // Missing (a record from before the offset was kept) or not a safe integer: the clocks agree.
    const clockOffsetMs = Number.isSafeInteger(r.clockOffsetMs) ? (r.clockOffsetMs as number) : 0;
    return { v: 1, lease, last, syncedAt, clockOffsetMs };
  } catch (e) {
    dropped?.(e);
    return EMPTY_WALLET;
  }
}

function storedSync(sync: SyncResponse): StoredSync {
  const { now: _now, ...doc } = sync;
  return { ...doc, lease: null };
}
