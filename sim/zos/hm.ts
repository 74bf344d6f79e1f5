// The API 1.0 watch side (Amazfit Band 7, Xiaomi Mi Band 7, ...): the global objects hmUI, hmApp,
// hmFS, hmSetting, hmSensor, hmBle, timer, the build's `i18n` import (gettext), and the globals px and
// DeviceRuntimeCore. Docs: versioned_docs/version-1.0/reference/device-app-api/ (every row of
// reference/zos-api.tsv at level 1.0 names its page). hmUI is the @zos/ui fake (ui.ts) with only the
// 1.0 widget types; hmBle is the @zos/ble fake (same calls at 1.0, hmBle.mdx). What the docs leave
// open is written down in sim/README.md ("API 1.0: assumed").
import { existsSync, readFileSync } from 'node:fs';
import { format } from 'node:util';
import { join, normalize } from 'node:path';
import type { DeviceFacts } from '../../reference/devices';
import type { Language } from '../kernel/contracts';
import type { ManifestTarget } from '../kernel/app-manifest';
import type { RealmTimers } from '../kernel/realm';
import type { DisplayFake } from './display';
import { i18nModule, LANGUAGE_CODES } from './i18n';
import type { Navigation } from './router';
import type { LogSink } from './utils';
import type { Vibration } from './vibrator';

/** The widget types of API 1.0: one page each under versioned_docs/version-1.0/reference/device-app-api/hmUI/widget/. */
export const V1_WIDGETS = [
  'ARC',
  'ARC_PROGRESS',
  'BUTTON',
  'CHECKBOX_GROUP',
  'CIRCLE',
  'CYCLE_IMAGE_TEXT_LIST',
  'CYCLE_LIST',
  'DIALOG',
  'FILL_RECT',
  'GROUP',
  'HISTOGRAM',
  'IMG',
  'IMG_ANIM',
  'IMG_LEVEL',
  'IMG_PROGRESS',
  'PICK_DATE',
  'QRCODE',
  'RADIO_GROUP',
  'SCROLL_LIST',
  'SLIDE_SWITCH',
  'STROKE_RECT',
  'TEXT',
  'TEXT_IMG',
] as const;

/**
 * 1.0 widgets a band lacks although its level lists them: versioned_docs/version-1.0/reference/device-app-api/
 * hmUI/widget/QRCODE.mdx, caution: "Amazfit band 7 does not support this widget" (the band app draws its
 * QR codes as FILL_RECTs). None is documented for the Xiaomi Mi Band 7.
 */
export function v1Unsupported(device: string): { types: readonly string[]; why: string } | undefined {
  if (device === 'Amazfit Band 7')
    return { types: ['QRCODE'], why: 'QRCODE.mdx: "Amazfit band 7 does not support this widget"' };
  return undefined;
}

/**
 * The create / setProperty props of the 1.0 widgets the simulator models: each widget page's property
 * table in versioned_docs/version-1.0/reference/device-app-api/hmUI/widget/. A prop of a later level
 * (FILL_RECT alpha and angle, TEXT font and text_i18n, QRCODE bg_radius, ...) is refused at 1.0.
 */
export const V1_WIDGET_PROPS: Readonly<Record<string, readonly string[]>> = {
  TEXT: [
    'x',
    'y',
    'w',
    'h',
    'color',
    'align_h',
    'align_v',
    'text',
    'text_size',
    'text_style',
    'line_space',
    'char_space',
  ],
  FILL_RECT: ['x', 'y', 'w', 'h', 'color', 'radius'],
  STROKE_RECT: ['x', 'y', 'w', 'h', 'color', 'radius', 'line_width', 'angle'],
  BUTTON: [
    'x',
    'y',
    'w',
    'h',
    'text',
    'color',
    'text_size',
    'press_src',
    'normal_src',
    'press_color',
    'normal_color',
    'radius',
    'click_func',
  ],
  IMG: ['src', 'w', 'h', 'x', 'y', 'pos_x', 'pos_y', 'angle', 'center_x', 'center_y'],
  QRCODE: ['content', 'x', 'y', 'w', 'h', 'bg_x', 'bg_y', 'bg_w', 'bg_h'],
  CIRCLE: ['center_x', 'center_y', 'radius', 'color', 'alpha'],
  ARC: ['x', 'y', 'w', 'h', 'radius', 'start_angle', 'end_angle', 'line_width', 'color'],
  GROUP: ['x', 'y', 'w', 'h'],
  SCROLL_LIST: [
    'x',
    'y',
    'w',
    'h',
    'item_space',
    'item_config',
    'item_config_count',
    'data_array',
    'data_count',
    'item_click_func',
    'data_type_config',
    'data_type_config_count',
    'on_page',
  ],
};

