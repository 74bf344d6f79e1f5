// The side service's modules over a Map for settingsStorage, Zepp's fetch over node's, and a log that
// keeps every line, against the real issuer on loopback (test/server/helpers).
import { expect } from 'vitest';
import type { ZeppFetch } from '../../app-side/issuer-client';
import { createPhoneStore, type PhoneLog } from '../../app-side/phone-store';
import { createSettingsActions } from '../../app-side/settings-actions';
import { createWatchSync } from '../../app-side/watch-sync';
import { KEYS, parseStatus } from '../../lib/wallet/settings-keys';

/** Zepp's fetch on the phone, over node's fetch: body arrives as a string, as on some phones. */
export const zeppFetch: ZeppFetch = async ({ url, method, headers, body }) => {
  const res = await fetch(url, { method, headers, body });
  return { status: res.status, body: await res.text() };
};

export function mapStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}

export function recordingLog(): PhoneLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (m) => void lines.push(m), error: (m) => void lines.push(m) };
}

/** Both halves of the side service over one storage, and `act`: leave an action as the settings page does. */
export function sideService(now: () => number, storage = mapStorage()) {
  const log = recordingLog();
  const store = createPhoneStore({ storage, fetch: zeppFetch, now });
  const sync = createWatchSync(store, log);
  const actions = createSettingsActions(store, log);
  let n = 0;
  const act = async (action: Record<string, unknown>) => {
    const id = `a${++n}`;
    storage.setItem(KEYS.action, JSON.stringify({ ...action, id }));
    await actions.handleSettingsChange({ key: KEYS.action, newValue: storage.getItem(KEYS.action) });
    const status = parseStatus(storage.getItem(KEYS.status));
    expect(status.actionId).toBe(id);
    return status;
  };
  return { storage, sync, actions, act, log };
}
