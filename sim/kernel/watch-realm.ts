// The watch realm: runs the app's real app.ts and pages (bundled per page for the device's screen
// shape, ZML inside, unmodified) in one node:vm context, with fakes of the @zos modules
// (sim/zos/*) cut down to the device's API level (sim/zos/api-level.ts, reference/zos-api.tsv),
// timers and Date from the test's clock, and the Bluetooth link's watch end.
//
// Lifecycle follows the docs (guides/framework/device/router.md): push destroys the current page and
// opens the next (A onDestroy, B onInit, B build); back destroys the top page and opens the one below
// again (B onDestroy, A onInit, A build); back from the last page, exit and home end the app
// (app onDestroy). Navigation runs after the callback that asked for it returns.
// onPause / onResume run on pause() / resume() (screen off / on); a tap while the screen is off
// only wakes it (resume), as a watch does: the touch reaches no widget.
//
// An app.json of configVersion v2 is an API 1.0 app: the realm serves it the hm* globals instead of
// the @zos modules (kernel/watch-v1.ts), on a device of level 1.0, with the target whose platforms
// list the device (app-manifest.ts manifestForDevice); its storage is the band's /data files and
// SysPro values (`band`). Its pages have no onPause / onResume (1.0 global.mdx lists neither).
import { resolve } from 'node:path';
import vm from 'node:vm';
import { format } from 'node:util';
import { manifestForDevice, manifestPages, readAppManifest, type AppManifest } from './app-manifest';
import { bundleEntry, entryFile, PROJECT_ROOT } from './bundle';
import type { FakeClock } from './clock';
import type {
  DisplayState,
  Language,
  ShapeLetter,
  WatchPort,
  WatchRealm,
  WatchRealmOptions,
  WidgetMatch,
} from './contracts';
import { NO_CODE_FROM_STRINGS, WATCH_ENGINE_SCRIPT } from './engine';
import { createRealmContext, realmConsole, realmGuard, realmTimers, type RealmTimers } from './realm';
import type { ScreenSnapshot, WidgetNode } from '../render/screen-model';
import { loadZosApi } from '../../reference/zos-api';
import { gateModules } from '../zos/api-level';
import { appModule } from '../zos/app';
import { createBle, type BleFake } from '../zos/ble';
import { deviceModule } from '../zos/device';
import { createDisplay, type DisplayFake } from '../zos/display';
import { i18nModule } from '../zos/i18n';
import { routerModule, type Navigation } from '../zos/router';
import { sensorModule, WearSensor, type WearStatus } from '../zos/sensor';
import { createVibrator, type Vibration } from '../zos/vibrator';
import { storageModule } from '../zos/storage';
import {
  appWidgetSize,
  statusBarConfig,
  UiFake,
  type AppWidgetSize,
  type Placed,
  type UiCall,
  type WidgetStats,
} from '../zos/ui';
import { utilsModule } from '../zos/utils';
import { v1Unsupported, V1_WIDGET_PROPS, V1_WIDGETS, type BandStore } from '../zos/hm';
import { V1_ENGINE_SCRIPT, V1_LEVEL, v1Globals } from './watch-v1';

type Hook = (...args: unknown[]) => unknown;
type PageOptions = Record<string, unknown> & {
  onInit?: Hook;
  build?: Hook;
  onDestroy?: Hook;
  onPause?: Hook;
  onResume?: Hook;
};

interface StackEntry {
  url: string;
  params?: string;
}

/** One run of the app: a fresh vm context, from launch to exit. */
interface Session {
  context: vm.Context;
  app: PageOptions;
  page: PageOptions | null;
  /** The shortcut card's AppWidget() options while the card shows (launched with opts.card), else null. */
  card: PageOptions | null;
  ui: UiFake;
  ble: BleFake;
  timers: RealmTimers;
  alive: boolean;
  /** Stops routing this context's unhandled rejections to the realm. */
  unwatch: () => void;
}

/**
 * Promise rejections nobody handled, from promises of a watch realm. The watch logs and ignores them;
 * ZML leaves one behind when a request starts with the link down (its shake promise), so the realm
 * records them (realm.unhandledRejections) instead of letting them fail the test run. Rejections of
 * any other promise are rethrown (as an uncaught exception, which the test runner reports).
 */
