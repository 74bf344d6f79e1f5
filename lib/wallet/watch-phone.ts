// The contract of the watch and the phone: the messages over ZML's request/response (watch asks, side
// service answers). Both ends import this file; each checks what it receives.
import type { SyncResponse } from '../issuer-api/types';
import { isRecord } from '../guards';

/** The one method the watch asks the phone for. */
export const SYNC_METHOD = 'wallet.sync';

/** The watch asks the phone to sync with the issuer. */
export interface SyncRequest {
  method: typeof SYNC_METHOD;
  params: { leaseId: string | null };
}

/** Why the phone could not sync; the watch shows these and keeps what it stored. */
export type SyncFailure =
  | 'not-bound' // no device credential on the phone: bind in the settings page
  | 'unbound' // the issuer no longer knows this device (401): the watch forgets its lease
  | 'issuer-unreachable'
  | 'issuer-error';

export const SYNC_FAILURES: readonly SyncFailure[] = ['not-bound', 'unbound', 'issuer-unreachable', 'issuer-error'];

export type SyncReply = { ok: true; sync: SyncResponse } | { ok: false; failure: SyncFailure; message: string };

export class MessageError extends Error {
  override name = 'MessageError';
}

export function syncRequest(leaseId: string | null): SyncRequest {
  return { method: SYNC_METHOD, params: { leaseId } };
}

/** The side service's check of a request from the watch. */
export function parseSyncRequest(x: unknown): SyncRequest {
  if (!isRecord(x) || x.method !== SYNC_METHOD) throw new MessageError('not a wallet.sync request');
  const params = isRecord(x.params) ? x.params : {};
  const leaseId = params.leaseId;
  if (leaseId !== null && leaseId !== undefined && (typeof leaseId !== 'string' || leaseId.length > 128)) {
    throw new MessageError('wallet.sync: leaseId must be a string or null');
  }
  return { method: SYNC_METHOD, params: { leaseId: typeof leaseId === 'string' ? leaseId : null } };
}

/** The watch's check of the phone's reply; `parseSync` is the issuer-API validator of the sync document. */
export function parseSyncReply(x: unknown, parseSync: (x: unknown) => SyncResponse): SyncReply {
  if (!isRecord(x) || typeof x.ok !== 'boolean') throw new MessageError('sync reply: not an object with ok');
  if (x.ok) return { ok: true, sync: parseSync(x.sync) };
  if (typeof x.failure !== 'string' || !(SYNC_FAILURES as readonly string[]).includes(x.failure)) {
    throw new MessageError(`sync reply: unknown failure ${JSON.stringify(x.failure)}`);
  }
  return {
    ok: false,
    failure: x.failure as SyncFailure,
    message: typeof x.message === 'string' ? x.message.slice(0, 200) : '',
  };
}
