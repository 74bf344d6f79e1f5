// One page of the app in QuickJS (quickjs-emscripten), the watch's engine, for the slow lane's
// differential test (test/pay-page-quickjs.slow.test.ts) and the engine bench (bench/pay-page-quickjs.bench.ts).
//
// The page and app.ts are bundled as the watch realm bundles them (kernel/bundle.ts: ZML and lib/ go
// in), and run against thin @zos stubs written in JS inside QuickJS: enough for app.ts and a ZML page
// (getApp, @zos/app getPackageInfo and its message channel, @zos/ble, @zos/timer, @zos/utils
// EventBus / log / px, storage, display, device, i18n, settings, router), fed with the same facts the
// V8 realm's fakes give (device info, package info, .po strings, constants), and one fixed time.
// @zos/ui records every call in the V8 realm's UiCall shape (sim/zos/ui.ts) and checks nothing.
// Timers are kept, never run (as in the V8 realm until its clock advances); promise jobs run after
// each step.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { getQuickJS, type QuickJSContext } from 'quickjs-emscripten';
import type { DeviceFacts } from '../../reference/devices';
import { readAppManifest } from './app-manifest';
import { bundleEntry, entryFile, PROJECT_ROOT } from './bundle';
import { DATE_FROM_CLOCK_SCRIPT } from './clock';
import type { Language, ShapeLetter } from './contracts';
import { align, event, prop, text_style, widget } from '../zos/constants';
import { CANVAS_OPS } from '../zos/widget-spec';
import { deviceModule } from '../zos/device';
import { LANGUAGE_CODES, parsePo } from '../zos/i18n';
import type { UiCall } from '../zos/ui';

export interface QuickJsPageOptions {
  device: DeviceFacts;
  /** The page, as app.json names it ('page/pay/index.page'). */
  page: string;
  /** Fixed time (ms) for Date.now() and new Date(). */
  now: number;
  /** LocalStorage content (a copy is used). */
  storage?: Map<string, unknown>;
  appDir?: string;
  language?: Language;
}

export interface QuickJsPage {
  /** Every @zos/ui call so far. */
  calls(): UiCall[];
  /** Fires the listeners of `eventId` on widget #id, as a tap does (then runs promise jobs). */
  fire(id: number, eventId: number, point?: { x: number; y: number }): void;
  /** Evaluates `code` in the page's context (`__page` is the page object) and returns its JSON value. */
  evalJson<T>(code: string): T;
  dispose(): void;
}

/**
 * The watch's global Buffer ("Reference Node.js", docs: global/Buffer.mdx): the npm `buffer` package
 * (Node's Buffer API in plain JS), bundled once. ZML's messaging reads `Buffer` when app.ts loads.
 */
