// Fake @zos/storage: localStorage (and `new LocalStorage()`) over a Map the test owns, so the same
// map given to a new realm models an app relaunch. Values are stored as JSON copies, the way the
// watch serialises them (docs: storage/localStorage.mdx).

export function storageModule(map: Map<string, unknown>): Record<string, unknown> {
  const copy = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const key = (k: unknown, fn: string): string => {
    if (typeof k !== 'string') throw new TypeError(`@zos/storage: ${fn} key must be a string, got ${typeof k}`);
    return k;
  };
  const api = {
    setItem(k: unknown, value: unknown): void {
      if (value === undefined || typeof value === 'function')
        throw new TypeError(`@zos/storage: setItem(${JSON.stringify(k)}) value must be JSON-serialisable`);
      map.set(key(k, 'setItem'), copy(value));
    },
    getItem(k: unknown, defaultValue?: unknown): unknown {
      const name = key(k, 'getItem');
      return map.has(name) ? copy(map.get(name)) : defaultValue;
    },
    removeItem(k: unknown): void {
      map.delete(key(k, 'removeItem'));
    },
    clear(): void {
      map.clear();
    },
  };
  class LocalStorage {
    setItem = api.setItem;
    getItem = api.getItem;
    removeItem = api.removeItem;
    clear = api.clear;
  }
  return { localStorage: api, LocalStorage };
}