const realmPromises = new Map<object, (reason: unknown) => void>();
function onUnhandled(reason: unknown, promise: Promise<unknown>): void {
  const sink = realmPromises.get(Object.getPrototypeOf(promise) as object);
  if (!sink) throw reason;
  sink(reason);
}
function watchRejections(proto: object, sink: (reason: unknown) => void): () => void {
  if (realmPromises.size === 0) process.on('unhandledRejection', onUnhandled);
  realmPromises.set(proto, sink);
  return () => {
    realmPromises.delete(proto);
    if (realmPromises.size === 0) process.off('unhandledRejection', onUnhandled);
  };
}

export interface WatchRealmExtras {
  /** Promise rejections of app / page / ZML code that nothing handled (logged and ignored, as on the watch). */
  readonly unhandledRejections: readonly unknown[];
  /** Errors thrown by app or page code (lifecycle, taps, timers) and every @zos validation error, in order. */
  readonly errors: readonly unknown[];
  /** The @zos/ui calls of the current run of the app, in order (UiFake.calls; kernel/quickjs-page.ts compares them). */
  readonly uiCalls: readonly UiCall[];
  /** Widgets created / deleted / alive in the current run of the app (sim/zos/ui.ts WidgetStats). */
  readonly widgetStats: WidgetStats;
  /**
   * Drags a finger dy px up (negative) or down from (x, y), default mid-screen: the scrolling
   * VIEW_CONTAINER under it scrolls, clamped to its content (ui.ts swipe). Resolves with how far the
   * content moved: 0 when nothing scrolls there or it is already at the end.
   */
  swipe(opts: { dy: number; x?: number; y?: number }): Promise<number>;
  /**
   * The wrist sensor's status now (@zos/sensor Wear getStatus: 0 not worn, 1 worn, 2 in motion, 3 not
   * sure); 1 at start. It belongs to the watch, not to a run of the app: it stays across relaunch().
   */
  readonly wearStatus: WearStatus;
  /**
   * Takes the watch off the wrist (0), puts it on (1), or makes the sensor report motion (2) or "not
   * sure" (3): the app's Wear onChange callbacks run (when the status changes) and what they start settles.
   * Works with the app closed too (nothing hears it then).
   */
  setWear(status: WearStatus): Promise<void>;
  /** Screen off / on: onPause / onResume of the current page. A tap while off only wakes (resume). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** True between pause() and resume() or a waking tap. */
  readonly screenOff: boolean;
  /** Every @zos/sensor Vibrator buzz since the watch started (sim/zos/vibrator.ts). */
  readonly vibrationLog: readonly Vibration[];
  /**
   * How far the watch's clock (Date, @zos/sensor Time) is ahead of the shared clock that the phone
   * and the issuer read (ms; negative: behind). A watch sets its time from the phone, but nothing
   * in the docs says how closely: see sim/README.md "Assumed, not verified". Timers are not affected.
   */
  clockSkewMs: number;
  /** True for an API 1.0 app (app.json configVersion v2): the hm* globals, no @zos modules. */
  readonly v1: boolean;
  /** An API 1.0 app's /data files and SysPro values (what survives its relaunch); empty for 2.0+ apps. */
  readonly band: BandStore;
  /** hmUI.showToast texts of the current run of the app, in order (API 1.0). */
  readonly toasts: readonly string[];
  /** The shortcut card showing (its app.json path), or null once a tap opened the app or with no card. */
  readonly card: string | null;
  /** The device's shortcut card size now (getAppWidgetSize; setAppWidgetSize changes h). */
  readonly cardSize: Readonly<AppWidgetSize>;
}

export interface FullWatchRealmOptions extends WatchRealmOptions {
  utcOffsetMinutes?: number;
  clockSkewMs?: number;
  /** An API 1.0 app's /data files and SysPro values; pass the `band` of an earlier realm to keep them. */
  band?: BandStore;
  /**
   * Start on a shortcut card instead of a page: a path of app.json module['app-widget'].widgets. The
   * app's onCreate runs, then the card's onInit and build (guide device/secondary-widget.md); a tap
   * that pushes a page opens the app there. Every launch (relaunch too) starts on the card.
   */
  card?: string;
}

export type FullWatchRealm = WatchRealm & WatchRealmExtras;