/** What lives on the band between runs of the app: its /data files and the SysPro* values. */
export interface BandStore {
  /** /data directory: relative path -> bytes. Survives relaunch (the app's own storage at 1.0). */
  files: Map<string, Uint8Array>;
  /** hmFS.SysProSet* values: survive relaunch, "system reboot will clear" (SysProSetChars.mdx). */
  sysPro: Map<string, string | number | boolean>;
}

export interface HmDeps {
  device: DeviceFacts;
  /** The app.json target this device runs (pages, designWidth, assets folder name). */
  target: ManifestTarget;
  app: Readonly<Record<string, unknown>>;
  appDir: string;
  language: Language;
  /** The watch's time (ms UTC). */
  now: () => number;
  utcOffsetMinutes: number;
  timers: RealmTimers;
  display: DisplayFake;
  store: BandStore;
  navigate: (nav: Navigation) => void;
  log: LogSink;
  /** The watch's vibration log (the realm's vibrationLog, shared with the 2.0+ Vibrator fake). */
  vibrations: Vibration[];
  /** The page on top (for the log). */
  page: () => string | null;
  /** The wrist (the realm's WearSensor, set by watch.setWear); absent: always worn. */
  wear?: { readonly status: number };
}

const err = (module: string, message: string): TypeError => new TypeError(`${module}: ${message}`);

// ---- hmApp ----------------------------------------------------------------------------------------

