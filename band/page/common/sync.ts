// One sync with the phone, as page/common/sync.ts does on API 3.0, without async functions or a Promise
// of our own (1.0 lists neither: guides/framework/device/js-support.md): ZML's 1.0 messaging
// (@zeppos/zml 0.0.43, dist/1.0/module/messaging/plugin/app.js, over hmBle) brings its own Promise
// polyfill, and its request() answers through then().
import { parseSyncResponse } from '../../../lib/issuer-api/parse';
import { parseSyncReply, syncRequest, type SyncFailure } from '../../../lib/wallet/watch-phone';
import { applySync, EMPTY_WALLET, forgetBinding, type Wallet } from '../../../lib/wallet/wallet';
import { wiped } from '../../../lib/wallet/pin';
import { loadLock, saveLock } from './lock-store';
import { describeError } from './log';
import { loadWallet, saveWallet } from './store';

export type SyncOutcome = { wallet: Wallet; failure: SyncFailure | 'link' | null };

interface Thenable<T> {
  then(ok: (value: T) => void, fail: (e: unknown) => void): unknown;
}

export interface Requester {
  request(data: { method: string; params: Record<string, unknown> }, opts?: { timeout?: number }): Thenable<unknown>;
}

/** The messaging ZML's 1.0 app plugin keeps in the app's globalData (band/app.ts). */
export function appMessaging(): Requester {
  const messaging = getApp()._options.globalData.messaging as Requester | undefined;
  if (!messaging) throw new Error('sync: no ZML messaging in the app globalData (band/app.ts)');
  return messaging;
}

export const SYNC_TIMEOUT_MS = 15_000;

export function syncWallet(now: () => number, done: (outcome: SyncOutcome) => void): void {
  const before = loadWallet();
  let pending: Thenable<unknown>;
  try {
    pending = appMessaging().request(syncRequest(before.lease?.leaseId ?? null, loadLock().wipeSeen), {
      timeout: SYNC_TIMEOUT_MS,
    });
  } catch (e) {
    console.log(`no phone messaging: ${describeError(e)}`);
    return done({ wallet: before, failure: 'link' });
  }
  pending.then(
    (answer) => {
      let reply;
      try {
        reply = parseSyncReply(answer, parseSyncResponse);
      } catch (e) {
        console.log(`the phone's sync answer does not check out: ${describeError(e)}`);
        return done({ wallet: before, failure: 'issuer-error' });
      }
      if (!reply.ok) {
        if (reply.failure !== 'unbound') return done({ wallet: before, failure: reply.failure });
        const wallet = forgetBinding();
        saveWallet(wallet);
        return done({ wallet, failure: 'unbound' });
      }
      // "Forgot PIN" in the settings page: the wallet and the PIN go; the answer's new lease stays, and the
      // pay page asks for a new PIN (as the watches' page/common/sync.ts).
      const wipe = reply.wipe !== undefined && reply.wipe !== loadLock().wipeSeen ? reply.wipe : null;
      if (wipe !== null) saveLock(wiped(wipe));
      const wallet = applySync(wipe !== null ? EMPTY_WALLET : loadWallet(), reply.sync, now());
      saveWallet(wallet);
      done({ wallet, failure: null });
    },
    (e) => {
      console.log(`no answer from the phone: ${describeError(e)}`);
      done({ wallet: before, failure: 'link' });
    },
  );
}

/** Every page opens with what the band stored, then syncs and redraws if it got something new. */
export function showThenSync(page: { render(): void; alive(): boolean }): void {
  page.render();
  syncWallet(Date.now, ({ failure }) => {
    if (!failure && page.alive()) page.render();
  });
}
