// app.json, read once and checked: the fields the simulator uses (docs: reference/app-json.mdx, and
// for configVersion v2, the API 1.0 app: versioned_docs/version-1.0/reference/app-json.mdx), typed,
// with an error naming the file and the field when one is missing or of the wrong kind.
// Fields the simulator does not use (permissions, runtime type, i18n, ...) are not checked, except
// that a v2 app.json must have every field the 1.0 docs mark required (a device would not install it).
//
// Every target is read (`targets`); the top-level page / side / setting / designWidth fields are the
// FIRST target's (a v3 app has one, 'common'). `manifestForDevice` picks the target a device runs:
// for v2, the one whose platforms list the device's deviceSource (the 1.0 way: one target per device).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One entry of `targets`: what a device of that target loads. */
export interface ManifestTarget {
  /** The key in `targets` (for v2 also the folder of its assets: assets/<name>/). */
  readonly name: string;
  /** module.page.pages; undefined for a target without watch pages (a side-service-only fixture). */
  readonly pages?: readonly string[];
  /** module['app-side'].path, without extension ('app-side/index'). */
  readonly sidePath?: string;
  /** module.setting.path, without extension ('setting/index'). */
  readonly settingPath?: string;
  /** designWidth (what px() scales from); 480 when absent, as in the Zepp build (v2 requires it). */
  readonly designWidth: number;
  /** platforms[].deviceSource numbers (v2); empty when the platforms name none (v3's {st} entries). */
  readonly deviceSources: readonly number[];
  /** module['app-widget'].widgets: the shortcut cards (reference/app-json.mdx; guide device/secondary-widget.md). */
  readonly appWidgets: readonly AppWidgetEntry[];
}

/** One shortcut card of module['app-widget'].widgets: its path (no extension), name and icon. */
export interface AppWidgetEntry {
  readonly path: string;
  readonly name: string;
  readonly icon?: string;
}

export interface AppManifest {
  /** Path of the app.json read, for messages. */
  readonly file: string;
  /** configVersion: 'v2' (API 1.0 apps), 'v3' (API 2.0+), or null when absent (test manifests). */
  readonly configVersion: string | null;
  /** runtime.apiVersion.minVersion as a level (3.0, 1.0), or null when absent. */
  readonly minApiLevel: number | null;
  /** The whole `app` object (getPackageInfo returns a copy), with the two fields every realm needs checked. */
  readonly app: Readonly<Record<string, unknown>> & { readonly appId: number; readonly appName: string };
  /** Every target, in file order. */
  readonly targets: readonly ManifestTarget[];
  /** Name of the target used (the first of `targets`, or the device's: manifestForDevice). */
  readonly target: string;
  /** module.page.pages of that target; undefined for an app without watch pages (a side-service-only fixture). */
  readonly pages?: readonly string[];
  /** module['app-side'].path, without extension ('app-side/index'). */
  readonly sidePath?: string;
  /** module.setting.path, without extension ('setting/index'). */
  readonly settingPath?: string;
  /** The target's designWidth (what px() scales from); 480 when absent, as in the Zepp build. */
  readonly designWidth: number;
  /** module['app-widget'].widgets of that target (shortcut cards); empty when it has none. */
  readonly appWidgets: readonly AppWidgetEntry[];
}

const DEFAULT_DESIGN_WIDTH = 480;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

/** Reads and checks <appDir>/app.json. */
export function readAppManifest(appDir: string): AppManifest {
  const file = join(appDir, 'app.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`app.json: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  return parseAppManifest(text, file);
}

/** Checks the text of an app.json; `file` names it in errors. */
export function parseAppManifest(text: string, file: string): AppManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  const fail = (field: string, want: string, got: unknown): never => {
    throw new Error(`${file}: ${field} ${got === undefined ? 'is missing' : `must be ${want}, got ${kind(got)}`}`);
  };
  if (!isObject(json)) return fail('the top level', 'an object', json);

  const app = json.app;
  if (!isObject(app)) return fail('app', 'an object', app);
  if (typeof app.appId !== 'number' || !Number.isInteger(app.appId) || app.appId <= 0)
    fail('app.appId', 'a positive integer', app.appId);
  if (typeof app.appName !== 'string' || app.appName === '') fail('app.appName', 'a non-empty string', app.appName);

  const configVersion = json.configVersion;
  if (configVersion !== undefined && configVersion !== 'v2' && configVersion !== 'v3')
    fail('configVersion', '"v2" or "v3"', configVersion);
  const v2 = configVersion === 'v2';
  if (v2) checkV2(json, app, fail);
  let minApiLevel: number | null = null;
  const runtime = json.runtime;
  if (isObject(runtime) && isObject(runtime.apiVersion) && runtime.apiVersion.minVersion !== undefined) {
    const min = runtime.apiVersion.minVersion;
    const m = typeof min === 'string' ? /^(\d+)\.(\d)(?:\.\d+)?$/.exec(min) : null;
    if (!m) return fail('runtime.apiVersion.minVersion', 'a version string like "1.0.0"', min);
    minApiLevel = Number(`${m[1]}.${m[2]}`);
  }

  const targets = json.targets;
  if (!isObject(targets)) return fail('targets', 'an object', targets);
  const entries = Object.entries(targets);
  if (entries.length === 0) return fail('targets', 'an object with at least one target', targets);
  const read = entries.map(([name, body]) => readTarget(name, body, v2, fail));
  const first = read[0]!;
  return {
    file,
    configVersion: typeof configVersion === 'string' ? configVersion : null,
    minApiLevel,
    app: app as AppManifest['app'],
    targets: read,
    ...withTarget(first),
  };
}