export function hmAppModule(d: HmDeps): Record<string, unknown> {
  const pages = d.target.pages ?? [];
  const target = (fn: string, option: unknown): { url: string; params?: string } => {
    if (typeof option !== 'object' || option === null) throw err('hmApp', `${fn} needs {url, param?}`);
    const { url, param, ...rest } = option as Record<string, unknown>;
    const extra = Object.keys(rest);
    // gotoPage.mdx: the option is {url, param}; @zos/router's `params` is a 2.0 name.
    if (extra.length) throw new Error(`hmApp: ${fn} has no option ${extra.join(', ')} (it takes {url, param})`);
    if (typeof url !== 'string') throw err('hmApp', `${fn} url must be a string`);
    const clean = url.replace(/^\//, '');
    if (!pages.includes(clean))
      throw new Error(
        `hmApp: ${fn} to ${JSON.stringify(url)}, which is not a page of the app.json target ${d.target.name} (${pages.join(', ')})`,
      );
    if (param === undefined) return { url: clean };
    if (typeof param !== 'string')
      throw err('hmApp', `${fn} param must be a string (gotoPage.mdx), got ${typeof param}`);
    return { url: clean, params: param };
  };
  const info = (): Record<string, unknown> => {
    const a = d.app;
    const version = a.version as { name?: unknown } | undefined;
    // packageInfo.mdx lists name, type, version, icon, appId, description, vendor, pages.
    return {
      name: a.appName,
      type: a.appType,
      version: version?.name,
      icon: a.icon,
      appId: a.appId,
      description: a.description,
      vendor: a.vender,
      pages: [...pages],
    };
  };
  const record = (call: string, args: unknown[]): void => {
    d.display.state.history.push({ call, args, at: d.now(), page: null });
  };
  return {
    gotoPage: (option: unknown) => d.navigate({ kind: 'push', ...target('gotoPage', option) }),
    reloadPage: (option: unknown) => d.navigate({ kind: 'replace', ...target('reloadPage', option) }),
    goBack: () => d.navigate({ kind: 'back' }),
    gotoHome: () => d.navigate({ kind: 'home' }),
    exit: () => d.navigate({ kind: 'exit' }),
    setScreenKeep: (keep: unknown) => {
      if (typeof keep !== 'boolean') throw err('hmApp', 'setScreenKeep needs a boolean (setScreenKeep.mdx)');
      record('hmApp.setScreenKeep', [keep]);
    },
    packageInfo: info,
    // Undocumented at 1.0 (reference/zos-api.tsv: ASSUMED); ZML's dist/1.0 reads .appId from it.
    getPackageInfo: info,
  };
}

// ---- hmSetting ------------------------------------------------------------------------------------

export function hmSettingModule(d: HmDeps): Record<string, unknown> {
  const state = d.display.state;
  const record = (call: string, args: unknown[]): void => {
    state.history.push({ call, args, at: d.now(), page: null });
  };
  const percent = (fn: string, v: unknown): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100)
      throw err('hmSetting', `${fn} needs a whole number 0-100, got ${JSON.stringify(v)}`);
    return v;
  };
  return {
    getDeviceInfo: () => ({
      width: d.device.width,
      height: d.device.height,
      // getDeviceInfo.mdx: 0 square, 1 round; a band is a tall rectangle.
      screenShape: d.device.shape === 'round' ? 1 : 0,
      deviceName: d.device.name,
      // Not in the device facts: bands have no keys (assumed), watches one.
      keyNumber: d.device.shape === 'band' ? 0 : 1,
      deviceSource: d.device.deviceSources[0] ?? 0,
    }),
    getLanguage: () => LANGUAGE_CODES[d.language],
    getTimeFormat: () => 1,
    getDateFormat: () => 0,
    getBrightness: () => state.brightness,
    setBrightness: (v: unknown) => {
      const b = percent('setBrightness', v);
      record('hmSetting.setBrightness', [b]);
      // setBrightness.mdx: no real effect while auto-brightness is on.
      if (!state.autoBrightness) state.brightness = b;
      return 0;
    },
    getScreenAutoBright: () => state.autoBrightness,
    setScreenAutoBright: (v: unknown) => {
      if (typeof v !== 'boolean') throw err('hmSetting', 'setScreenAutoBright needs a boolean');
      record('hmSetting.setScreenAutoBright', [v]);
      state.autoBrightness = v;
      return 0;
    },
    setBrightScreen: (seconds: unknown) => {
      // setBrightScreen.mdx: seconds in [1, 2147483]; lasts until setBrightScreenCancel.
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 2147483)
        throw err('hmSetting', `setBrightScreen needs whole seconds 1-2147483, got ${JSON.stringify(seconds)}`);
      record('hmSetting.setBrightScreen', [seconds]);
      state.pageBrightTime = seconds * 1000;
      state.keepScreenOn = true;
      return 0;
    },
    setBrightScreenCancel: () => {
      record('hmSetting.setBrightScreenCancel', []);
      state.pageBrightTime = null;
      state.keepScreenOn = false;
      return 0;
    },
  };
}

// ---- hmFS -----------------------------------------------------------------------------------------

// open.mdx names the flags, not their numbers: POSIX-like values (opaque to the app).
const O = { O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_APPEND: 0x8, O_CREAT: 0x200, O_TRUNC: 0x400, O_EXCL: 0x800 };
const SEEK = { SEEK_SET: 0, SEEK_CUR: 1, SEEK_END: 2 };
/**
 * Error codes of version-1.0 guides/framework/device/fs.md "Error Code": -4 (and -5) "Path not found", -7 (and
 * -8, -15) "No access rights", -9 "Invalid file handle"; the table names no code for a file that exists
 * under O_EXCL or for a read past the end: -1 "Disk Error" there. Where the table has two codes for one
 * failure, the first is used (which one a band returns is not documented).
 */
const FS_ERROR = -1;
const FS_NOT_FOUND = -4;
const FS_NO_ACCESS = -7;
const FS_BAD_HANDLE = -9;

interface OpenFile {
  path: string;
  asset: boolean;
  flags: number;
  pos: number;
}

function isArrayBuffer(v: unknown): v is ArrayBuffer {
  return Object.prototype.toString.call(v) === '[object ArrayBuffer]';
}

