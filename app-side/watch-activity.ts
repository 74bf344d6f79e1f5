// The side service's answer to the pay page's question "what happened to my codes since T?"
// (lib/wallet/activity): one GET /v1/activity per question, nothing in between. The phone never asks
// the issuer on its own: when the pay page stops asking (closed, or 2 minutes on), so does the phone.
import { parseActivityRequest, type ActivityReply } from '../lib/wallet/activity';
import { IssuerRequestError } from './issuer-client';
import { describeError, type PhoneLog, type PhoneStore } from './phone-store';

export function createWatchActivity(store: PhoneStore, log: PhoneLog = console) {
  async function handleActivity(request: unknown): Promise<ActivityReply> {
    const { params } = parseActivityRequest(request);
    const issuer = store.client();
    if (!issuer) return { ok: false, failure: 'not-bound' };
    try {
      return { ok: true, activity: await issuer.activity(params.since) };
    } catch (e) {
      log.error(`activity request failed: ${describeError(e)}`);
      if (e instanceof IssuerRequestError && e.status === 401) return { ok: false, failure: 'unbound' };
      if (e instanceof IssuerRequestError && e.status === 0) return { ok: false, failure: 'issuer-unreachable' };
      return { ok: false, failure: 'issuer-error' };
    }
  }
  return { handleActivity };
}

export type WatchActivity = ReturnType<typeof createWatchActivity>;
