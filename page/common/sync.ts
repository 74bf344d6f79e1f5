// Asks the phone for a sync (one request, one answer) and stores the result; the stored record is only
// replaced by a good answer, so a lost link or an issuer error never loses what the watch had.
import { parseSyncResponse } from '../../lib/issuer-api/parse';
import { parseSyncReply, syncRequest, type SyncFailure } from '../../lib/wallet/watch-phone';
import { applySync, forgetBinding, type Wallet } from '../../lib/wallet/wallet';
import { describeError, logger } from './log';
import { loadWallet, saveWallet } from './store';

export type SyncOutcome = { wallet: Wallet; failure: SyncFailure | 'link' | null };

/** What a ZML page offers: `this.request`. */
export interface Requester {
  request<T>(data: { method: string; params: Record<string, unknown> }, opts?: { timeout?: number }): Promise<T>;
}

export const SYNC_TIMEOUT_MS = 15_000;

export async function syncWallet(page: Requester, now: () => number): Promise<SyncOutcome> {
  const before = loadWallet();
  let answer: unknown;
  try {
    answer = await page.request(syncRequest(before.lease?.leaseId ?? null), { timeout: SYNC_TIMEOUT_MS });
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
  const wallet = applySync(loadWallet(), reply.sync, now());
  saveWallet(wallet);
  return { wallet, failure: null };
}