/** hmFS over the band's /data files (BandStore) and the app's assets of its target (read-only). */
export function hmFsModule(d: HmDeps): Record<string, unknown> {
  const files = d.store.files;
  const open = new Map<number, OpenFile>();
  /** Last write per /data path (clock ms), for stat's mtime. */
  const mtimes = new Map<string, number>();
  const started = d.now();
  let nextFd = 3;
  const assetsDir = join(d.appDir, 'assets', d.target.name);
  const relPath = (fn: string, p: unknown): string => {
    if (typeof p !== 'string' || p === '') throw err('hmFS', `${fn} needs a path string`);
    const clean = normalize(p).replace(/^\/+/, '');
    // open.mdx: a file name relative to the app's /data directory.
    if (clean.startsWith('..')) throw new Error(`hmFS: ${fn} path ${JSON.stringify(p)} leaves the app's directory`);
    return clean;
  };
  const assetBytes = (path: string): Uint8Array | null => {
    const file = join(assetsDir, path);
    return existsSync(file) ? new Uint8Array(readFileSync(file)) : null;
  };
  const handle = (fn: string, fd: unknown): OpenFile => {
    const f = typeof fd === 'number' ? open.get(fd) : undefined;
    if (!f) throw new Error(`hmFS: ${fn} on ${JSON.stringify(fd)}, which is not an open file`);
    return f;
  };
  const bufferArgs = (fn: string, buffer: unknown, position: unknown, length: unknown): Uint8Array => {
    if (!isArrayBuffer(buffer)) throw err('hmFS', `${fn} needs an ArrayBuffer (${fn}.mdx)`);
    const ab = buffer;
    if (
      typeof position !== 'number' ||
      typeof length !== 'number' ||
      position < 0 ||
      length < 0 ||
      position + length > ab.byteLength
    )
      throw new RangeError(
        `hmFS: ${fn} position ${String(position)} + length ${String(length)} outside the ${ab.byteLength}-byte buffer`,
      );
    return new Uint8Array(ab, position, length);
  };
  const sysSet =
    (fn: string, ok: (v: unknown) => boolean, what: string) =>
    (key: unknown, value: unknown): number => {
      if (typeof key !== 'string') throw err('hmFS', `${fn} key must be a string`);
      if (!ok(value)) throw err('hmFS', `${fn} value must be ${what}, got ${JSON.stringify(value)}`);
      d.store.sysPro.set(key, value as string | number | boolean);
      return 0;
    };
  const sysGet = (fn: string) => (key: unknown) => {
    if (typeof key !== 'string') throw err('hmFS', `${fn} key must be a string`);
    return d.store.sysPro.get(key);
  };
  return {
    ...O,
    ...SEEK,
    open(path: unknown, flags: unknown = O.O_RDONLY): number {
      const p = relPath('open', path);
      if (typeof flags !== 'number') throw err('hmFS', 'open flag must be a number (hmFS.O_*)');
      const exists = files.has(p);
      if (exists && flags & O.O_CREAT && flags & O.O_EXCL) return FS_ERROR;
      if (!exists) {
        if (!(flags & O.O_CREAT)) return FS_NOT_FOUND;
        files.set(p, new Uint8Array(0));
        mtimes.set(p, d.now());
      } else if (flags & O.O_TRUNC && (flags & 3) !== O.O_RDONLY) {
        files.set(p, new Uint8Array(0));
        mtimes.set(p, d.now());
      }
      const fd = nextFd++;
      open.set(fd, { path: p, asset: false, flags, pos: 0 });
      return fd;
    },
    open_asset(path: unknown, flags: unknown = O.O_RDONLY): number {
      const p = relPath('open_asset', path);
      if (typeof flags !== 'number') throw err('hmFS', 'open_asset flag must be a number (hmFS.O_*)');
      // fs.md: /assets is read-only.
      if ((flags & 3) !== O.O_RDONLY) return FS_NO_ACCESS;
      if (assetBytes(p) === null) return FS_NOT_FOUND;
      const fd = nextFd++;
      open.set(fd, { path: p, asset: true, flags, pos: 0 });
      return fd;
    },
    read(fd: unknown, buffer: unknown, position: unknown, length: unknown): number {
      const f = handle('read', fd);
      const into = bufferArgs('read', buffer, position, length);
      if ((f.flags & 3) === O.O_WRONLY) return FS_NO_ACCESS;
      const data = f.asset ? assetBytes(f.path) : files.get(f.path);
      if (!data) return FS_NOT_FOUND;
      // Reading past the end is refused (assumed: fs.md gives no short-read rule).
      if (f.pos + into.length > data.length) return FS_ERROR;
      into.set(data.subarray(f.pos, f.pos + into.length));
      f.pos += into.length;
      return 0;
    },
    write(fd: unknown, buffer: unknown, position: unknown, length: unknown): number {
      const f = handle('write', fd);
      const from = bufferArgs('write', buffer, position, length);
      if (f.asset || (f.flags & 3) === O.O_RDONLY) return FS_NO_ACCESS;
      const old = files.get(f.path) ?? new Uint8Array(0);
      const at = f.flags & O.O_APPEND ? old.length : f.pos;
      const next = new Uint8Array(Math.max(old.length, at + from.length));
      next.set(old);
      next.set(from, at);
      files.set(f.path, next);
      mtimes.set(f.path, d.now());
      f.pos = at + from.length;
      return 0;
    },
    seek(fd: unknown, position: unknown, whence: unknown = SEEK.SEEK_SET): void {
      const f = handle('seek', fd);
      if (typeof position !== 'number' || !Number.isInteger(position))
        throw err('hmFS', 'seek position must be a whole number');
      const size = (f.asset ? assetBytes(f.path) : files.get(f.path))?.length ?? 0;
      const base =
        whence === SEEK.SEEK_SET ? 0 : whence === SEEK.SEEK_CUR ? f.pos : whence === SEEK.SEEK_END ? size : NaN;
      if (Number.isNaN(base))
        throw err('hmFS', `seek whence must be hmFS.SEEK_SET / SEEK_CUR / SEEK_END, got ${JSON.stringify(whence)}`);
      f.pos = Math.max(0, base + position);
    },
    close(fd: unknown): number {
      return typeof fd === 'number' && open.delete(fd) ? 0 : FS_BAD_HANDLE;
    },
    stat(path: unknown): [{ size: number; mtime: number } | undefined, number] {
      const p = relPath('stat', path);
      const data = files.get(p);
      // stat.mdx: mtime is the last modification in UTC seconds (a file the simulator was handed: its start).
      return data
        ? [{ size: data.length, mtime: Math.floor((mtimes.get(p) ?? started) / 1000) }, 0]
        : [undefined, FS_NOT_FOUND];
    },
    stat_asset(path: unknown): [{ size: number; mtime: number } | undefined, number] {
      const data = assetBytes(relPath('stat_asset', path));
      return data ? [{ size: data.length, mtime: 0 }, 0] : [undefined, FS_NOT_FOUND];
    },
    remove(path: unknown): number {
      return files.delete(relPath('remove', path)) ? 0 : FS_NOT_FOUND;
    },
    rename(from: unknown, to: unknown): number {
      const a = relPath('rename', from);
      const b = relPath('rename', to);
      const data = files.get(a);
      if (!data) return FS_NOT_FOUND;
      files.delete(a);
      files.set(b, data);
      mtimes.set(b, mtimes.get(a) ?? started);
      mtimes.delete(a);
      return 0;
    },
    SysProSetChars: sysSet('SysProSetChars', (v) => typeof v === 'string', 'a string'),
    SysProGetChars: sysGet('SysProGetChars'),
    SysProSetInt: sysSet(
      'SysProSetInt',
      (v) => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2 ** 31,
      'a 32-bit integer',
    ),
    SysProGetInt: sysGet('SysProGetInt'),
    SysProSetBool: sysSet('SysProSetBool', (v) => typeof v === 'boolean', 'a boolean'),
    SysProGetBool: sysGet('SysProGetBool'),
    SysProSetDouble: sysSet('SysProSetDouble', (v) => typeof v === 'number', 'a number'),
    SysProGetDouble: sysGet('SysProGetDouble'),
  };
}