export async function createWatchRealm(opts: FullWatchRealmOptions): Promise<FullWatchRealm> {
  const realm = new Realm(opts);
  try {
    await realm.launch();
  } catch (err) {
    await realm.close(); // nothing of a failed launch may keep running on the clock
    throw err;
  }
  return realm;
}

const SHAPE_LETTER: Record<string, ShapeLetter> = { round: 'r', square: 's', band: 'b' };

class Realm implements FullWatchRealm {
  readonly device;
  readonly storage: Map<string, unknown>;
  readonly lifecycle: string[] = [];
  readonly logs: string[] = [];
  readonly errors: unknown[] = [];
  readonly unhandledRejections: unknown[] = [];
  readonly v1: boolean;
  readonly band: BandStore;
  private readonly clock: FakeClock;
  private readonly appDir: string;
  private readonly manifest: AppManifest;
  private readonly pages: readonly string[];
  private readonly designWidth: number;
  private readonly language: Language;
  private readonly utcOffset: number;
  clockSkewMs: number;
  private readonly shape: ShapeLetter;
  private readonly displayFake: DisplayFake;
  private readonly wear = new WearSensor();
  private readonly port: WatchPort;
  private readonly scripts = new Map<string, vm.Script>();
  private readonly entryPage: string;
  private readonly entryParams: string | undefined;
  private readonly cardPath: string | undefined;
  readonly cardSize: AppWidgetSize;
  /** True while card code runs (its script, hooks, taps): messaging is refused then. */
  private inCard = false;
  private stackEntries: StackEntry[] = [];
  private session: Session | null = null;
  private navQueue: Navigation[] = [];
  private draining: Promise<void> | null = null;

  constructor(opts: FullWatchRealmOptions) {
    this.device = opts.device;
    this.clock = opts.clock;
    this.storage = opts.storage ?? new Map();
    this.language = opts.language ?? 'en-US';
    this.utcOffset = opts.utcOffsetMinutes ?? 0;
    this.clockSkewMs = opts.clockSkewMs ?? 0;
    this.appDir = resolve(opts.appDir ?? PROJECT_ROOT);
    this.manifest = manifestForDevice(readAppManifest(this.appDir), this.device);
    this.v1 = this.manifest.configVersion === 'v2';
    // The hm* API is modelled on level 1.0 devices only; @zos modules start at 2.0.
    if (this.v1 && this.device.apiLevel !== V1_LEVEL)
      throw new Error(
        `watch realm: ${this.manifest.file} is an API 1.0 app (configVersion v2); the simulator runs those on API 1.0 devices only, not on ${this.device.name} (${this.device.apiLevel.toFixed(1)})`,
      );
    if (!this.v1 && this.device.apiLevel < 2)
      throw new Error(
        `watch realm: ${this.device.name} is API level ${this.device.apiLevel.toFixed(1)}, which runs configVersion v2 apps only; ${this.manifest.file} is ${this.manifest.configVersion ?? 'not v2'}`,
      );
    this.band = opts.band ?? { files: new Map(), sysPro: new Map() };
    this.pages = manifestPages(this.manifest, 'watch realm');
    this.designWidth = this.manifest.designWidth;
    const shape = SHAPE_LETTER[this.device.shape];
    if (!shape) throw new Error(`watch realm: unknown screen shape ${this.device.shape}`);
    this.shape = shape;
    this.entryPage = opts.entryPage ?? this.pages[0] ?? '';
    this.entryParams = opts.entryParams;
    this.cardSize = appWidgetSize(this.device);
    if (opts.card !== undefined) {
      if (this.v1) throw new Error('watch realm: shortcut cards start at API 2.0; an API 1.0 app has none');
      if (!this.manifest.appWidgets.some((w) => w.path === opts.card))
        throw new Error(`watch realm: ${opts.card} is not in ${this.manifest.file} module.app-widget.widgets`);
      this.cardPath = opts.card;
    }
    if (!this.pages.includes(this.entryPage))
      throw new Error(`watch realm: entry page ${this.entryPage} is not in ${this.manifest.file}`);
    this.displayFake = createDisplay(this.clock.now, () => this.page);
    // One attachment for the realm's life; the current session's @zos/ble gets the frames.
    this.port = opts.link.attachWatch((frame) => this.session?.ble.deliver(frame));
    this.port.onStatus((connected) => this.session?.ble.status(connected));
  }

