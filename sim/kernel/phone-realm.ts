// The phone realm: the app's side service (app-side/index.ts with ZML's BaseSideService, bundled
// unmodified) running in a node:vm context of its own, with the globals the Zepp app gives a side
// service (docs: side-service-api/*; what ZML's dist/zml-side.js reads):
//   messaging.peerSocket (addListener/removeListener 'message', send), settings.settingsStorage (a
//   view of the shared store), sideService (appInfo, launchReasons, launchArgs), AppSideService,
//   Logger.getLogger, getApp() (port2), transferFile (undefined: no file transfer here), Buffer,
//   console, timers and Date from the shared clock, and Zepp's fetch({url, method, headers, body}).
// ZML decides "watch or phone" from which globals exist: none of the watch's (__$$R$$__, hmApp) are
// defined here.
//
// fetch makes REAL HTTP requests with Node's fetch (to the issuer on loopback in tests), tracked on
// the clock so clock.advance waits for them. It resolves {status, statusText, headers, body} with
// body the text the server sent (the JSON string), as on the phones that do not parse it.
// Only url, method, headers and body are used (ZML also passes `timeout`, used as a real-time
// limit); a body that is not a string, or a header that is not a string, is refused, and so is a
// `body` key whose value is undefined (docs/reference/side-service-api/fetch.mdx lists the four
// attributes; what the Zepp app's bridge makes of an undefined one is not documented, so the
// simulator makes the app leave it out). The docs are silent on non-2xx answers (resolved here with
// their status, as ZML's own side httpRequestHandler assumes) and on timeouts (none here but the
// real-time limit below): both are in sim/README.md "Assumed, not verified".
//
// `fetchLatencyMs` makes each answer arrive that much clock time after its request: a real round
// trip is never shorter than a timer of a few ms, and races like a second delivery of a settings
// change while the first one's request is out only show with it.
//
// A cold start for a settings change (restart({settingsChanged})) hands the change to the side
// service twice, as ZML 0.0.43 on a phone may: ZML's settings plugin (dist/zml-side.js, src
// core/side/settings/settings-plugin.js) registers onSettingsChange as a settingsStorage 'change'
// listener in onInit AND, when sideService.launchReasons.settingsChanged, calls
// onSettingsChange(sideService.launchArgs) 1 ms later; the simulator also fires the listener with
// the change (one microtask after onRun), as the Zepp app would if it announces the change that
// started the service to its listeners too (not documented either way).
import { join } from 'node:path';
import { types } from 'node:util';
import vm from 'node:vm';
import { readAppManifest } from './app-manifest';
import { bundleEntry, PROJECT_ROOT } from './bundle';
import type { FakeClock } from './clock';
import type { Link, PhonePort, PhoneRealm, SettingsChange, SharedSettingsStorage } from './contracts';
import { SIDE_PORT } from './link';
import { createRealmContext, realmConsole, realmGuard, realmTimers, type RealmTimers } from './realm';
import { scopedStorage, type ScopedSettingsStorage } from '../settings/settings-storage';

export interface PhoneRealmOptions {
  clock: FakeClock;
  link: Link;
  storage: SharedSettingsStorage;
  /** Side service entry, relative to appDir; default 'app-side/index.ts'. */
  entry?: string;
  /** Folder holding app.json and the entry; default the project root. */
  appDir?: string;
  /** Real-time limit of one fetch when the caller gives none (ms). */
  fetchTimeoutMs?: number;
  /** Clock time from a fetch to its answer (ms); default 0. */
  fetchLatencyMs?: number;
}

export interface FetchRecord {
  method: string;
  url: string;
  /** HTTP status, or 0 when no answer came. */
  status: number;
  error?: string;
}

interface SideServiceOption {
  onInit?: (...args: unknown[]) => void;
  onRun?: (...args: unknown[]) => void;
  onDestroy?: (...args: unknown[]) => void;
}

interface RealmIntrinsics {
  Error: ErrorConstructor;
  TypeError: TypeErrorConstructor;
  Promise: PromiseConstructor;
  JSON: JSON;
  newArrayBuffer(bytes: Uint8Array): ArrayBuffer;
}

