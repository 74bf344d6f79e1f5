// app.json of configVersion v2 (API 1.0 apps): every target with its deviceSources, the fields the 1.0
// docs mark required (versioned_docs/version-1.0/reference/app-json.mdx), and the target a device runs.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDevices } from '../../../reference/devices';
import { manifestForDevice, parseAppManifest, readAppManifest } from '../../kernel/app-manifest';
import { PROJECT_ROOT } from '../../kernel/bundle';

const FILE = '/apps/band/app.json';
const device = (name: string) => {
  const d = loadDevices().find((x) => x.name === name);
  if (!d) throw new Error(`no device ${name}`);
  return d;
};
const target = (sources: number[], designWidth = 192) => ({
  module: { page: { pages: ['page/a/index'] }, 'app-side': { path: 'app-side/index' } },
  platforms: sources.map((deviceSource) => ({ name: 'band', deviceSource })),
  designWidth,
});
const good = () => ({
  configVersion: 'v2',
  app: {
    appId: 1000010,
    appName: 'Band',
    appType: 'app',
    version: { code: 1, name: '1.0.0' },
    vender: 'test',
    description: 'a band app',
  },
  permissions: [],
  runtime: { apiVersion: { compatible: '1.0.0', target: '1.0.1', minVersion: '1.0.0' } },
  targets: { 'band-7': target([252, 253, 254], 194), 'mi-band-7': target([260, 261, 262]) },
  i18n: { 'en-US': { appName: 'Band' } },
  defaultLanguage: 'en-US',
});
const parse = (json: unknown) => parseAppManifest(JSON.stringify(json), FILE);

/** Every path to a field the 1.0 docs mark required (as the reader checks them). */
const REQUIRED: ReadonlyArray<readonly string[]> = [
  ['app', 'appType'],
  ['app', 'vender'],
  ['app', 'description'],
  ['app', 'version'],
  ['app', 'version', 'code'],
  ['app', 'version', 'name'],
  ['runtime'],
  ['runtime', 'apiVersion'],
  ['runtime', 'apiVersion', 'minVersion'],
  ['permissions'],
  ['i18n'],
  ['defaultLanguage'],
  ['targets', 'band-7', 'platforms'],
  ['targets', 'band-7', 'designWidth'],
  ['targets', 'mi-band-7', 'platforms'],
];

function without(json: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  delete at[path[path.length - 1]!];
  return copy;
}

describe('app.json configVersion v2', () => {
  it('reads every target with its deviceSources and minVersion', () => {
    const m = parse(good());
    expect(m).toMatchObject({ configVersion: 'v2', minApiLevel: 1, target: 'band-7', designWidth: 194 });
    expect(m.targets.map((t) => [t.name, t.deviceSources, t.designWidth])).toEqual([
      ['band-7', [252, 253, 254], 194],
      ['mi-band-7', [260, 261, 262], 192],
    ]);
    const fixture = readAppManifest(join(PROJECT_ROOT, 'sim/fixtures/band-basic'));
    expect(fixture.targets.map((t) => t.name)).toEqual(['band-7', 'mi-band-7']);
  });

  it('picks the target whose platforms list the device', () => {
    const m = parse(good());
    expect(manifestForDevice(m, device('Xiaomi Mi Band 7'))).toMatchObject({ target: 'mi-band-7', designWidth: 192 });
    expect(manifestForDevice(m, device('Amazfit Band 7'))).toMatchObject({ target: 'band-7', designWidth: 194 });
    expect(() => manifestForDevice(m, device('Amazfit GTS 3'))).toThrow(
      /^\/apps\/band\/app\.json: no target lists a deviceSource of Amazfit GTS 3 \(224, 225\) in its platforms/,
    );
  });

  it('refuses a device below minVersion, for any configVersion', () => {
    const v3 = parseAppManifest(
      JSON.stringify({
        configVersion: 'v3',
        app: { appId: 1, appName: 'W' },
        runtime: { apiVersion: { minVersion: '3.0' } },
        targets: { common: { module: {} } },
      }),
      FILE,
    );
    expect(() => manifestForDevice(v3, device('Amazfit Band 7'))).toThrow(
      /minVersion 3\.0 is above Amazfit Band 7's API level 1\.0: the app does not install on it/,
    );
    expect(manifestForDevice(v3, device('Amazfit Balance')).target).toBe('common');
  });

  it('refuses, naming the field, a v2 app.json missing any field the 1.0 docs require', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REQUIRED), (path) => {
        const field = path.join('.');
        expect(() => parse(without(good(), path))).toThrow(
          new RegExp(`^/apps/band/app\\.json: ${field.replace(/[.-]/g, (c) => `\\${c}`)} (is missing|must be)`),
        );
      }),
      { numRuns: REQUIRED.length * 3 },
    );
  });

  it.each([
    [
      'an unknown configVersion',
      { ...good(), configVersion: 'v4' },
      /: configVersion must be "v2" or "v3", got string "v4"$/,
    ],
    ['a watchface', { ...good(), app: { ...good().app, appType: 'watchface' } }, /: app\.appType must be "app"/],
    [
      'version code 0',
      { ...good(), app: { ...good().app, version: { code: 0, name: '1' } } },
      /: app\.version\.code must be a whole number >= 1/,
    ],
    [
      'a bad minVersion',
      { ...good(), runtime: { apiVersion: { minVersion: '1' } } },
      /: runtime\.apiVersion\.minVersion must be a version string like "1\.0\.0", got string "1"$/,
    ],
    [
      'no platforms',
      { ...good(), targets: { t: { ...target([]) } } },
      /: targets\.t\.platforms must be a non-empty array of \{deviceSource\}/,
    ],
    [
      'a platform without deviceSource',
      { ...good(), targets: { t: { ...target([1]), platforms: [{ name: 'x' }] } } },
      /: targets\.t\.platforms\[0\]\.deviceSource is missing$/,
    ],
    [
      'a string deviceSource',
      { ...good(), targets: { t: { ...target([1]), platforms: [{ deviceSource: '260' }] } } },
      /: targets\.t\.platforms\[0\]\.deviceSource must be a whole number, got string "260"$/,
    ],
  ])('refuses %s', (_name, json, message) => {
    expect(() => parse(json)).toThrow(message);
  });

  it('refuses a v2 app.json with a random field removed when that field is or holds a required one', () => {
    const all = (obj: unknown, prefix: string[] = []): string[][] =>
      typeof obj === 'object' && obj !== null && !Array.isArray(obj)
        ? Object.entries(obj).flatMap(([k, v]) => [[...prefix, k], ...all(v, [...prefix, k])])
        : [];
    const paths = all(good());
    const required = new Set(REQUIRED.map((p) => p.join('.')));
    fc.assert(
      fc.property(fc.constantFrom(...paths), (path) => {
        const broken = without(good(), path);
        let accepted = true;
        try {
          parse(broken);
        } catch {
          accepted = false;
        }
        // A required field (or a whole object holding one) removed must be refused; a whole target
        // may go (the app then runs on fewer devices).
        if (
          !(path.length === 2 && path[0] === 'targets') &&
          [...required].some((r) => r === path.join('.') || r.startsWith(`${path.join('.')}.`))
        )
          expect(accepted, path.join('.')).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