  get page(): string | null {
    return this.stackEntries[this.stackEntries.length - 1]?.url ?? null;
  }

  get card(): string | null {
    return this.session?.alive && this.session.card ? (this.cardPath ?? null) : null;
  }

  get pageParams(): string | undefined {
    return this.stackEntries[this.stackEntries.length - 1]?.params;
  }

  get stack(): readonly string[] {
    return this.stackEntries.map((e) => e.url);
  }

  get display(): DisplayState {
    return this.displayFake.state;
  }

  /** Every @zos/sensor Vibrator buzz since the watch started (sim/zos/vibrator.ts). */
  readonly vibrationLog: Vibration[] = [];

  get uiCalls(): readonly UiCall[] {
    return this.session?.ui.calls ?? [];
  }

  get toasts(): readonly string[] {
    return this.session?.ui.toasts ?? [];
  }

  get widgetStats(): WidgetStats {
    return this.session?.ui.stats() ?? { created: 0, deleted: 0, alive: 0, peakAlive: 0 };
  }

  /** Starts the app: app.ts onCreate, then the entry page. */
  async launch(): Promise<void> {
    this.screenOff = false;
    if (this.session?.alive) throw new Error('watch realm: the app is already running');
    await this.guard(async () => {
      const session = this.newSession();
      this.session = session;
      const appScript = await this.script('app', entryFile(this.appDir, 'app'));
      if (!this.v1) session.context.__$$module$$__ = { id: 'app' };
      appScript.runInContext(session.context);
      if (!session.app) throw new Error('watch realm: app.ts did not call App()');
      this.call(session.app, 'onCreate', 'app');
      if (this.cardPath !== undefined) {
        await this.openCard(session, this.cardPath);
        return;
      }
      this.stackEntries = [
        { url: this.entryPage, ...(this.entryParams !== undefined ? { params: this.entryParams } : {}) },
      ];
      await this.openTop();
    });
  }

  snapshot(): ScreenSnapshot {
    // A card is drawn at its own size (coordinates relative to its top left, the guide); render it
    // with screenRadius = cardSize.radius.
    if (this.card !== null)
      return {
        width: this.cardSize.w,
        height: this.cardSize.h,
        shape: 'square',
        background: 0x000000,
        widgets: this.session!.ui.tree(),
        statusBar: null,
      };
    return {
      width: this.device.width,
      height: this.device.height,
      shape: this.device.shape,
      background: 0x000000,
      widgets: this.session?.alive ? this.session.ui.tree() : [],
      statusBar: this.session?.alive ? this.session.ui.statusBar() : null,
    };
  }

  find(match: WidgetMatch): WidgetNode | undefined {
    return this.locate(match)?.node;
  }

  texts(): string[] {
    return this.placed()
      .map((p) => p.node.props.text)
      .filter((t): t is string => typeof t === 'string');
  }

  async tap(match: WidgetMatch): Promise<void> {
    const session = this.alive();
    let point: { x: number; y: number };
    if (typeof match === 'object' && 'x' in match) {
      point = match;
    } else {
      const hit = this.locate(match);
      if (!hit)
        throw new Error(
          `watch: no widget matches ${describeMatch(match)} on ${this.page}; texts: ${JSON.stringify(this.texts())}`,
        );
      point = { x: hit.box.x + hit.box.w / 2, y: hit.box.y + hit.box.h / 2 };
    }
    // A touch on a dark screen only wakes it (sim/README.md, "Screen wake"): no widget hears it.
    if (this.screenOff) {
      await this.resume();
      return;
    }
    const onCard = session.card !== null;
    await this.guard(async () => {
      this.inCard = onCard;
      try {
        if (!session.ui.clickAt(point))
          throw new Error(
            `watch: nothing clickable at (${point.x}, ${point.y}) on ${onCard ? this.cardPath : this.page}`,
          );
      } finally {
        this.inCard = false;
      }
      await this.idle();
    });
  }

  async swipe(opts: { dy: number; x?: number; y?: number }): Promise<number> {
    const session = this.alive();
    const at = { x: opts.x ?? this.device.width / 2, y: opts.y ?? this.device.height / 2 };
    let moved = 0;
    await this.guard(async () => {
      moved = session.ui.swipe(opts.dy, at);
      await this.idle();
    });
    return moved;
  }