type Fail = (field: string, want: string, got: unknown) => never;

function readTarget(target: string, body: unknown, v2: boolean, fail: Fail): ManifestTarget {
  const at = `targets.${target}`;
  if (!isObject(body)) return fail(at, 'an object', body);
  const module = body.module;
  if (!isObject(module)) return fail(`${at}.module`, 'an object', module);
  const out: {
    name: string;
    pages?: string[];
    sidePath?: string;
    settingPath?: string;
    designWidth: number;
    deviceSources: number[];
    appWidgets: AppWidgetEntry[];
  } = { name: target, designWidth: DEFAULT_DESIGN_WIDTH, deviceSources: [], appWidgets: [] };

  if (module.page !== undefined) {
    if (!isObject(module.page)) fail(`${at}.module.page`, 'an object', module.page);
    const pages = (module.page as Record<string, unknown>).pages;
    if (!Array.isArray(pages) || pages.length === 0)
      return fail(`${at}.module.page.pages`, 'a non-empty array of page paths', pages);
    pages.forEach((p: unknown, i) => {
      if (typeof p !== 'string' || p === '') fail(`${at}.module.page.pages[${i}]`, 'a page path string', p);
    });
    out.pages = pages as string[];
  }
  const entryPath = (name: 'app-side' | 'setting'): string | undefined => {
    const entry = module[name];
    if (entry === undefined) return undefined;
    if (!isObject(entry)) return fail(`${at}.module.${name}`, 'an object {path}', entry);
    if (typeof entry.path !== 'string' || entry.path === '')
      return fail(`${at}.module.${name}.path`, 'a non-empty string', entry.path);
    return entry.path;
  };
  // app-widget (app-json.mdx, configVersion v2+ of the manifest, i.e. API 2.0): {widgets: [{path, icon, name, runtime}]}.
  const cards = module['app-widget'];
  if (cards !== undefined) {
    if (v2) fail(`${at}.module.app-widget`, 'absent in an API 1.0 app (shortcut cards start at API 2.0)', cards);
    if (!isObject(cards)) return fail(`${at}.module.app-widget`, 'an object {widgets}', cards);
    const widgets = cards.widgets;
    if (!Array.isArray(widgets)) return fail(`${at}.module.app-widget.widgets`, 'an array', widgets);
    // The guide: "A Mini Program can contain multiple independent Widget or Shortcut cards, up to a total of 5".
    if (widgets.length > 5) fail(`${at}.module.app-widget.widgets`, 'at most 5 cards', widgets);
    widgets.forEach((w: unknown, i) => {
      const f = `${at}.module.app-widget.widgets[${i}]`;
      if (!isObject(w)) return fail(f, 'an object {path, name, icon, runtime}', w);
      if (typeof w.path !== 'string' || w.path === '') fail(`${f}.path`, 'a non-empty string', w.path);
      if (typeof w.name !== 'string' || w.name === '') fail(`${f}.name`, 'a non-empty string', w.name);
      if (w.icon !== undefined && typeof w.icon !== 'string') fail(`${f}.icon`, 'a string', w.icon);
      const rt = w.runtime;
      if (!isObject(rt) || rt.type !== 'js') fail(`${f}.runtime`, '{"type": "js"}', rt);
      out.appWidgets.push({
        path: w.path as string,
        name: w.name as string,
        ...(typeof w.icon === 'string' ? { icon: w.icon } : {}),
      });
    });
  }
  const side = entryPath('app-side');
  const setting = entryPath('setting');
  if (side !== undefined) out.sidePath = side;
  if (setting !== undefined) out.settingPath = setting;
  if (body.designWidth !== undefined || v2) {
    if (typeof body.designWidth !== 'number' || !(body.designWidth > 0))
      fail(`${at}.designWidth`, 'a number > 0', body.designWidth);
    out.designWidth = body.designWidth as number;
  }
  const platforms = body.platforms;
  if (platforms !== undefined || v2) {
    // v2: "platforms ... deviceSource: number, required" (1.0 app-json.mdx); v3 may use {st} entries instead.
    if (!Array.isArray(platforms) || (v2 && platforms.length === 0))
      return fail(`${at}.platforms`, v2 ? 'a non-empty array of {deviceSource}' : 'an array', platforms);
    platforms.forEach((p: unknown, i) => {
      if (!isObject(p)) return fail(`${at}.platforms[${i}]`, 'an object', p);
      if (p.deviceSource === undefined && !v2) return;
      if (typeof p.deviceSource !== 'number' || !Number.isInteger(p.deviceSource) || p.deviceSource < 0)
        return fail(`${at}.platforms[${i}].deviceSource`, 'a whole number', p.deviceSource);
      out.deviceSources.push(p.deviceSource);
    });
  }
  return out;
}

