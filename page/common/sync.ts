// Asks the phone for a sync (one request, one answer) and stores the result; the stored record is only
// replaced by a good answer, so a lost link or an issuer error never loses what the watch had.
import { parseSyncResponse } from '../../lib/issuer-api/parse';
import { parseSyncReply, syncRequest, type SyncFailure } from '../../lib/wallet/watch-phone';
import { applySync, EMPTY_WALLET, forgetBinding, type Wallet } from '../../lib/wallet/wallet';
import { wiped } from '../../lib/wallet/pin';
import { loadLock, saveLock } from './lock-store';
import { describeError, logger } from './log';
import { loadWallet, saveWallet } from './store';

export type SyncOutcome = { wallet: Wallet; failure: SyncFailure | 'link' | null };

/** What ZML's messaging offers: `request(data, {timeout})`, resolving with the answer's result. */
export interface Requester {
  request<T>(data: { method: string; params: Record<string, unknown> }, opts?: { timeout?: number }): Promise<T>;
}

/**
 * ZML's messaging, which BaseApp keeps in the app's globalData (ZML 0.0.43, dist/zml-app.js): its
 * request() wraps the data in the jsonrpc envelope and answers with the reply's `result` (or throws its
 * `error`), over @zos/ble (API 2.0). A page's `this.request` (BasePage) calls this same request() but
 * hands each answer back through @zos/app onMessage / postMessage / offMessage, which are undocumented
 * and, per ZML ("ZML 0.0.28 requires API_LEVEL 3.6"), missing below 3.6 (reference/zos-api.tsv): the
 * pages ask the messaging directly, so a sync works on the 3.0 and 3.5 watches too.
 */
export function appMessaging(): Requester {
  const messaging = (getApp()._options.globalData as { messaging?: Requester } | undefined)?.messaging;
  if (!messaging) throw new Error('sync: no ZML messaging in the app globalData (app.ts must use BaseApp)');
  return messaging;
}

export const SYNC_TIMEOUT_MS = 15_000;

export async function syncWallet(now: () => number, messaging: () => Requester = appMessaging): Promise<SyncOutcome> {
  const before = loadWallet();
  let answer: unknown;
  try {
    const request = syncRequest(before.lease?.leaseId ?? null, loadLock().wipeSeen);
    answer = await messaging().request(request, { timeout: SYNC_TIMEOUT_MS });
  } catch (e) {
    logger.warn(`no answer from the phone: ${describeError(e)}`);
    return { wallet: before, failure: 'link' };
  }
  let reply;
  try {
    reply = parseSyncReply(answer, parseSyncResponse);
  } catch (e) {
    logger.warn(`the phone's sync answer does not check out: ${describeError(e)}`);
    return { wallet: before, failure: 'issuer-error' };
  }
  if (!reply.ok) {
    if (reply.failure === 'unbound') {
      const wallet = forgetBinding();
      saveWallet(wallet);
      return { wallet, failure: 'unbound' };
    }
    return { wallet: before, failure: reply.failure };
  }
  // "Forgot PIN" in the settings page: the wallet and the PIN go; the answer's new lease stays, and the
  // pay page asks for a new PIN.
  const wipe = reply.wipe !== undefined && reply.wipe !== loadLock().wipeSeen ? reply.wipe : null;
  if (wipe !== null) saveLock(wiped(wipe));
  const wallet = applySync(wipe !== null ? EMPTY_WALLET : loadWallet(), reply.sync, now());
  saveWallet(wallet);
  return { wallet, failure: null };
}