  async back(): Promise<void> {
    this.alive();
    await this.guard(async () => {
      this.navigate({ kind: 'back' });
      await this.idle();
    });
  }

  get wearStatus(): WearStatus {
    return this.wear.status;
  }

  async setWear(status: WearStatus): Promise<void> {
    const s = this.session;
    if (!s?.alive) {
      this.wear.set(status, () => {});
      return;
    }
    await this.guard(async () => {
      this.wear.set(status, (fn) => {
        try {
          fn();
        } catch (err) {
          this.errors.push(err);
        }
      });
      await this.idle();
    });
  }

  /** True between pause() (screen off) and resume() or a waking tap. */
  screenOff = false;

  async pause(): Promise<void> {
    const s = this.alive();
    this.screenOff = true;
    await this.guard(async () => {
      if (s.page && !this.v1) this.call(s.page, 'onPause', this.page);
      await this.idle();
    });
  }

  async resume(): Promise<void> {
    const s = this.alive();
    this.screenOff = false;
    await this.guard(async () => {
      if (s.page && !this.v1) this.call(s.page, 'onResume', this.page);
      await this.idle();
    });
  }

  async relaunch(): Promise<void> {
    await this.close();
    await this.launch();
  }

  /**
   * Ends the app (page onDestroy, app onDestroy). Errors the app throws on the way out are recorded
   * in `errors`, not thrown: ZML's BaseApp onDestroy, for one, throws "send message error" when the
   * link is down (its close frame cannot be sent), and the app ends all the same.
   */
  async close(): Promise<void> {
    if (!this.session?.alive) return;
    try {
      this.endApp();
    } catch (err) {
      this.errors.push(err);
    }
    await this.idle();
  }

  // ---- internals --------------------------------------------------------------------------------

  private alive(): Session {
    if (!this.session?.alive)
      throw new Error('watch: the app is not running (exited or closed); relaunch() starts it again');
    return this.session;
  }

  /** Runs fn; any error it throws, or any new error recorded meanwhile (timers, navigation), is thrown. */
  private async guard(fn: () => Promise<void>): Promise<void> {
    const ownBefore = this.errors.length;
    const clockBefore = this.clock.errors.length;
    try {
      await fn();
    } catch (err) {
      if (!this.errors.includes(err)) this.errors.push(err);
      throw err;
    }
    const fresh = [...this.errors.slice(ownBefore), ...this.clock.errors.slice(clockBefore)];
    if (fresh.length) throw fresh[0];
  }

  /** Lets promise chains settle and any navigation they asked for finish (bundling a page takes real time). */
  private async idle(): Promise<void> {
    await this.clock.settle();
    while (this.draining) {
      await this.draining;
      await this.clock.settle();
    }
  }

  private async script(key: string, file: string): Promise<vm.Script> {
    const hit = this.scripts.get(key);
    if (hit) return hit;
    let code: string;
    try {
      code = await bundleEntry(file, { shape: this.shape, root: this.appDir, ...(this.v1 ? { engine: 'v1' } : {}) });
    } catch (e) {
      if (this.v1 && /generator functions/.test(String(e)))
        throw new Error(
          `${key}: a generator function, which ${this.device.name}'s API 1.0 engine does not run (version-1.0 guides/framework/device/js-support.md): ${String(e)}`,
          { cause: e },
        );
      throw e;
    }
    const script = new vm.Script(code, { filename: `watch:${key}.js` });
    this.scripts.set(key, script);
    return script;
  }

