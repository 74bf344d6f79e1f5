// The band app as the build packs it: band/app.json against the device table and the watches' app.json,
// the offline catalog's band entries, the .zab check for band screens, every string the band pages use in
// all three languages, and the API levels kept apart (band/ calls 1.0 globals only, page/ never them).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadBandDevices, loadTargetDevices } from '../../reference/devices';
import { devicesWithoutPackage, parseZab, strays } from '../../scripts/zab';
import { buildableDevices, deviceCode, zeusCatalog } from '../../scripts/zeus-catalog';
import { declineKey } from '../../lib/wallet/activity';
import { DECLINE_REASONS } from '../../lib/issuer-api/types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const band = JSON.parse(read('band/app.json'));
const watch = JSON.parse(read('app.json'));
const BANDS = loadBandDevices();

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('band/app.json', () => {
  it('is a configVersion v2 app for API 1.0, the same app as the watches (id, version, names)', () => {
    expect(band.configVersion).toBe('v2');
    expect(band.runtime.apiVersion.minVersion).toBe('1.0.0');
    expect(band.app).toEqual(watch.app);
    // The watches' i18n also names their shortcut card (module app-widget, API 2.0); a band has none.
    const appNames = (i18n: Record<string, { appName?: unknown }>) =>
      Object.fromEntries(Object.entries(i18n).map(([lang, v]) => [lang, { appName: v.appName }]));
    expect(band.i18n).toEqual(appNames(watch.i18n));
    expect(band.defaultLanguage).toBe(watch.defaultLanguage);
  });

  it('lists every deviceSource of each band in exactly one target, whose design width is its screen width', () => {
    const seen = new Map<number, string>();
    for (const [key, target] of Object.entries<{ platforms: Array<{ deviceSource: number }>; designWidth: number }>(
      band.targets,
    )) {
      for (const p of target.platforms) {
        expect(seen.has(p.deviceSource), `${p.deviceSource} twice`).toBe(false);
        seen.set(p.deviceSource, key);
      }
    }
    for (const d of BANDS) {
      const keys = new Set(d.deviceSources.map((s) => seen.get(s)));
      expect(keys.size, d.name).toBe(1);
      const key = [...keys][0]!;
      expect(band.targets[key].designWidth).toBe(d.width);
      // zpm takes a v2 target's assets from assets/<target key>/ (docs: reference/app-json.mdx, targets).
      expect(existsSync(join(ROOT, 'band/assets', key, band.app.icon))).toBe(true);
    }
    expect(seen.size).toBe(BANDS.reduce((n, d) => n + d.deviceSources.length, 0));
  });

  it('names pages that exist under band/, and a side service and settings page that are the watches ones', () => {
    for (const target of Object.values<{ module: Record<string, { pages?: string[]; path?: string }> }>(band.targets)) {
      for (const page of target.module.page!.pages!)
        expect(existsSync(join(ROOT, 'band', `${page}.ts`)), page).toBe(true);
      expect(target.module['app-side']).toEqual(watch.targets.common.module['app-side']);
      expect(target.module.setting).toEqual(watch.targets.common.module.setting);
    }
    expect(read('band/app-side/index.ts')).toMatch(/^import '\.\.\/\.\.\/app-side\/index';$/m);
    expect(read('band/setting/index.ts')).toMatch(/^import '\.\.\/\.\.\/setting\/index';$/m);
    // The band's strings are the watches' .po files (band/page/i18n links to page/i18n).
    expect(read('band/page/i18n/ru-RU.po')).toBe(read('page/i18n/ru-RU.po'));
    // And the settings page's strings (band/setting/i18n links to setting/i18n).
    expect(read('band/setting/i18n/ru-RU.po')).toBe(read('setting/i18n/ru-RU.po'));
  });
});

describe('offline catalog and .zab check for bands', () => {
  it('enters each band deviceSource as a bar screen with a DIALOG chip at API 1.0', () => {
    const catalog = zeusCatalog(BANDS, '1.9.1', 0);
    expect(catalog.devices).toHaveLength(10);
    expect(catalog.devices.find((d) => d.deviceSource === 260)).toMatchObject({
      productName: 'Xiaomi Mi Band 7',
      value: { shape: 'bar', chip: { manufacturer: 'DIALOG' }, screen: { size: '192*490' }, os: { apiLevel: '1.0' } },
    });
    expect(buildableDevices(BANDS).skipped).toEqual([]);
  });

  it('keeps product codes unique across watches and bands (zeus keys products by them)', () => {
    const names = [...buildableDevices(loadTargetDevices()).included, ...BANDS].map((d) => deviceCode(d.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it('finds the band a package is missing for, and allows band pages in the device package only as .bin', () => {
    const pkg = (name: string, res: string) => ({
      name,
      platforms: [{ screenType: 'bar', screenResolution: res, cpuPlatform: 'DIALOG' }],
    });
    const zab = (zpks: ReturnType<typeof pkg>[]) =>
      parseZab(
        zipSync({
          'manifest.json': strToU8(JSON.stringify({ zpks })),
          ...Object.fromEntries(zpks.map((z) => [z.name, new Uint8Array([1])])),
        }),
      );
    expect(devicesWithoutPackage(zab([pkg('a.zpk', '194x368')]), BANDS).map((d) => d.name)).toEqual([
      'Xiaomi Mi Band 7',
    ]);
    expect(devicesWithoutPackage(zab([pkg('a.zpk', '194x368'), pkg('b.zpk', '192x490')]), BANDS)).toEqual([]);
    const device = (files: string[]) => [{ name: 'x.zpk/device.zip', kind: 'device' as const, bytes: 1, files }];
    expect(strays(device(['app.bin', 'page/pay/index.page.bin', 'assets/icon.png']))).toEqual([]);
    expect(strays(device(['page/pay/index.page.ts'])).map((s) => s.why)).toEqual(['a TypeScript source']);
  });
});

describe('band strings and API level', () => {
  const sources = tsFiles('band').map((f) => [f, readFileSync(f, 'utf8')] as const);

  it('has every string key the band pages use in en-US, zh-CN and ru-RU', () => {
    const keys = new Set<string>();
    for (const [, text] of sources) {
      for (const m of text.matchAll(/['`]((?:app|home|status|pay|transit|limits|band|pin|paid)\.[A-Za-z.]+)['`]/g))
        keys.add(m[1]!);
    }
    for (const m of ['qr', 'emv', 'barcode']) keys.add(`pay.tapFor.${m}`);
    // The keypad's titles (band/page/pin: `pin.${step}`) and a decline's reasons (lib/wallet/activity.ts declineKey).
    for (const step of ['new', 'repeat', 'unlock']) keys.add(`pin.${step}`);
    for (const reason of DECLINE_REASONS) keys.add(declineKey(reason));
    for (const k of [
      'status.notBound',
      'status.noPhone',
      'status.unbound',
      'status.offline',
      'status.issuerDown',
      'status.synced',
    ])
      keys.add(k);
    expect(keys.size).toBeGreaterThan(15);
    for (const lang of ['en-US', 'zh-CN', 'ru-RU']) {
      const po = read(`page/i18n/${lang}.po`);
      const missing = [...keys].filter((k) => !po.includes(`msgid "${k}"`));
      expect(missing, lang).toEqual([]);
    }
  });

  it('band/ imports no @zos module and page/ calls no 1.0 global: each level its own API', () => {
    for (const [file, text] of sources) expect(text, file).not.toMatch(/from ['"]@zos\//);
    for (const file of tsFiles('page'))
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/\b(hmUI|hmApp|hmFS|hmSetting|hmSensor|hmBle)\./);
  });
});