// ---- hmSensor -------------------------------------------------------------------------------------

/** VIBRATE.mdx's scenes and how long each buzzes (ms); null: until stop(). 0 "two short": 120 ms, assumed as the 2.0 NOTIFICATION. */
const V1_SCENES: Record<number, number | null> = {
  23: 20,
  24: 20,
  25: 20,
  27: 1000,
  28: 600,
  0: 120,
  1: null,
  5: null,
  9: 1200,
};

const SENSOR_ID = { TIME: 1, WEAR: 2, VIBRATE: 3, BATTERY: 4 };
const SENSOR_EVENT = { CHANGE: 1 };
const TIME_EVENT = { MINUTEEND: 1, DAYCHANGE: 2 };

export function hmSensorModule(d: HmDeps): Record<string, unknown> {
  const time = (): Record<string, unknown> => {
    const local = (): Date => new Date(d.now() + d.utcOffsetMinutes * 60_000);
    const listeners: Array<{ ev: number; cb: () => void }> = [];
    let armed = false;
    // MINUTEEND fires at each minute's end on the watch's clock; DAYCHANGE at local midnight.
    const arm = (): void => {
      if (armed) return;
      armed = true;
      const tick = (): void => {
        const now = d.now();
        const wait = 60_000 - (now % 60_000 || 0) || 60_000;
        d.timers.setTimeout(() => {
          const l = local();
          for (const { ev, cb } of [...listeners]) {
            if (ev === TIME_EVENT.MINUTEEND) cb();
            else if (ev === TIME_EVENT.DAYCHANGE && l.getUTCHours() === 0 && l.getUTCMinutes() === 0) cb();
          }
          tick();
        }, wait);
      };
      tick();
    };
    const sensor: Record<string, unknown> = {
      event: TIME_EVENT,
      addEventListener(ev: unknown, cb: unknown) {
        if (ev !== TIME_EVENT.MINUTEEND && ev !== TIME_EVENT.DAYCHANGE)
          throw err('hmSensor', 'TIME addEventListener needs time.event.MINUTEEND or DAYCHANGE');
        if (typeof cb !== 'function') throw err('hmSensor', 'addEventListener needs a function');
        listeners.push({ ev, cb: cb as () => void });
        arm();
      },
    };
    const getters: Record<string, () => unknown> = {
      utc: () => d.now(),
      year: () => local().getUTCFullYear(),
      month: () => local().getUTCMonth() + 1,
      day: () => local().getUTCDate(),
      hour: () => local().getUTCHours(),
      minute: () => local().getUTCMinutes(),
      second: () => local().getUTCSeconds(),
      // TIME.mdx: week 1-7, 1 is Monday.
      week: () => local().getUTCDay() || 7,
      is24Hour: () => true,
      format_hour: () => local().getUTCHours(),
    };
    for (const [k, get] of Object.entries(getters)) Object.defineProperty(sensor, k, { get, enumerable: true });
    return sensor;
  };
  return {
    id: SENSOR_ID,
    event: SENSOR_EVENT,
    createSensor(id: unknown): unknown {
      switch (id) {
        case SENSOR_ID.TIME:
          return time();
        case SENSOR_ID.WEAR: {
          // WEAR.mdx: current 0 not worn, 1 worn, 2 in motion, 3 not sure (the realm's wrist: watch.setWear).
          // Its caution: "WEAR sensor CHANGE event is temporarily unavailable", so a listener is taken
          // and never called; a 1.0 page has to read `current` again to see a change.
          const wear = {
            addEventListener(ev: unknown, cb: unknown) {
              if (ev !== SENSOR_EVENT.CHANGE || typeof cb !== 'function')
                throw err('hmSensor', 'WEAR addEventListener needs hmSensor.event.CHANGE and a function');
            },
          };
          Object.defineProperty(wear, 'current', { get: () => d.wear?.status ?? 1, enumerable: true });
          return wear;
        }
        case SENSOR_ID.BATTERY:
          return { current: 100, addEventListener() {} };
        case SENSOR_ID.VIBRATE: {
          // VIBRATE.mdx: "Pages can only create one instance"; not enforced (what a second call does is not said).
          let current: Vibration | null = null;
          // VIBRATE.mdx, vibrate.start: "after calling start you must call stop after the vibration is
          // finished, otherwise the next call to start will not vibrate": a start with no stop since the
          // last start buzzes nothing (and is not logged).
          let armed = true;
          const v: Record<string, unknown> = {
            scene: 25,
            start() {
              const scene = v.scene;
              if (typeof scene !== 'number' || !Object.hasOwn(V1_SCENES, scene))
                throw err(
                  'hmSensor',
                  `VIBRATE scene must be one of ${Object.keys(V1_SCENES).join(', ')} (VIBRATE.mdx), got ${JSON.stringify(scene)}`,
                );
              if (!armed) return;
              armed = false;
              current = {
                at: d.now(),
                scene: `scene ${scene}`,
                durationMs: V1_SCENES[scene]!,
                page: d.page(),
                stoppedAt: null,
              };
              d.vibrations.push(current);
            },
            stop() {
              armed = true;
              if (current && current.stoppedAt === null) current.stoppedAt = d.now();
              current = null;
            },
          };
          return v;
        }
        default:
          throw new Error(
            `hmSensor: createSensor(${JSON.stringify(id)}): not a sensor id the simulator models (hmSensor.id.TIME, WEAR, VIBRATE, BATTERY)`,
          );
      }
    },
  };
}