  private newSession(): Session {
    const statusBar = statusBarConfig(this.appDir, this.language, this.device.shape, this.clock.now, this.utcOffset);
    const ui = new UiFake({
      onError: (err) => this.errors.push(err),
      statusBar,
      ...(this.v1
        ? {
            widgetTypes: V1_WIDGETS,
            widgetProps: V1_WIDGET_PROPS,
            level: `${this.device.name} (API level 1.0)`,
            moduleName: 'hmUI',
            pageLayer: { screenHeight: this.device.height },
            ...(v1Unsupported(this.device.name) ? { unsupported: v1Unsupported(this.device.name)! } : {}),
          }
        : { card: { size: this.cardSize, screenHeight: this.device.height } }),
    });
    const ble = createBle(this.port);
    const clock = this.clock;
    const watchNow = (): number => clock.now() + this.clockSkewMs;
    // A timer callback of a dead session must not run into a torn-down app; its errors go to the clock.
    const timers = realmTimers(clock, { guard: realmGuard(() => session.alive), checkWhen: 'run' });
    const session: Session = {
      context: {} as vm.Context,
      app: null as unknown as PageOptions,
      page: null,
      card: null,
      ui,
      ble,
      timers,
      alive: true,
      unwatch: () => {},
    };
    const logSink = (level: string, name: string, text: string): void => {
      this.logs.push(`[${level}] ${name}: ${text}`);
    };
    const zosPlatform = (): Record<string, unknown> => {
      const modules: Record<string, unknown> = {
        '@zos/ui': ui.module(),
        '@zos/router': routerModule(this.pages, (nav) => this.navigate(nav)),
        '@zos/storage': storageModule(this.storage),
        '@zos/display': this.displayFake.module,
        '@zos/device': deviceModule(this.device),
        '@zos/sensor': {
          ...sensorModule(watchNow, this.utcOffset, this.wear),
          ...createVibrator(this.clock.now, this.device.apiLevel, () => this.page, this.vibrationLog).members,
        },
        '@zos/ble': this.cardPath !== undefined ? this.refuseInCard(ble.module) : ble.module,
        // ZML asks for it and checks for undefined: file transfer is not emulated.
        '@zos/ble/TransferFile': undefined,
        '@zos/app': appModule(this.manifest),
        '@zos/utils': utilsModule(logSink, this.device.width, this.designWidth),
        // Undocumented; ZML's 3.0 dists take their request timeouts from it (reference/zos-api.tsv: assumed 3.0).
        '@zos/timer': {
          setTimeout: (fn: unknown, ms?: number) => timers.setTimeout(fn, ms),
          clearTimeout: timers.clearTimeout,
        },
      };
      const lang = i18nModule(this.appDir, this.language);
      modules['@zos/i18n'] = lang.i18n;
      modules['@zos/settings'] = lang.settings;
      // Only what the device's API level has (reference/zos-api.tsv); reading a missing member is recorded.
      const atLevel = gateModules(loadZosApi(), this.device, modules, (err) => this.errors.push(err));
      const zosRequire = (name: unknown): unknown => {
        if (typeof name !== 'string')
          throw new TypeError(`watch realm: module name must be a string, got ${typeof name}`);
        return atLevel(name);
      };
      const scopedGlobals: Record<string, unknown> = {};
      return {
        __zosRequire: zosRequire,
        __$$R$$__: zosRequire,
        __$$app$$__: { __globals__: { __scopedGlobals__: scopedGlobals } },
        __$$module$$__: { id: 'app' },
        Buffer,
        // docs: reference/device-app-api/newAPI/global/getCurrentPage.mdx (the page, with `_options`)
        getCurrentPage: () => {
          const page = session.page as (PageOptions & { _options?: unknown }) | null;
          if (!page) return undefined;
          if (!('_options' in page)) Object.defineProperty(page, '_options', { value: page, enumerable: false });
          return page;
        },
      };
    };
    // The platform's globals: the @zos modules (2.0+) or the hm* objects (1.0).
    const platform = this.v1 ? this.v1Platform(ui, ble, timers, watchNow, logSink) : zosPlatform();
    const globals: Record<string, unknown> = {
      ...platform,
      console: realmConsole((level, text) => logSink(level, 'console', text)),
      App: (options: unknown) => {
        if (typeof options !== 'object' || options === null) throw new TypeError('App() needs an options object');
        if (session.app) throw new Error('App() called twice');
        session.app = options as PageOptions;
        return options;
      },
      Page: (options: unknown) => {
        if (typeof options !== 'object' || options === null) throw new TypeError('Page() needs an options object');
        session.page = options as PageOptions;
        return options;
      },
      // global/AppWidget.mdx (API 2.0): the shortcut card's constructor, once per card file.
      ...(this.v1
        ? {}
        : {
            AppWidget: (options: unknown) => {
              if (typeof options !== 'object' || options === null)
                throw new TypeError('AppWidget() needs an options object');
              if (!this.inCard) throw new Error('AppWidget() called outside a shortcut card file');
              session.card = options as PageOptions;
              return options;
            },
          }),
      getApp: () => {
        const app = session.app as (PageOptions & { _options?: unknown }) | null;
        if (!app) return undefined;
        if (!('_options' in app)) Object.defineProperty(app, '_options', { value: app, enumerable: false });
        return app;
      },
    };
    // QuickJS's globals, no eval / new Function (kernel/engine.ts; sim/README.md "Globals on the watch").
    session.context = createRealmContext('watch', clock, timers, globals, {
      codeGeneration: NO_CODE_FROM_STRINGS,
      setupScript: this.v1 ? `${WATCH_ENGINE_SCRIPT}\n${V1_ENGINE_SCRIPT}` : WATCH_ENGINE_SCRIPT,
      now: watchNow,
    });
    // The engine's own promise, found without the global (a 1.0 realm has none: watch-v1.ts).
    const promiseProto = vm.runInContext('Object.getPrototypeOf((async () => {})())', session.context) as object;
    session.unwatch = watchRejections(promiseProto, (reason) => {
      this.unhandledRejections.push(reason);
      logSink('error', 'unhandled rejection', format(reason));
    });
    return session;
  }

