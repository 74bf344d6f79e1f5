// What the watch keeps between launches (one LocalStorage record): the lease codes are made from and the
// last sync document. Pages read it, never the network; a sync replaces it whole, so a failed sync loses nothing.
import type { SyncCard, SyncLimits, SyncResponse } from '../issuer-api/types';
import { isRecord } from '../guards';
import { leaseIsLive, validateLease } from '../payment/lease';
import type { TokenLease } from '../payment/types';

export const WALLET_STORAGE_KEY = 'wallet.v1';

export interface Wallet {
  v: 1;
  lease: TokenLease | null;
  /** The last sync document, its lease moved to `lease` above. */
  last: (Omit<SyncResponse, 'lease'> & { lease: null }) | null;
  /** Watch clock at the last good sync. */
  syncedAt: number | null;
}

export const EMPTY_WALLET: Wallet = { v: 1, lease: null, last: null, syncedAt: null };

export function applySync(wallet: Wallet, sync: SyncResponse, nowMs: number): Wallet {
  return {
    v: 1,
    // The issuer sends a lease only when ours is past half its life: keep ours otherwise.
    lease: sync.lease ?? wallet.lease,
    last: { ...sync, lease: null },
    syncedAt: nowMs,
  };
}

/** The issuer no longer knows this device: forget the lease (codes from it would only be declined). */
export function forgetBinding(): Wallet {
  return EMPTY_WALLET;
}

export type CodeState = 'ready' | 'no-lease' | 'expired' | 'not-yet-valid';

export function codeState(wallet: Wallet, nowMs: number): CodeState {
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

/** Limits left today as of the last sync; a sync from an earlier UTC day means nothing is spent yet today. */
export function limitsLeft(wallet: Wallet, nowMs: number): LimitsLeft | null {
  const last = wallet.last;
  if (!last) return null;
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
export function parseWallet(x: unknown, parseSync: (x: unknown) => SyncResponse, dropped?: (why: unknown) => void): Wallet {
  if (!isRecord(x) || x.v !== 1) {
    dropped?.(new TypeError('not a version 1 wallet record'));
    return EMPTY_WALLET;
  }
  const r = x;
  try {
    const lease = r.lease === null || r.lease === undefined ? null : validateLease(r.lease);
    const last = r.last === null || r.last === undefined ? null : { ...parseSync({ ...(r.last as object), lease: null }), lease: null };
    const syncedAt = typeof r.syncedAt === 'number' && Number.isFinite(r.syncedAt) ? r.syncedAt : null;
    return { v: 1, lease, last, syncedAt };
  } catch (e) {
    dropped?.(e);
    return EMPTY_WALLET;
  }
}
