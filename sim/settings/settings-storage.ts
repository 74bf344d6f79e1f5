// settings.settingsStorage of the Zepp app: one string store shared by the side service (phone
// realm) and the settings page (settings realm), with 'change' events (docs:
// side-service-api/settings-storage.mdx).
//
// - Values and keys are strings only; anything else throws a TypeError (the real store keeps strings).
// - A read sees a write at once (both ends share the store), but 'change' listeners run later, in
//   order, one microtask after the write: in the Zepp app the side service and the settings page
//   are separate, so a listener never runs inside the setItem call that caused it.
// - An event fires only when a value really changes (like Web Storage); clear() fires one per key.
// - A listener that throws does not stop the others; its error is kept in `errors`.
// - Each realm gets a `scopedStorage` view, so ZML's `removeListener('change')` (no listener:
//   remove all) removes only that realm's listeners, and a killed realm's listeners go with it.
import type { SettingsChange, SharedSettingsStorage } from '../kernel/contracts';

export type ChangeListener = (change: SettingsChange) => void;

export interface SettingsStorageWithErrors extends SharedSettingsStorage {
  /** Errors thrown by change listeners, in order. */
  readonly errors: readonly unknown[];
  /** Without a listener: removes every listener. */
  removeListener(event: 'change', cb?: ChangeListener): void;
}

/** A realm's view of the shared store: same data, its own listeners. */
export interface ScopedSettingsStorage extends SharedSettingsStorage {
  /** Without a listener: removes every listener this view added (ZML's offChange does this). */
  removeListener(event: 'change', cb?: ChangeListener): void;
  /** Removes every listener this view added. */
  detach(): void;
  /**
   * Hands `change` to this view's listeners only, one microtask later (as a write would); no data
   * changes. A listener's error goes to onError.
   */
  deliver(change: SettingsChange, onError: (err: unknown) => void): void;
}

function checkEvent(event: unknown): void {
  if (event !== 'change')
    throw new TypeError(`settingsStorage: the only event is 'change', got ${JSON.stringify(event)}`);
}

function checkKey(key: unknown, what: string): asserts key is string {
  if (typeof key !== 'string') throw new TypeError(`settingsStorage.${what}: key must be a string, got ${typeof key}`);
}

export function createSettingsStorage(initial: Record<string, string> = {}): SettingsStorageWithErrors {
  const data = new Map<string, string>();
  for (const [k, v] of Object.entries(initial)) {
    if (typeof v !== 'string')
      throw new TypeError(`createSettingsStorage: value of ${JSON.stringify(k)} must be a string, got ${typeof v}`);
    data.set(k, v);
  }
  const listeners: ChangeListener[] = [];
  const errors: unknown[] = [];

  const emit = (change: SettingsChange) => {
    queueMicrotask(() => {
      // A snapshot: a listener added by a listener hears only later changes.
      for (const cb of [...listeners]) {
        try {
          cb({ ...change });
        } catch (err) {
          errors.push(err);
        }
      }
    });
  };

  const store: SettingsStorageWithErrors = {
    errors,
    getItem(key: string): string | null {
      checkKey(key, 'getItem');
      return data.get(key) ?? null;
    },
    setItem(key: string, value: string): void {
      checkKey(key, 'setItem');
      if (typeof value !== 'string') {
        throw new TypeError(
          `settingsStorage.setItem(${JSON.stringify(key)}): value must be a string, got ${value === null ? 'null' : typeof value}`,
        );
      }
      const old = data.get(key) ?? null;
      data.set(key, value);
      if (old !== value) emit({ key, newValue: value, oldValue: old });
    },
    removeItem(key: string): void {
      checkKey(key, 'removeItem');
      const old = data.get(key);
      if (old === undefined) return;
      data.delete(key);
      emit({ key, newValue: null, oldValue: old });
    },
    clear(): void {
      const old = [...data];
      data.clear();
      for (const [key, value] of old) emit({ key, newValue: null, oldValue: value });
    },
    toObject(): Record<string, string> {
      return Object.fromEntries(data);
    },
    get length() {
      return data.size;
    },
    addListener(event: 'change', cb: ChangeListener): void {
      checkEvent(event);
      if (typeof cb !== 'function')
        throw new TypeError(`settingsStorage.addListener: listener must be a function, got ${typeof cb}`);
      listeners.push(cb);
    },
    removeListener(event: 'change', cb?: ChangeListener): void {
      checkEvent(event);
      if (cb === undefined) {
        listeners.length = 0;
        return;
      }
      const at = listeners.indexOf(cb);
      if (at >= 0) listeners.splice(at, 1);
    },
  };
  return store;
}

export function scopedStorage(shared: SharedSettingsStorage): ScopedSettingsStorage {
  const mine: ChangeListener[] = [];
  const remove = (cb: ChangeListener) => {
    const at = mine.indexOf(cb);
    if (at < 0) return;
    mine.splice(at, 1);
    shared.removeListener('change', cb);
  };
  return {
    getItem: (key) => shared.getItem(key),
    setItem: (key, value) => shared.setItem(key, value),
    removeItem: (key) => shared.removeItem(key),
    clear: () => shared.clear(),
    toObject: () => shared.toObject(),
    get length() {
      return shared.length;
    },
    addListener(event, cb) {
      checkEvent(event);
      shared.addListener(event, cb);
      mine.push(cb);
    },
    removeListener(event, cb) {
      checkEvent(event);
      if (cb === undefined) for (const each of [...mine]) remove(each);
      else remove(cb);
    },
    detach() {
      for (const each of [...mine]) remove(each);
    },
    deliver(change, onError) {
      queueMicrotask(() => {
        for (const cb of [...mine]) {
          try {
            cb({ ...change });
          } catch (err) {
            onError(err);
          }
        }
      });
    },
  };
}
