// The watch's JavaScript engine as the watch realm models it (sim/README.md, "Globals on the watch").
// The watch runs QuickJS (docs: reference/app-json.mdx, runtime `type`); the realm runs V8 in a
// node:vm context, so it takes away what V8 has and the watch does not:
// - code from strings: `eval(...)` and `new Function(...)` throw an EvalError (docs:
//   guides/framework/device/js-support.md forbids both; its one exception, `new Function('return this')`,
//   is not kept: nothing in the app or ZML uses it, `globalThis` does the same);
// - globals QuickJS does not have (Intl, WebAssembly) or that the realm assumes the watch lacks
//   (SharedArrayBuffer, Atomics, WeakRef, FinalizationRegistry); Node's own globals (TextEncoder,
//   structuredClone, URL, fetch, queueMicrotask, process, ...) are never in a vm context;
// - the locale methods behave as QuickJS's do without Intl: numbers print as toString, dates as
//   "MM/DD/YYYY, hh:mm:ss AM" in local time, localeCompare compares UTF-16 code units (after NFC),
//   toLocaleUpperCase / toLocaleLowerCase ignore the locale.

/** vm.createContext options for a realm that refuses code from strings (eval, new Function) and WebAssembly. */
export const NO_CODE_FROM_STRINGS = { strings: false, wasm: false } as const;

/** Globals V8 puts in every context that the watch realm deletes, each with why. */
export const ABSENT_ON_WATCH: Readonly<Record<string, string>> = {
  Intl: 'QuickJS has no Intl; the docs never mention it',
  WebAssembly: 'QuickJS has no WebAssembly',
  SharedArrayBuffer: 'assumed: one JS thread on the watch, no workers; the docs never mention it',
  Atomics: 'assumed: as SharedArrayBuffer (QuickJS builds it only with CONFIG_ATOMICS)',
  WeakRef: 'assumed: QuickJS has it only since 2024-01-13, the firmware QuickJS version is not published',
  FinalizationRegistry: 'assumed: as WeakRef',
};

/**
 * Runs in the realm's context after its Date is set up: deletes ABSENT_ON_WATCH and replaces the
 * locale methods with what QuickJS does without Intl (quickjs.c: js_date_toLocaleString formats
 * "%02d/%02d/%04d, %02d:%02d:%02d %cM"; Number / BigInt toLocaleString are toString;
 * js_string_localeCompare compares the NFC forms by code unit; the case methods take no locale).
 */
export const WATCH_ENGINE_SCRIPT = `(() => {
  for (const name of ${JSON.stringify(Object.keys(ABSENT_ON_WATCH))}) delete globalThis[name];
  const define = (proto, name, fn) => Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
  const pad = (n, w) => String(n).padStart(w, '0');
  const dateOf = (d, name) => {
    if (!(d instanceof Date)) throw new TypeError('Date.prototype.' + name + ' called on a non-Date');
    return d;
  };
  const datePart = (d) => pad(d.getMonth() + 1, 2) + '/' + pad(d.getDate(), 2) + '/' + pad(d.getFullYear(), 4);
  const timePart = (d) => pad(d.getHours() % 12 || 12, 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + (d.getHours() < 12 ? ' AM' : ' PM');
  const dateString = (name, parts) => function () {
    const d = dateOf(this, name);
    return isNaN(d.getTime()) ? 'Invalid Date' : parts(d);
  };
  define(Date.prototype, 'toLocaleString', dateString('toLocaleString', (d) => datePart(d) + ', ' + timePart(d)));
  define(Date.prototype, 'toLocaleDateString', dateString('toLocaleDateString', datePart));
  define(Date.prototype, 'toLocaleTimeString', dateString('toLocaleTimeString', timePart));
  const numberToString = Number.prototype.toString;
  define(Number.prototype, 'toLocaleString', function () { return numberToString.call(this); });
  const bigintToString = BigInt.prototype.toString;
  define(BigInt.prototype, 'toLocaleString', function () { return bigintToString.call(this); });
  const upper = String.prototype.toUpperCase;
  const lower = String.prototype.toLowerCase;
  define(String.prototype, 'toLocaleUpperCase', function () { return upper.call(this); });
  define(String.prototype, 'toLocaleLowerCase', function () { return lower.call(this); });
  const normalize = String.prototype.normalize;
  define(String.prototype, 'localeCompare', function (that) {
    if (this === null || this === undefined) throw new TypeError('String.prototype.localeCompare called on null or undefined');
    const a = normalize.call(String(this), 'NFC');
    const b = normalize.call(String(that), 'NFC');
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = a.charCodeAt(i) - b.charCodeAt(i);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  });
})();`;
