import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { strays, zabParts } from '../../scripts/zab';

/** A .zab as zpm lays it out: manifest, .ip-package, and a .zpk holding device.zip and app-side.zip. */
function fakeZab(extra: { ip?: string[]; device?: string[]; appSide?: string[]; top?: string[] } = {}): Uint8Array {
  const zip = (names: string[]) => zipSync(Object.fromEntries(names.map((n) => [n, strToU8(n)])));
  const ip = [
    'app.json',
    'app.js',
    'page/home/index.page.js',
    'app-widget/index.js',
    'app-widget/index.r.layout.js',
    'page/i18n/en-US.po',
    'lib/wallet/wallet.js',
    'app-side/index.js',
    'setting/index.js',
    'assets/common.r/icon.png',
    ...(extra.ip ?? []),
  ];
  const device = [
    'app.json',
    'app.bin',
    'page/home/index.page.bin',
    'app-widget/index.bin',
    'assets/icon.png',
    'assets/raw/locale/en-US.btxt',
    ...(extra.device ?? []),
  ];
  const appSide = ['app.json', 'app-side.js', 'setting.js', ...(extra.appSide ?? [])];
  const zpk = zipSync({ 'device.zip': zip(device), 'app-side.zip': zip(appSide) });
  return zipSync({
    'manifest.json': strToU8('{"zpks":[{"name":"abc123.zpk","platforms":[]}]}'),
    'abc123.zpk': zpk,
    '.ip-package': zip(ip),
    ...Object.fromEntries((extra.top ?? []).map((n) => [n, strToU8(n)])),
  });
}

describe('.zab contents check', () => {
  it('passes a package holding only what the watch and the phone load, and sizes every part', () => {
    const parts = zabParts(fakeZab());
    expect(strays(parts)).toEqual([]);
    expect(parts.map((p) => p.name).sort()).toEqual([
      '(zab)',
      '.ip-package',
      'abc123.zpk',
      'abc123.zpk/app-side.zip',
      'abc123.zpk/device.zip',
    ]);
    expect(parts.every((p) => p.bytes > 0)).toBe(true);
  });

  it('fails on a stray file in the .ip-package, saying which and why', () => {
    const found = strays(
      zabParts(
        fakeZab({
          ip: [
            'server/main.ts',
            'demo/x.png',
            'preview/home.png',
            'lib/wallet/wallet.ts',
            'node_modules/x/index.js',
            'README.md',
            '.git/HEAD',
          ],
        }),
      ),
    );
    expect(found.map((s) => s.file).sort()).toEqual([
      '.git/HEAD',
      'README.md',
      'demo/x.png',
      'lib/wallet/wallet.ts',
      'node_modules/x/index.js',
      'preview/home.png',
      'server/main.ts',
    ]);
    expect(found.every((s) => s.part === '.ip-package')).toBe(true);
    expect(found.find((s) => s.file === 'lib/wallet/wallet.ts')?.why).toMatch(/TypeScript/);
  });

  it('fails on an unknown file, not only on the named folders', () => {
    expect(strays(zabParts(fakeZab({ ip: ['notes.txt'] })))).toEqual([
      { part: '.ip-package', file: 'notes.txt', why: expect.stringMatching(/not something/) },
    ]);
  });

  it('fails on a stray inside a device or phone package, or beside the packages', () => {
    const found = strays(
      zabParts(fakeZab({ device: ['page/home/index.page.ts'], appSide: ['test/x.js'], top: ['bench.json'] })),
    );
    expect(found.map((s) => `${s.part}: ${s.file}`).sort()).toEqual([
      '(zab): bench.json',
      'abc123.zpk/app-side.zip: test/x.js',
      'abc123.zpk/device.zip: page/home/index.page.ts',
    ]);
  });
});