// ---- timer, i18n, globals -------------------------------------------------------------------------

/** The 1.0 `timer` (timer/createTimer.mdx): first call after `delay`, then every `repeat` ms (0: once, assumed). */
export function timerModule(timers: RealmTimers): Record<string, unknown> {
  const running = new Map<number, number>();
  let nextId = 1;
  return {
    createTimer(delay: unknown, repeat: unknown, cb: unknown, option?: unknown): number {
      if (typeof delay !== 'number' || typeof repeat !== 'number' || delay < 0 || repeat < 0)
        throw err('timer', 'createTimer(delay, repeat, callback, option) needs delay and repeat in ms >= 0');
      if (typeof cb !== 'function') throw err('timer', 'createTimer needs a callback function');
      const id = nextId++;
      const fire = (): void => {
        if (!running.has(id)) return;
        if (repeat > 0) running.set(id, timers.setTimeout(fire, repeat));
        else running.delete(id);
        (cb as (o: unknown) => void)(option);
      };
      running.set(id, timers.setTimeout(fire, delay));
      return id;
    },
    stopTimer(id: unknown): void {
      const t = typeof id === 'number' ? running.get(id) : undefined;
      if (t !== undefined) timers.clearTimeout(t);
      if (typeof id === 'number') running.delete(id);
    },
  };
}