interface Running {
  context: vm.Context;
  option: SideServiceOption;
  storage: ScopedSettingsStorage;
  port: PhonePort & { detach?: () => void };
  timers: RealmTimers | null;
  alive: boolean;
}

const FETCH_KEYS = new Set(['url', 'method', 'headers', 'body', 'timeout', 'baseURL']);

export class SideServiceRealm implements PhoneRealm {
  private running: Running | null = null;
  private readonly logLines: string[] = [];
  private readonly fetchLog: FetchRecord[] = [];
  /** Uncaught errors of the side service (listeners, timers, fetch callbacks), in order. */
  readonly errors: unknown[] = [];
  private starts = 0;

  private constructor(
    private readonly opts: Required<
      Pick<PhoneRealmOptions, 'clock' | 'link' | 'storage' | 'fetchTimeoutMs' | 'fetchLatencyMs'>
    >,
    private readonly code: string,
    private readonly filename: string,
    private readonly appInfo: { appId: number; appName: string },
  ) {}

  static async create(options: PhoneRealmOptions): Promise<SideServiceRealm> {
    const appDir = options.appDir ?? PROJECT_ROOT;
    const entry = options.entry ?? 'app-side/index.ts';
    const code = await bundleEntry(entry, { root: appDir });
    const realm = new SideServiceRealm(
      {
        clock: options.clock,
        link: options.link,
        storage: options.storage,
        fetchTimeoutMs: options.fetchTimeoutMs ?? 10_000,
        fetchLatencyMs: options.fetchLatencyMs ?? 0,
      },
      code,
      join(appDir, entry),
      readAppManifest(appDir).app,
    );
    realm.start();
    return realm;
  }

  get logs(): readonly string[] {
    return this.logLines;
  }

  /** Every HTTP request the side service made, in order (method, url, status; never headers or bodies). */
  get fetches(): readonly FetchRecord[] {
    return this.fetchLog;
  }

  get alive(): boolean {
    return this.running?.alive ?? false;
  }

  /** How many times the side service was started (1 after create, 2 after one restart, ...). */
  get startCount(): number {
    return this.starts;
  }

  async kill(): Promise<void> {
    const run = this.running;
    if (!run || !run.alive) return;
    try {
      run.option.onDestroy?.();
    } catch (err) {
      this.errors.push(err);
    }
    this.teardown(run);
    await this.opts.clock.settle();
  }

  /**
   * Kills the side service if it runs, then starts a fresh one from the same bundle. With
   * `settingsChanged`, it starts the way the Zepp app starts a stopped side service for a settings
   * change: launchReasons.settingsChanged is true and launchArgs is the change (ZML hands it to
   * onSettingsChange 1 ms of clock time later), and the change also reaches the settingsStorage
   * listeners registered in onInit (ZML's onSettingsChange again): two deliveries of one change.
   */
  async restart(launch: { settingsChanged?: SettingsChange } = {}): Promise<void> {
    await this.kill();
    this.start(launch);
    await this.opts.clock.settle();
  }

  /** Ends the realm without running onDestroy (the test is over). */
  close(): void {
    if (this.running?.alive) this.teardown(this.running);
  }

  private teardown(run: Running): void {
    run.alive = false;
    run.storage.detach();
    run.port.detach?.();
    run.timers?.clearAll();
  }

