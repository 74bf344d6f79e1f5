// The side service's answer to the watch's sync request (lib/wallet/watch-phone): the issuer's sync
// document, with a new lease for a watch that has none, or why there is none; and a pending "Forgot PIN"
// wipe (KEYS.pinReset), sent with every answer until the watch reports it done.
import { parseSyncRequest, type SyncReply } from '../lib/wallet/watch-phone';
import { KEYS } from '../lib/wallet/settings-keys';
import { IssuerRequestError } from './issuer-client';
import { describeError, type PhoneLog, type PhoneStore } from './phone-store';

export function createWatchSync(store: PhoneStore, log: PhoneLog = console) {
  async function handleSync(request: unknown): Promise<SyncReply> {
    const { params } = parseSyncRequest(request);
    const issuer = store.client();
    if (!issuer) return { ok: false, failure: 'not-bound', message: 'bind this watch in the settings page' };
    try {
      let wipe = store.get(KEYS.pinReset);
      if (wipe !== null && params.wiped === wipe) {
        store.storage.removeItem(KEYS.pinReset); // the watch did it
        wipe = null;
      }
      const sync = await issuer.sync();
      // A watch with no lease (new, or its storage wiped), or one about to wipe its own, gets one now
      // instead of at half-life.
      const needsLease = !sync.lease && (!params.leaseId || wipe !== null);
      const withLease = needsLease ? { ...sync, lease: (await issuer.newLease()).lease } : sync;
      store.noteSync(withLease);
      return wipe !== null ? { ok: true, sync: withLease, wipe } : { ok: true, sync: withLease };
    } catch (e) {
      log.error(`watch sync failed: ${describeError(e)}`);
      if (e instanceof IssuerRequestError && e.status === 401) {
        store.forgetCredential('This device was unbound by the issuer', { code: 'unbound', args: [], issuer: e.code });
        return { ok: false, failure: 'unbound', message: e.message };
      }
      if (e instanceof IssuerRequestError && e.status === 0)
        return { ok: false, failure: 'issuer-unreachable', message: e.message };
      return { ok: false, failure: 'issuer-error', message: e instanceof Error ? e.message : String(e) };
    }
  }

  return { handleSync };
}

export type WatchSync = ReturnType<typeof createWatchSync>;