/** The `i18n` import of a 1.0 app (migration-guide.md case 6): gettext over page/i18n/<language>.po. */
export function gettextModule(appDir: string, language: Language): Record<string, unknown> {
  const getText = i18nModule(appDir, language).i18n.getText as (key: unknown) => string;
  return {
    gettext: (key: unknown) => {
      if (typeof key !== 'string') throw err('i18n', `gettext key must be a string, got ${typeof key}`);
      return getText(key);
    },
  };
}

/** The global px of 1.0 (multi-screen-adaption.mdx): Math.ceil(value / designWidth * DEVICE_WIDTH). */
export function pxGlobal(deviceWidth: number, designWidth: number): (v: unknown) => number {
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw err('px', `needs a number, got ${typeof v}`);
    return Math.ceil((v / designWidth) * deviceWidth);
  };
}

/** DeviceRuntimeCore: HmLogger (migration-guide.md case 7) and Buffer (what ZML's dist/1.0 takes when no global Buffer exists). */
export function deviceRuntimeCore(log: LogSink): Record<string, unknown> {
  const logger = (name: string): Record<string, (...a: unknown[]) => void> => {
    const at =
      (level: string) =>
      (...args: unknown[]) =>
        log(level, name, format(...args));
    return { log: at('log'), info: at('info'), warn: at('warn'), debug: at('debug'), error: at('error') };
  };
  return { HmLogger: { getLogger: (name: unknown) => logger(String(name)) }, Buffer };
}
