// app.json, read once and checked: the fields the simulator uses (docs: reference/app-json.mdx),
// typed, with an error naming the file and the field when one is missing or of the wrong kind.
// Fields the simulator does not use (permissions, runtime, platforms, i18n, ...) are not checked.
//
// Like the simulator, it takes the FIRST target of `targets` (the app has one, 'common').
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AppManifest {
  /** Path of the app.json read, for messages. */
  readonly file: string;
  /** The whole `app` object (getPackageInfo returns a copy), with the two fields every realm needs checked. */
  readonly app: Readonly<Record<string, unknown>> & { readonly appId: number; readonly appName: string };
  /** Name of the target used (the first of `targets`). */
  readonly target: string;
  /** module.page.pages of that target; undefined for an app without watch pages (a side-service-only fixture). */
  readonly pages?: readonly string[];
  /** module['app-side'].path, without extension ('app-side/index'). */
  readonly sidePath?: string;
  /** module.setting.path, without extension ('setting/index'). */
  readonly settingPath?: string;
  /** The target's designWidth (what px() scales from); 480 when absent, as in the Zepp build. */
  readonly designWidth: number;
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

  const targets = json.targets;
  if (!isObject(targets)) return fail('targets', 'an object', targets);
  const first = Object.entries(targets)[0];
  if (!first) return fail('targets', 'an object with at least one target', targets);
  const [target, body] = first;
  const at = `targets.${target}`;
  if (!isObject(body)) return fail(at, 'an object', body);
  const module = body.module;
  if (!isObject(module)) return fail(`${at}.module`, 'an object', module);

  const manifest: {
    file: string;
    app: AppManifest['app'];
    target: string;
    pages?: string[];
    sidePath?: string;
    settingPath?: string;
    designWidth: number;
  } = { file, app: app as AppManifest['app'], target, designWidth: DEFAULT_DESIGN_WIDTH };

  if (module.page !== undefined) {
    if (!isObject(module.page)) fail(`${at}.module.page`, 'an object', module.page);
    const pages = (module.page as Record<string, unknown>).pages;
    if (!Array.isArray(pages) || pages.length === 0)
      return fail(`${at}.module.page.pages`, 'a non-empty array of page paths', pages);
    pages.forEach((p: unknown, i) => {
      if (typeof p !== 'string' || p === '') fail(`${at}.module.page.pages[${i}]`, 'a page path string', p);
    });
    manifest.pages = pages as string[];
  }
  const entryPath = (name: 'app-side' | 'setting'): string | undefined => {
    const entry = module[name];
    if (entry === undefined) return undefined;
    if (!isObject(entry)) return fail(`${at}.module.${name}`, 'an object {path}', entry);
    if (typeof entry.path !== 'string' || entry.path === '')
      return fail(`${at}.module.${name}.path`, 'a non-empty string', entry.path);
    return entry.path;
  };
  const side = entryPath('app-side');
  const setting = entryPath('setting');
  if (side !== undefined) manifest.sidePath = side;
  if (setting !== undefined) manifest.settingPath = setting;
  if (body.designWidth !== undefined) {
    if (typeof body.designWidth !== 'number' || !(body.designWidth > 0))
      fail(`${at}.designWidth`, 'a number > 0', body.designWidth);
    manifest.designWidth = body.designWidth as number;
  }
  return manifest;
}

/** The manifest's watch pages; throws, naming `who` and the file, for an app without any. */
export function manifestPages(manifest: AppManifest, who: string): readonly string[] {
  if (!manifest.pages) throw new Error(`${who}: ${manifest.file} has no targets.${manifest.target}.module.page.pages`);
  return manifest.pages;
}
