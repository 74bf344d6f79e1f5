// The wrist lock's record on a band (lib/wallet/pin.ts LockRecord), in a file of the app's /data folder
// beside the wallet (store.ts): hmFS's SysPro values would be simpler, but "system reboot will clear"
// them (hmFS/SysProSetInt.mdx), and the count of wrong PINs must survive a restart of the band too.
// Apart from the lock's UI (lock.ts) so that the sync (sync.ts) can carry out a "Forgot PIN" wipe.
import { EMPTY_LOCK, LOCK_STORAGE_KEY, parseLock, type LockRecord } from '../../../lib/wallet/pin';
import { describeError } from './log';
import { loadWallet, readText, saveWallet, writeText } from './store';

const FILE = `${LOCK_STORAGE_KEY}.json`;

/**
 * The stored record. One that does not read back must not leave a lease with no PIN over it: the lease
 * is erased, as after too many wrong PINs (the watches' page/common/lock-store.ts does the same).
 */
export function loadLock(): LockRecord {
  const raw = readText(FILE);
  try {
    return parseLock(raw === null || raw === '' ? null : JSON.parse(raw));
  } catch (e) {
    console.log(`lock record dropped, lease erased: ${describeError(e)}`);
    eraseLease();
    const rec: LockRecord = { ...EMPTY_LOCK, erased: true };
    saveLock(rec);
    return rec;
  }
}

export function saveLock(rec: LockRecord): void {
  writeText(FILE, JSON.stringify(rec));
}

/** The lease goes; balances and limits stay. The next sync brings a new lease. */
export function eraseLease(): void {
  const wallet = loadWallet();
  if (wallet.lease) saveWallet({ ...wallet, lease: null });
}