  /** The globals of an API 1.0 run (kernel/watch-v1.ts): hm* objects, timer, px, DeviceRuntimeCore; `__zosRequire` for imports. */
  private v1Platform(
    ui: UiFake,
    ble: BleFake,
    timers: RealmTimers,
    now: () => number,
    log: (level: string, name: string, text: string) => void,
  ): Record<string, unknown> {
    const target = this.manifest.targets.find((t) => t.name === this.manifest.target);
    if (!target) throw new Error(`watch realm: no target ${this.manifest.target} in ${this.manifest.file}`);
    const { globals, require } = v1Globals(
      {
        device: this.device,
        target,
        app: this.manifest.app,
        appDir: this.appDir,
        language: this.language,
        now,
        utcOffsetMinutes: this.utcOffset,
        timers,
        display: this.displayFake,
        store: this.band,
        navigate: (nav) => this.navigate(nav),
        log,
        vibrations: this.vibrationLog,
        page: () => this.page,
        wear: this.wear,
        ui,
        ble,
      },
      (err) => this.errors.push(err),
    );
    return { ...globals, __zosRequire: require };
  }

  /**
   * @zos/ble for an app with a card: its functions refuse while card code runs (the guide: cards
   * "cannot display some real-time data through Bluetooth connection ... initialize ... MessageBuilder
   * in Page"); pages and app.ts use it as usual.
   */
  private refuseInCard(module: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(module)) {
      out[name] =
        typeof value !== 'function'
          ? value
          : (...args: unknown[]) => {
              if (this.inCard) {
                const err = new Error(
                  `@zos/ble: ${name}() from a shortcut card: cards have no Bluetooth (guide device/secondary-widget.md); message from a page`,
                );
                this.errors.push(err);
                throw err;
              }
              return (value as (...a: unknown[]) => unknown)(...args);
            };
    }
    return out;
  }

  /** The card's script, then its onInit and build, with the card's widget rules. */
  private async openCard(session: Session, path: string): Promise<void> {
    const script = await this.script(`card:${path}`, entryFile(this.appDir, path));
    session.ui.restrict({
      types: ['GROUP', 'VIEW_CONTAINER', 'SCROLL_LIST'],
      why: 'cannot be used in a shortcut card (guide device/secondary-widget.md)',
    });
    session.context.__$$module$$__ = { id: path };
    this.inCard = true;
    try {
      script.runInContext(session.context);
      const card = session.card as PageOptions | null;
      if (!card) throw new Error(`watch realm: ${path} did not call AppWidget()`);
      this.call(card, 'onInit', path);
      this.call(card, 'build', path);
    } finally {
      this.inCard = false;
    }
  }

  /** The card loses focus as a tap opens the app (onPause); its widgets go, the page's rules return. */
  private leaveCard(session: Session): void {
    const card = session.card;
    if (!card) return;
    session.card = null;
    try {
      this.inCard = true;
      this.call(card, 'onPause', this.cardPath ?? null);
    } finally {
      this.inCard = false;
      session.ui.reset();
      session.ui.restrict(null);
    }
  }

  private call(target: PageOptions, hook: string, who: string | null, ...args: unknown[]): void {
    const fn = target[hook];
    this.lifecycle.push(`${who ?? '?'} ${hook}`);
    if (typeof fn === 'function') (fn as Hook).apply(target, args);
  }

  private async openTop(): Promise<void> {
    const session = this.alive();
    const top = this.stackEntries[this.stackEntries.length - 1];
    if (!top) return;
    const script = await this.script(top.url, entryFile(this.appDir, top.url));
    session.page = null;
    if (!this.v1) session.context.__$$module$$__ = { id: top.url };
    script.runInContext(session.context);
    const page = session.page as PageOptions | null;
    if (!page) throw new Error(`watch realm: ${top.url} did not call Page()`);
    this.call(page, 'onInit', top.url, top.params);
    this.call(page, 'build', top.url, top.params);
  }

  private destroyTop(): void {
    const session = this.session;
    if (!session?.page) return;
    const page = session.page;
    session.page = null;
    try {
      this.call(page, 'onDestroy', this.page);
    } finally {
      session.ui.reset();
      this.displayFake.pageGone();
    }
  }

  private endApp(): void {
    const session = this.session;
    if (!session?.alive) return;
    try {
      this.destroyTop();
      this.call(session.app, 'onDestroy', 'app');
    } finally {
      session.alive = false;
      this.wear.endRun();
      // Rejections of the ended app may still surface in this turn: keep routing them until it ends.
      setImmediate(session.unwatch);
      session.timers.clearAll();
      session.ble.detach();
      this.stackEntries = [];
      this.navQueue = [];
    }
  }

  private navigate(nav: Navigation): void {
    this.navQueue.push(nav);
    if (!this.draining) {
      this.draining = new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => this.drain());
      // Tracked on the clock: a page asked for from a timer or a Bluetooth answer (not a tap) opens
      // before simulated time moves on, though bundling it takes real time (as a tap's idle() waits).
      void this.clock.track(this.draining);
    }
  }

  private async drain(): Promise<void> {
    try {
      for (let nav = this.navQueue.shift(); nav; nav = this.navQueue.shift()) {
        if (!this.session?.alive) break;
        await this.step(nav);
      }
    } catch (err) {
      this.errors.push(err);
    } finally {
      this.draining = null;
    }
  }

  private async step(nav: Navigation): Promise<void> {
    switch (nav.kind) {
      case 'push':
        if (this.session?.card) this.leaveCard(this.session);
        this.destroyTop();
        this.stackEntries.push({ url: nav.url, ...(nav.params !== undefined ? { params: nav.params } : {}) });
        await this.openTop();
        return;
      case 'replace':
        this.destroyTop();
        this.stackEntries[this.stackEntries.length - 1] = {
          url: nav.url,
          ...(nav.params !== undefined ? { params: nav.params } : {}),
        };
        await this.openTop();
        return;
      case 'back':
        this.destroyTop();
        this.stackEntries.pop();
        if (this.stackEntries.length === 0) this.endApp();
        else await this.openTop();
        return;
      case 'exit':
      case 'home':
        this.endApp();
        return;
    }
  }

  private placed(): Placed[] {
    return this.session?.alive ? this.session.ui.placed() : [];
  }

  private locate(match: WidgetMatch): Placed | undefined {
    const all = this.placed();
    const textOk = (t: unknown, want: string | RegExp | undefined): boolean =>
      want === undefined || (typeof t === 'string' && (typeof want === 'string' ? t === want : want.test(t)));
    for (let i = all.length - 1; i >= 0; i--) {
      const p = all[i]!;
      if (typeof match === 'string' || match instanceof RegExp) {
        if (textOk(p.node.props.text, match)) return p;
      } else if ('x' in match) {
        const b = p.box;
        if (match.x >= b.x && match.x < b.x + b.w && match.y >= b.y && match.y < b.y + b.h) return p;
      } else if (p.node.type === match.type && textOk(p.node.props.text, match.text)) {
        return p;
      }
    }
    return undefined;
  }
}

function describeMatch(m: WidgetMatch): string {
  if (typeof m === 'string') return JSON.stringify(m);
  if (m instanceof RegExp) return String(m);
  return JSON.stringify(m);
}
