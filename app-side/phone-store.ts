// What the side service keeps on the phone, in settingsStorage: the issuer's address, the device
// credential and the status record the settings page shows. The watch sync (./watch-sync) and the
// settings actions (./settings-actions) both read and write it through here.
import type { SyncResponse } from '../lib/issuer-api/types';
import { parseIssuerUrl } from '../lib/wallet/settings-input';
import type { SettingsError } from '../lib/wallet/settings-errors';
import { KEYS, parseStatus, type Status } from '../lib/wallet/settings-keys';
import { IssuerClient, IssuerRequestError, type ZeppFetch } from './issuer-client';

/** settingsStorage as the side service sees it (strings only). */
export interface StringStorage {
  getItem(key: string): string | null | undefined;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Where the side service writes what went wrong: console on the phone (the Zepp docs' side-service
 * logging), something else in tests. Messages name what failed, never a credential, binding code,
 * lease or payment code.
 */
export interface PhoneLog {
  log(message: string): void;
  error(message: string): void;
}

/**
 * An error for the log: its kind, the issuer's status and code if any, and its message. A SyntaxError
 * from JSON.parse may quote the text it read, so only its kind is kept.
 */
export function describeError(e: unknown): string {
  if (e instanceof IssuerRequestError) return `${e.name} ${e.status} ${e.code}: ${e.message}`;
  if (e instanceof Error) return e.name === 'SyntaxError' ? e.name : `${e.name}: ${e.message}`;
  return `a thrown ${typeof e}`;
}

export interface PhoneStoreDeps {
  storage: StringStorage;
  fetch: ZeppFetch;
  now: () => number;
}

export function createPhoneStore({ storage, fetch, now }: PhoneStoreDeps) {
  const get = (key: string) => {
    const v = storage.getItem(key);
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const status = (): Status => parseStatus(get(KEYS.status));
  const writeStatus = (patch: Partial<Status>) =>
    storage.setItem(KEYS.status, JSON.stringify({ ...status(), ...patch, at: now() }));
  const issuerUrl = () => get(KEYS.issuerUrl);
  /** The issuer as this bound device, or null before binding. */
  const client = () => {
    const url = issuerUrl();
    const credential = get(KEYS.credential);
    return url && credential ? new IssuerClient(parseIssuerUrl(url), fetch, credential) : null;
  };

  /** The issuer no longer knows this device: drop the credential so nobody keeps using it. */
  function forgetCredential(message: string, error?: SettingsError) {
    storage.removeItem(KEYS.credential);
    // With an error (the watch's sync found the device unbound): the page says it, in its language.
    writeStatus({ bound: false, limits: null, cards: [], message, ...(error ? { outcome: 'error', error } : {}) });
  }

  /** Balances and limits for the settings page, from one sync document. */
  function noteSync(sync: SyncResponse) {
    writeStatus({
      bound: true,
      currency: sync.lim.cur,
      cards: sync.cards.map((c) => ({
        id: c.id,
        name: c.name,
        balance: c.bal,
        ...(c.low !== undefined ? { low: c.low } : {}),
        ...(c.auto !== undefined ? { auto: c.auto } : {}),
      })),
    });
  }

  return { storage, fetch, get, status, writeStatus, issuerUrl, client, forgetCredential, noteSync };
}

export type PhoneStore = ReturnType<typeof createPhoneStore>;
