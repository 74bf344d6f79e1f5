// The lock record in the watch's LocalStorage (lib/wallet/pin.ts LockRecord), apart from the rest of the
// lock (./lock.ts) so that the sync (./sync.ts) can carry out a "Forgot PIN" wipe without the lock's UI.
import { localStorage } from '@zos/storage';
import { EMPTY_LOCK, LOCK_STORAGE_KEY, parseLock, type LockRecord } from '../../lib/wallet/pin';
import { describeError, logger } from './log';
import { loadWallet, saveWallet } from './store';

/**
 * The stored record. A record that does not read back (damaged storage) must not leave a lease behind
 * with no PIN over it: the lease is erased, as after too many wrong PINs, and a new one (with a new PIN)
 * comes only through a sync with the bound phone.
 */
export function loadLock(): LockRecord {
  const raw = localStorage.getItem(LOCK_STORAGE_KEY, '') as unknown;
  try {
    return parseLock(typeof raw === 'string' && raw !== '' ? JSON.parse(raw) : null);
  } catch (e) {
    logger.warn(`lock record dropped, lease erased: ${describeError(e)}`);
    eraseLease();
    const rec: LockRecord = { ...EMPTY_LOCK, erased: true };
    saveLock(rec);
    return rec;
  }
}

export function saveLock(rec: LockRecord): void {
  localStorage.setItem(LOCK_STORAGE_KEY, JSON.stringify(rec));
}

/** The lease goes; the rest of the record (balances, limits) stays. The next sync brings a new lease. */
export function eraseLease(): void {
  const wallet = loadWallet();
  if (wallet.lease) saveWallet({ ...wallet, lease: null });
}
