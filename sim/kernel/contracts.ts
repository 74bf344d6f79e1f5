// The interfaces between the parts of the headless Zepp OS runtime, so each part can be built and
// tested on its own: clock (clock.ts), bundler (bundle.ts), link (link.ts), watch realm
// (watch-realm.ts), phone realm (phone-realm.ts), settings storage and realm (settings-*.ts), and
// the harness that wires them (harness.ts). Types only.
import type { DeviceFacts } from '../../reference/devices';
import type { FakeClock } from './clock';
import type { ScreenSnapshot, WidgetNode } from '../render/screen-model';

export type { DeviceFacts, FakeClock, ScreenSnapshot, WidgetNode };

export type Language = 'en-US' | 'zh-CN' | 'ru-RU';
export type ShapeLetter = 'r' | 's' | 'b';

// ---- the Bluetooth link ------------------------------------------------------------------------

/** The watch's end of the link, as @zos/ble's fake uses it. Frames are whole: 16-byte header + payload. */
export interface WatchPort {
  /** Queues a frame for the phone; false when the link is down (ZML then throws "send message error"). */
  send(frame: ArrayBuffer): boolean;
  connected(): boolean;
  /** Called on every change of the connection state. */
  onStatus(cb: (connected: boolean) => void): void;
}

/** The phone's end of the link: payloads only (the link strips / adds the 16-byte header). */
export interface PhonePort {
  send(payload: ArrayBuffer): void;
}

export interface LinkFrame {
  direction: 'watch->phone' | 'phone->watch';
  /** Bytes that crossed the air, with the 16-byte header. */
  size: number;
  /** Header type: 1 shake, 2 close, 3 heartbeat, 4 data, 5 data with system tool, 6 log. */
  type: number;
  /** Clock time it was sent. */
  at: number;
  /** What happened to it. */
  fate: 'delivered' | 'dropped' | 'cut' | 'pending';
}

export interface Link {
  attachWatch(receive: (frame: ArrayBuffer) => void): WatchPort;
  attachPhone(receive: (payload: ArrayBuffer) => void): PhonePort;
  /** Takes the link down: frames are refused, both ends see the status change. */
  cut(): void;
  restore(): void;
  /** The next n frames (either direction) vanish. */
  dropNext(n: number): void;
  /** Frames are delivered ms later on the clock (0: next macrotask). */
  delay(ms: number): void;
  readonly frames: readonly LinkFrame[];
}

// ---- settings ----------------------------------------------------------------------------------

/** A settingsStorage change as the fake delivers it: never undefined (types/side-service.d.ts allows it). */
export interface SettingsChange extends ZeppSide.SettingsChange {
  newValue: string | null;
  oldValue: string | null;
}

/**
 * settings.settingsStorage, shared by the phone realm and the settings realm: the global the app is
 * written against (types/side-service.d.ts), with getItem's missing value always null.
 */
export interface SharedSettingsStorage extends ZeppSide.SettingsStorage {
  getItem(key: string): string | null;
  /** Strings only: anything else throws a TypeError. */
  setItem(key: string, value: string): void;
  addListener(event: 'change', cb: (change: SettingsChange) => void): void;
  removeListener(event: 'change', cb: (change: SettingsChange) => void): void;
}

export interface SettingsNode {
  type: string;
  props: Record<string, unknown>;
  children: SettingsNode[];
  text?: string;
}

export interface SettingsQuery {
  type?: string;
  label?: string;
  settingsKey?: string;
  text?: string;
}

export interface SettingsRealm {
  render(): SettingsNode;
  find(query: SettingsQuery): SettingsNode | undefined;
  type(query: SettingsQuery, text: string): Promise<void>;
  press(query: SettingsQuery): Promise<void>;
  toggle(query: SettingsQuery): Promise<void>;
  select(query: SettingsQuery, value: unknown): Promise<void>;
  texts(): string[];
  close(): void;
}

