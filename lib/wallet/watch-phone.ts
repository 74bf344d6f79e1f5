// The contract of the watch and the phone: the messages over ZML's request/response (watch asks, side
// service answers). Both ends import this file; each checks what it receives.
import type { SyncResponse } from '../issuer-api/types';
import { isRecord } from '../guards';

/** The one method the watch asks the phone for. */
export const SYNC_METHOD = 'wallet.sync';

/** The watch asks the phone to sync with the issuer. */
export interface SyncRequest {
  method: typeof SYNC_METHOD;
  /**
   * wiped: the id of the last "Forgot PIN" wipe the watch carried out (see SyncReply `wipe`), so the
   * phone stops asking for it; absent when there was none.
   */
  params: { leaseId: string | null; wiped?: string };
}

/** The longest wipe id either end accepts (the settings page's action ids are far shorter). */
export const WIPE_ID_MAX = 64;

/** Why the phone could not sync; the watch shows these and keeps what it stored. */
export type SyncFailure =
  | 'not-bound' // no device credential on the phone: bind in the settings page
  | 'unbound' // the issuer no longer knows this device (401): the watch forgets its lease
  | 'issuer-unreachable'
  | 'issuer-error';

export const SYNC_FAILURES: readonly SyncFailure[] = ['not-bound', 'unbound', 'issuer-unreachable', 'issuer-error'];

/**
 * `wipe` ("Forgot PIN" in the settings page): the watch erases its wallet and its PIN, keeps the lease in
 * this answer (a new one) and asks for a new PIN; it reports the id back in its next request's `wiped`.
 */
export type SyncReply =
  { ok: true; sync: SyncResponse; wipe?: string } | { ok: false; failure: SyncFailure; message: string };

export class MessageError extends Error {
  override name = 'MessageError';
}

export function syncRequest(leaseId: string | null, wiped: string | null = null): SyncRequest {
  return { method: SYNC_METHOD, params: wiped === null ? { leaseId } : { leaseId, wiped } };
}

const isWipeId = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= WIPE_ID_MAX;

/** The side service's check of a request from the watch. */
export function parseSyncRequest(x: unknown): SyncRequest {
  if (!isRecord(x) || x.method !== SYNC_METHOD) throw new MessageError('not a wallet.sync request');
  const params = isRecord(x.params) ? x.params : {};
  const leaseId = params.leaseId;
  if (leaseId !== null && leaseId !== undefined && (typeof leaseId !== 'string' || leaseId.length > 128)) {
    throw new MessageError('wallet.sync: leaseId must be a string or null');
  }
  if (params.wiped !== undefined && params.wiped !== null && !isWipeId(params.wiped)) {
    throw new MessageError(`wallet.sync: wiped must be a string of 1-${WIPE_ID_MAX} characters`);
  }
  return syncRequest(typeof leaseId === 'string' ? leaseId : null, isWipeId(params.wiped) ? params.wiped : null);
}

/** The watch's check of the phone's reply; `parseSync` is the issuer-API validator of the sync document. */
export function parseSyncReply(x: unknown, parseSync: (x: unknown) => SyncResponse): SyncReply {
  if (!isRecord(x) || typeof x.ok !== 'boolean') throw new MessageError('sync reply: not an object with ok');
  if (x.ok) {
    if (x.wipe !== undefined && !isWipeId(x.wipe)) throw new MessageError('sync reply: wipe must be a short string');
    const sync = parseSync(x.sync);
    return isWipeId(x.wipe) ? { ok: true, sync, wipe: x.wipe } : { ok: true, sync };
  }
  if (typeof x.failure !== 'string' || !(SYNC_FAILURES as readonly string[]).includes(x.failure)) {
    throw new MessageError(`sync reply: unknown failure ${JSON.stringify(x.failure)}`);
  }
  return {
    ok: false,
    failure: x.failure as SyncFailure,
    message: typeof x.message === 'string' ? x.message.slice(0, 200) : '',
  };
}