  private start(launch: { settingsChanged?: SettingsChange } = {}): void {
    const { clock, link, storage } = this.opts;
    const scoped = scopedStorage(storage);
    const messageListeners: Array<(payload: ArrayBuffer) => void> = [];
    let option: SideServiceOption | null = null;
    let intrinsics: RealmIntrinsics | null = null;
    this.starts++;

    const run: Running = {
      context: {},
      option: {},
      storage: scoped,
      port: null as unknown as PhonePort,
      timers: null,
      alive: true,
    };

    // Callbacks from the host into the realm: an error is the side service's bug, kept for the test.
    const guard = realmGuard(
      () => run.alive,
      (err) => {
        this.errors.push(err);
        // Errors of the realm are not `instanceof Error` here (another realm's Error).
        this.logLines.push(`uncaught ${types.isNativeError(err) ? (err.stack ?? err.message) : String(err)}`);
      },
    );

    run.port = link.attachPhone((payload) => {
      const ab = intrinsics ? intrinsics.newArrayBuffer(new Uint8Array(payload)) : payload;
      for (const cb of [...messageListeners]) guard(() => cb(ab));
    });

    const makeLogger = (name: string) =>
      realmConsole((level, text) => this.logLines.push(`${level} [${name}] ${text}`));
    const timers = realmTimers(clock, { guard, checkWhen: 'set', who: 'side service' });
    run.timers = timers;

    const globals: Record<string, unknown> = {
      console: realmConsole((level, text) => this.logLines.push(`${level} ${text}`)),
      Logger: { getLogger: (name: unknown) => makeLogger(String(name)) },
      Buffer,
      // ZML's side fetch resolves a baseURL with URL.
      URL,
      messaging: {
        peerSocket: {
          addListener(event: unknown, cb: unknown) {
            if (event !== 'message')
              throw new TypeError(`messaging.peerSocket: the only event is 'message', got ${JSON.stringify(event)}`);
            if (typeof cb !== 'function')
              throw new TypeError('messaging.peerSocket.addListener: listener must be a function');
            messageListeners.push(cb as (payload: ArrayBuffer) => void);
          },
          removeListener(event: unknown, cb?: unknown) {
            if (event !== 'message')
              throw new TypeError(`messaging.peerSocket: the only event is 'message', got ${JSON.stringify(event)}`);
            if (cb === undefined) messageListeners.length = 0;
            else {
              const at = messageListeners.indexOf(cb as (payload: ArrayBuffer) => void);
              if (at >= 0) messageListeners.splice(at, 1);
            }
          },
          send(payload: unknown) {
            run.port.send(payload as ArrayBuffer);
          },
        },
      },
      settings: { settingsStorage: scoped },
      sideService: {
        appInfo: { app: { appId: this.appInfo.appId, appName: this.appInfo.appName } },
        launchReasons: { settingsChanged: launch.settingsChanged !== undefined, fileTransfer: false },
        launchArgs: launch.settingsChanged === undefined ? undefined : { ...launch.settingsChanged },
      },
      getApp: () => ({ port2: SIDE_PORT }),
      transferFile: undefined,
      AppSideService: (opt: unknown) => {
        if (option) throw new Error('AppSideService was called twice');
        if (!opt || typeof opt !== 'object') throw new TypeError('AppSideService needs an options object');
        option = opt as SideServiceOption;
      },
      __zosRequire: (name: unknown) => {
        throw new Error(`side service imported ${String(name)}: @zos modules exist only on the watch`);
      },
      fetch: (request: unknown) => this.zeppFetch(request, intrinsics!, run),
    };

    const context = createRealmContext(`side-service#${this.starts}`, clock, timers, globals);
    run.context = context;
    intrinsics = vm.runInContext(
      `({ Error, TypeError, Promise, JSON, newArrayBuffer(bytes) { const ab = new ArrayBuffer(bytes.byteLength); new Uint8Array(ab).set(bytes); return ab; } })`,
      context,
    ) as RealmIntrinsics;
    this.running = run;
    try {
      new vm.Script(this.code, { filename: this.filename }).runInContext(context);
      if (!option) throw new Error(`${this.filename} did not call AppSideService()`);
      run.option = option;
      // The Zepp app starts a side service with onInit, then onRun.
      (option as SideServiceOption).onInit?.();
      (option as SideServiceOption).onRun?.();
      if (launch.settingsChanged) {
        scoped.deliver(launch.settingsChanged, (err) =>
          guard(() => {
            throw err;
          }),
        );
      }
    } catch (err) {
      this.teardown(run);
      throw err;
    }
  }

