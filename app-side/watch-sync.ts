// The side service's answer to the watch's sync request (lib/wallet/watch-phone): the issuer's sync
// document, with a new lease for a watch that has none, or why there is none.
import { parseSyncRequest, type SyncReply } from '../lib/wallet/watch-phone';
import { IssuerRequestError } from './issuer-client';
import { describeError, type PhoneLog, type PhoneStore } from './phone-store';

export function createWatchSync(store: PhoneStore, log: PhoneLog = console) {
  async function handleSync(request: unknown): Promise<SyncReply> {
    const { params } = parseSyncRequest(request);
    const issuer = store.client();
    if (!issuer) return { ok: false, failure: 'not-bound', message: 'bind this watch in the settings page' };
    try {
      const sync = await issuer.sync();
      // A watch with no lease (new, or its storage wiped) gets one now instead of at half-life.
      const withLease = sync.lease || params.leaseId ? sync : { ...sync, lease: (await issuer.newLease()).lease };
      store.noteSync(withLease);
      return { ok: true, sync: withLease };
    } catch (e) {
      log.error(`watch sync failed: ${describeError(e)}`);
      if (e instanceof IssuerRequestError && e.status === 401) {
        store.forgetCredential('This device was unbound by the issuer');
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