let bufferScript: Promise<string> | null = null;
function bufferGlobal(): Promise<string> {
  bufferScript ??= build({
    stdin: { contents: "globalThis.Buffer = require('buffer').Buffer;", resolveDir: PROJECT_ROOT, loader: 'js' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    mainFields: ['browser', 'module', 'main'],
    target: 'es2020',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  return bufferScript;
}

const SHAPE_LETTER: Record<string, ShapeLetter> = { round: 'r', square: 's', band: 'b' };

/** The stubs: plain JS run in QuickJS before the bundles; `__host` holds the facts (JSON). */
const STUBS_SCRIPT = String.raw`(() => {
  const host = JSON.parse(__hostJson);
  const calls = [];
  const plain = (v) => {
    if (typeof v === 'function') return 'function';
    if (Array.isArray(v)) return v.map(plain);
    if (typeof v === 'object' && v !== null) {
      const out = {};
      for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: plain(v[k]), enumerable: true, writable: true, configurable: true });
      return out;
    }
    return v;
  };
  const widgets = new Map(); // live widgets by id
  const ids = new WeakMap();
  let nextId = 1;
  const makeWidget = (type, props, parent) => {
    const id = nextId++;
    const listeners = {};
    const w = {
      setProperty(p, value) { calls.push({ call: 'setProperty', id, prop: p, value: plain(value) }); },
      getProperty() { return undefined; },
      addEventListener(ev, fn) { (listeners[ev] = listeners[ev] || []).push(fn); calls.push({ call: 'addEventListener', id, event: ev }); },
      removeEventListener(ev, fn) { listeners[ev] = (listeners[ev] || []).filter((f) => f !== fn); calls.push({ call: 'removeEventListener', id, event: ev }); },
      createWidget(t, p) { return makeWidget(t, p, id); },
    };
    // CANVAS draws by method calls (docs: ui/widget/CANVAS.mdx); recorded as the V8 fake records them.
    if (type === host.constants.widget.CANVAS) for (const op of host.canvasOps) w[op] = (args) => { calls.push({ call: 'canvas', id, op, args: plain(args === undefined && op === 'clear' ? {} : args) }); };
    widgets.set(id, { w, listeners });
    ids.set(w, id);
    calls.push({ call: 'createWidget', id, parent, type, props: plain(props || {}) });
    return w;
  };
  const idOf = (w) => { const id = typeof w === 'object' && w !== null ? ids.get(w) : undefined; if (id === undefined) throw new Error('deleteWidget: not a widget'); return id; };
  const timers = new Map();
  let nextTimer = 1;
  const timer = {
    setTimeout(fn, ms) { timers.set(nextTimer, { fn, ms }); return nextTimer++; },
    clearTimeout(id) { timers.delete(id); },
    setInterval(fn, ms) { timers.set(nextTimer, { fn, ms }); return nextTimer++; },
    clearInterval(id) { timers.delete(id); },
  };
  const store = new Map(host.storage);
  const copy = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const localStorage = {
    setItem(k, v) { store.set(k, copy(v)); },
    getItem(k, d) { return store.has(k) ? copy(store.get(k)) : d; },
    removeItem(k) { store.delete(k); },
    clear() { store.clear(); },
  };
  const display = { brightness: 60, auto: true };
  class EventBus {
    constructor() { this.map = new Map(); }
    on(n, fn) { const l = this.map.get(n) || []; l.push(fn); this.map.set(n, l); }
    off(n, fn) { if (!fn) { this.map.delete(n); return; } const l = (this.map.get(n) || []).filter((f) => f !== fn && f.inner !== fn); if (l.length) this.map.set(n, l); else this.map.delete(n); }
    emit(n, ...a) { for (const fn of (this.map.get(n) || []).slice()) fn(...a); }
    once(n, fn) { const w = (...a) => { this.off(n, w); fn(...a); }; w.inner = fn; this.on(n, w); }
    clear() { this.map.clear(); }
    count(n) { if (n !== undefined) return (this.map.get(n) || []).length; let c = 0; for (const l of this.map.values()) c += l.length; return c; }
  }
  const logger = () => ({ log() {}, info() {}, warn() {}, debug() {}, error() {} });
  const handlers = new Map();
  const noop = () => {};
  const modules = {
    '@zos/ui': {
      createWidget: (t, p) => makeWidget(t, p, null),
      deleteWidget: (w) => { const id = idOf(w); widgets.delete(id); calls.push({ call: 'deleteWidget', id }); },
      widget: host.constants.widget, prop: host.constants.prop, align: host.constants.align,
      text_style: host.constants.text_style, event: host.constants.event, setStatusBarVisible: noop,
    },
    '@zos/router': { push: noop, replace: noop, back: noop, exit: noop, home: noop },
    '@zos/storage': { localStorage, LocalStorage: function LocalStorage() { return localStorage; } },
    '@zos/display': {
      getBrightness: () => display.brightness, setBrightness: (a) => { display.brightness = typeof a === 'object' ? a.brightness : a; },
      getAutoBrightness: () => display.auto, setAutoBrightness: (a) => { display.auto = typeof a === 'object' ? a.autoBright : a; },
      setPageBrightTime: noop, resetPageBrightTime: noop, pauseDropWristScreenOff: noop, resetDropWristScreenOff: noop,
      pausePalmScreenOff: noop, resetPalmScreenOff: noop, setWakeUpRelaunch: noop,
    },
    '@zos/device': { SCREEN_SHAPE_SQUARE: host.shapes.square, SCREEN_SHAPE_ROUND: host.shapes.round, getDeviceInfo: () => copy(host.deviceInfo) },
    '@zos/ble': { createConnect: noop, disConnect: noop, connectStatus: () => true, send: () => true, addListener: noop, removeListener: noop },
    '@zos/ble/TransferFile': undefined,
    '@zos/app': {
      getPackageInfo: () => copy(host.packageInfo),
      onMessage(n, cb) { handlers.set(n, cb); }, offMessage(n) { handlers.delete(n); },
      postMessage(n, ...d) { const h = handlers.get(n); if (h) h(n, ...d); },
    },
    '@zos/utils': { log: { getLogger: logger }, px: (v) => (v * host.deviceInfo.width) / host.designWidth, EventBus },
    '@zos/timer': timer,
    '@zos/i18n': { getText: (k) => (Object.prototype.hasOwnProperty.call(host.strings, k) ? host.strings[k] : k) },
    '@zos/settings': { getLanguage: () => host.languageCode, getTimeFormat: () => 1, getDateFormat: () => 0 },
    // The wrist: always worn here (the lock's rules are tested in the V8 realm).
    '@zos/sensor': { Wear: function Wear() { return { getStatus: () => 1, onChange: noop, offChange: noop }; } },
  };
  const req = (name) => {
    if (!Object.prototype.hasOwnProperty.call(modules, name)) throw new Error('quickjs stubs: no module ' + name);
    return modules[name];
  };
  const g = globalThis;
  g.__zosRequire = req;
  g.__$$R$$__ = req;
  g.__$$app$$__ = { __globals__: { __scopedGlobals__: {} } };
  g.__$$module$$__ = { id: 'app' };
  g.console = { log: noop, info: noop, warn: noop, error: noop, debug: noop };
  g.setTimeout = timer.setTimeout; g.clearTimeout = timer.clearTimeout; g.setInterval = timer.setInterval; g.clearInterval = timer.clearInterval;
  g.__clockNow = () => host.now;
  let app = null;
  g.App = (o) => { app = o; return o; };
  g.Page = (o) => { g.__page = o; return o; };
  g.getApp = () => { if (app && !('_options' in app)) Object.defineProperty(app, '_options', { value: app }); return app; };
  g.getCurrentPage = () => g.__page;
  g.__calls = calls;
  g.__fire = (id, ev, info) => {
    const x = widgets.get(id);
    if (!x) throw new Error('__fire: no live widget #' + id);
    for (const fn of (x.listeners[ev] || []).slice()) fn(info);
  };
  g.__startApp = () => { if (!app) throw new Error('app.ts did not call App()'); if (app.onCreate) app.onCreate(); };
})();`;

export async function openPageInQuickJS(opts: QuickJsPageOptions): Promise<QuickJsPage> {
  const appDir = resolve(opts.appDir ?? PROJECT_ROOT);
  const manifest = readAppManifest(appDir);
  const shape = SHAPE_LETTER[opts.device.shape];
  if (!shape) throw new Error(`quickjs page: unknown screen shape ${opts.device.shape}`);
  const language = opts.language ?? 'en-US';
  const po = join(appDir, 'page', 'i18n', `${language}.po`);
  const dev = deviceModule(opts.device);
  const host = {
    now: opts.now,
    storage: [...(opts.storage ?? new Map()).entries()],
    deviceInfo: (dev.getDeviceInfo as () => unknown)(),
    shapes: { square: dev.SCREEN_SHAPE_SQUARE, round: dev.SCREEN_SHAPE_ROUND },
    packageInfo: { ...manifest.app },
    designWidth: manifest.designWidth,
    strings: Object.fromEntries(existsSync(po) ? parsePo(readFileSync(po, 'utf8')) : []),
    languageCode: LANGUAGE_CODES[language],
    constants: { widget, prop, align, text_style, event },
    canvasOps: Object.keys(CANVAS_OPS),
  };
  const [bufferCode, appCode, pageCode] = await Promise.all([
    bufferGlobal(),
    bundleEntry(entryFile(appDir, 'app'), { shape, root: appDir }),
    bundleEntry(entryFile(appDir, opts.page), { shape, root: appDir }),
  ]);
  const ctx = (await getQuickJS()).newContext();
  try {
    const json = ctx.newString(JSON.stringify(host));
    ctx.setProp(ctx.global, '__hostJson', json);
    json.dispose();
    run(ctx, STUBS_SCRIPT, 'stubs.js');
    run(ctx, DATE_FROM_CLOCK_SCRIPT, 'date.js');
    run(ctx, bufferCode, 'buffer.js');
    run(ctx, appCode, 'app.js');
    run(ctx, '__startApp()', 'start.js');
    run(ctx, `__$$module$$__ = { id: ${JSON.stringify(opts.page)} }`, 'module.js');
    run(ctx, pageCode, `${opts.page}.js`);
    run(
      ctx,
      `if (!globalThis.__page) throw new Error('${opts.page} did not call Page()'); if (__page.onInit) __page.onInit(); if (__page.build) __page.build();`,
      'open.js',
    );
  } catch (err) {
    ctx.dispose();
    throw err;
  }
  return {
    calls: () => evalJson<UiCall[]>(ctx, '__calls'),
    fire(id, eventId, point = { x: 0, y: 0 }) {
      run(ctx, `__fire(${id}, ${eventId}, ${JSON.stringify(point)})`, 'fire.js');
    },
    evalJson: (code) => evalJson(ctx, code),
    dispose: () => ctx.dispose(),
  };
}

/** Evaluates code, runs the promise jobs it left, and throws a QuickJS error as a host Error. */
function run(ctx: QuickJSContext, code: string, filename: string): void {
  const result = ctx.evalCode(code, filename);
  if (result.error) {
    const err = ctx.dump(result.error) as { name?: string; message?: string; stack?: string } | string;
    result.error.dispose();
    throw new Error(
      `QuickJS ${filename}: ${typeof err === 'object' && err ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err)}`,
    );
  }
  result.value.dispose();
  const jobs = ctx.runtime.executePendingJobs();
  if (jobs.error) {
    const err = ctx.dump(jobs.error) as unknown;
    jobs.error.dispose();
    throw new Error(`QuickJS ${filename} (promise job): ${JSON.stringify(err)}`);
  }
}

function evalJson<T>(ctx: QuickJSContext, code: string): T {
  const result = ctx.evalCode(`JSON.stringify(${code})`);
  const handle = ctx.unwrapResult(result);
  const text = ctx.getString(handle);
  handle.dispose();
  return (text === undefined ? undefined : JSON.parse(text)) as T;
}