/** The fields the 1.0 docs mark required in a v2 app.json (versioned_docs/version-1.0/reference/app-json.mdx). */
function checkV2(json: Record<string, unknown>, app: Record<string, unknown>, fail: Fail): void {
  for (const key of ['appType', 'vender', 'description'] as const)
    if (typeof app[key] !== 'string') fail(`app.${key}`, 'a string', app[key]);
  if (app.appType !== 'app')
    fail('app.appType', '"app" (a watchface is not a Mini Program the simulator runs)', app.appType);
  const version = app.version;
  if (!isObject(version)) return fail('app.version', 'an object {code, name}', version);
  if (typeof version.code !== 'number' || !Number.isInteger(version.code) || version.code < 1)
    fail('app.version.code', 'a whole number >= 1', version.code);
  if (typeof version.name !== 'string' || version.name === '')
    fail('app.version.name', 'a non-empty string', version.name);
  const runtime = json.runtime;
  if (!isObject(runtime)) return fail('runtime', 'an object {apiVersion}', runtime);
  if (!isObject(runtime.apiVersion)) return fail('runtime.apiVersion', 'an object {minVersion}', runtime.apiVersion);
  if (runtime.apiVersion.minVersion === undefined) fail('runtime.apiVersion.minVersion', 'a version string', undefined);
  if (!Array.isArray(json.permissions)) fail('permissions', 'an array', json.permissions);
  if (!isObject(json.i18n)) fail('i18n', 'an object', json.i18n);
  if (typeof json.defaultLanguage !== 'string') fail('defaultLanguage', 'a string', json.defaultLanguage);
}

function withTarget(
  t: ManifestTarget,
): Pick<AppManifest, 'target' | 'pages' | 'sidePath' | 'settingPath' | 'designWidth' | 'appWidgets'> {
  return {
    target: t.name,
    designWidth: t.designWidth,
    appWidgets: t.appWidgets,
    ...(t.pages ? { pages: t.pages } : {}),
    ...(t.sidePath !== undefined ? { sidePath: t.sidePath } : {}),
    ...(t.settingPath !== undefined ? { settingPath: t.settingPath } : {}),
  };
}

/**
 * The manifest as a device loads it: for a v2 app, the target whose platforms list one of the
 * device's deviceSources (none: the app does not install on it, as the Zepp app refuses); for any
 * other, the first target. Also refuses a device below runtime.apiVersion.minVersion.
 */
export function manifestForDevice(
  manifest: AppManifest,
  device: { name: string; deviceSources: readonly number[]; apiLevel: number },
): AppManifest {
  if (manifest.minApiLevel !== null && device.apiLevel < manifest.minApiLevel)
    throw new Error(
      `${manifest.file}: runtime.apiVersion.minVersion ${manifest.minApiLevel.toFixed(1)} is above ${device.name}'s API level ${device.apiLevel.toFixed(1)}: the app does not install on it`,
    );
  if (manifest.configVersion !== 'v2') return manifest;
  const target = manifest.targets.find((t) => t.deviceSources.some((s) => device.deviceSources.includes(s)));
  if (!target)
    throw new Error(
      `${manifest.file}: no target lists a deviceSource of ${device.name} (${device.deviceSources.join(', ')}) in its platforms: the app does not install on it`,
    );
  const { pages: _p, sidePath: _s, settingPath: _g, ...rest } = manifest;
  return { ...rest, ...withTarget(target) };
}

/** The manifest's watch pages; throws, naming `who` and the file, for an app without any. */
export function manifestPages(manifest: AppManifest, who: string): readonly string[] {
  if (!manifest.pages) throw new Error(`${who}: ${manifest.file} has no targets.${manifest.target}.module.page.pages`);
  return manifest.pages;
}