// ---- the phone realm ---------------------------------------------------------------------------

export interface PhoneRealm {
  /** Stops the side service (its onDestroy runs); the watch sees its requests fail. */
  kill(): Promise<void>;
  /** Starts a fresh side service from the same bundle. */
  restart(): Promise<void>;
  /** console / Logger output of the side service, in order. */
  readonly logs: readonly string[];
  close(): void;
}

// ---- the watch realm ---------------------------------------------------------------------------

/** How a test points at a widget: by its text (exact string or pattern), or a point on screen. */
export type WidgetMatch = string | RegExp | { x: number; y: number } | { type: string; text?: string | RegExp };

/** What the page asked of @zos/display, with history, so a test can check it was set and restored. */
export interface DisplayState {
  brightness: number;
  autoBrightness: boolean;
  /** setPageBrightTime's brightTime for the current page, or null when not set / reset. */
  pageBrightTime: number | null;
  /** pauseDropWristScreenOff's duration while paused, or null. */
  dropWristPaused: number | null;
  keepScreenOn: boolean;
  history: Array<{ call: string; args: unknown[]; at: number; page: string | null }>;
}

export interface WatchRealm {
  readonly device: DeviceFacts;
  /** Url of the page on top of the stack ('page/home/index.page'), or null after exit. */
  readonly page: string | null;
  /** Urls of the page stack, bottom first. */
  readonly stack: readonly string[];
  /** The params the top page was opened with, as its onInit got them (push turns an object into a JSON string). */
  readonly pageParams: string | undefined;
  /** The top page's widget tree. */
  snapshot(): ScreenSnapshot;
  /** Fires the click of the top-most visible widget matching; throws when none matches. */
  tap(match: WidgetMatch): Promise<void>;
  find(match: WidgetMatch): WidgetNode | undefined;
  /** All visible texts of the top page (TEXT and BUTTON), in z order. */
  texts(): string[];
  readonly display: DisplayState;
  /** LocalStorage contents (what survives a relaunch). */
  readonly storage: Map<string, unknown>;
  /** Page lifecycle calls, in order: 'page/home/index.page onInit' etc. */
  readonly lifecycle: readonly string[];
  /** console output of the app and pages. */
  readonly logs: readonly string[];
  /** Presses the hardware back key (router back). */
  back(): Promise<void>;
  /** Ends the app (pages destroyed, app onDestroy) and starts it again with the same storage. */
  relaunch(): Promise<void>;
  close(): Promise<void>;
}

export interface WatchRealmOptions {
  device: DeviceFacts;
  clock: FakeClock;
  link: Link;
  /** LocalStorage contents; pass the same map to a new realm to model a relaunch. */
  storage?: Map<string, unknown>;
  language?: Language;
  /** Folder holding app.json, app.ts and the pages; default the project root. */
  appDir?: string;
  /** First page; default the first page of app.json. */
  entryPage?: string;
  /** The first page's onInit params, as a push would hand them over (a string); for pictures of a page opened from another. */
  entryParams?: string;
}

// ---- the whole simulator -----------------------------------------------------------------------

export interface SimulatorOptions {
  /** Device name as in reference/zepp-devices.tsv, e.g. 'Amazfit Balance'. */
  device: string;
  issuerUrl?: string;
  language?: Language;
  /** The phone's (Zepp app's) language, for the settings page's texts; default the watch's `language`. */
  phoneLanguage?: Language;
  /** Clock start; default 2026-01-15T09:00:00Z. */
  startMs?: number;
  /** Fixture app folder; default the project root. */
  appDir?: string;
}

export interface Simulator {
  readonly clock: FakeClock;
  readonly link: Link;
  readonly watch: WatchRealm;
  readonly phone: PhoneRealm;
  readonly settings: SettingsRealm;
  readonly settingsStorage: SharedSettingsStorage;
  close(): Promise<void>;
}