  private zeppFetch(request: unknown, realm: RealmIntrinsics, run: Running): Promise<unknown> {
    const { clock, fetchLatencyMs } = this.opts;
    const answerAt = clock.now() + fetchLatencyMs;
    let req: {
      url: string;
      method: string;
      headers: Record<string, string>;
      body: string | undefined;
      timeout: number;
    };
    try {
      req = checkFetchRequest(request, this.opts.fetchTimeoutMs);
    } catch (err) {
      return realm.Promise.reject(new realm.TypeError((err as Error).message));
    }
    const record: FetchRecord = { method: req.method, url: req.url, status: 0 };
    this.fetchLog.push(record);
    const work = (async () => {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.timeout(req.timeout),
      });
      const text = await res.text();
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key] = value;
      });
      record.status = res.status;
      return { status: res.status, statusText: res.statusText, headers, body: text };
    })();
    void clock.track(work);
    // After the latency in clock time; an answer for a side service that was killed meanwhile goes nowhere.
    const later = (fn: () => void) => {
      const wait = answerAt - clock.now();
      if (wait <= 0) fn();
      else run.timers?.setTimeout(fn, wait);
    };
    return new realm.Promise((resolve, reject) => {
      work.then(
        (answer) => {
          later(() => {
            if (run.alive) resolve(realm.JSON.parse(JSON.stringify(answer)));
          });
        },
        (err: unknown) => {
          const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
          record.error = cause;
          later(() => {
            if (run.alive) reject(new realm.Error(`fetch ${req.method} ${req.url} failed: ${cause}`));
          });
        },
      );
    });
  }
}

/** Checks a Zepp fetch argument (a url string or {url, method, headers, body}); throws a TypeError on anything else. */
export function checkFetchRequest(request: unknown, defaultTimeout: number) {
  if (typeof request === 'string')
    return { url: checkUrl(request), method: 'GET', headers: {}, body: undefined, timeout: defaultTimeout };
  if (!request || typeof request !== 'object')
    throw new TypeError(`fetch: expected a url string or {url, method, headers, body}, got ${typeof request}`);
  const r = request as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !FETCH_KEYS.has(k));
  if (unknown.length > 0)
    throw new TypeError(`fetch: Zepp's fetch takes only url, method, headers and body; got ${unknown.join(', ')}`);
  if (r.baseURL !== undefined && typeof r.url !== 'string')
    throw new TypeError(`fetch: url must be a string, got ${typeof r.url}`);
  const url = checkUrl(r.baseURL === undefined ? r.url : new URL(r.url as string, checkUrl(r.baseURL)).toString());
  const method = r.method === undefined ? 'GET' : r.method;
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method))
    throw new TypeError(`fetch: method must be an HTTP method name, got ${String(method)}`);
  const headers: Record<string, string> = {};
  if (r.headers !== undefined) {
    if (!r.headers || typeof r.headers !== 'object') throw new TypeError('fetch: headers must be an object of strings');
    for (const [k, v] of Object.entries(r.headers)) {
      if (typeof v !== 'string') throw new TypeError(`fetch: header ${k} must be a string, got ${typeof v}`);
      headers[k] = v;
    }
  }
  if ('body' in r && r.body === undefined) {
    throw new TypeError(
      'fetch: body is undefined; leave the key out (the docs list url, method, headers and body, not what an undefined one does)',
    );
  }
  if (r.body !== undefined && typeof r.body !== 'string')
    throw new TypeError(`fetch: body must be a string (JSON.stringify it), got ${typeof r.body}`);
  const upper = method.toUpperCase();
  if (r.body !== undefined && (upper === 'GET' || upper === 'HEAD'))
    throw new TypeError(`fetch: a ${upper} request cannot have a body`);
  const timeout = r.timeout === undefined ? defaultTimeout : r.timeout;
  if (typeof timeout !== 'number' || !(timeout > 0))
    throw new TypeError(`fetch: timeout must be a number of ms > 0, got ${String(timeout)}`);
  return { url, method: upper, headers, body: r.body as string | undefined, timeout };
}

function checkUrl(url: unknown): string {
  if (typeof url !== 'string') throw new TypeError(`fetch: url must be a string, got ${typeof url}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`fetch: url is not absolute: ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new TypeError(`fetch: only http and https, got ${parsed.protocol}`);
  return parsed.toString();
}

export function createPhoneRealm(options: PhoneRealmOptions): Promise<SideServiceRealm> {
  return SideServiceRealm.create(options);
}
