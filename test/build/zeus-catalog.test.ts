import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { loadTargetDevices } from '../../reference/devices';
import { buildableDevices, deviceCode, zeusCatalog } from '../../scripts/zeus-catalog';
import { devicesWithoutPackage, parseZab } from '../../scripts/zab';

describe('offline zeus device catalog', () => {
  const { included, skipped } = buildableDevices(loadTargetDevices());

  it('has one entry per deviceSource of every buildable target, in the shape zpm reads', () => {
    const catalog = zeusCatalog(included, '1.9.1', 1_000);
    expect(catalog.version).toBe('1.9.1');
    expect(catalog.expiredTime).toBeGreaterThan(1_000 + 300 * 24 * 3600 * 1000);
    expect(catalog.devices).toHaveLength(included.reduce((n, d) => n + d.deviceSources.length, 0));
    const gtr4 = catalog.devices.find((d) => d.deviceSource === 7930112);
    expect(gtr4).toMatchObject({
      productName: 'Amazfit GTR 4',
      value: { shape: 'round', chip: { manufacturer: 'NXP' }, screen: { size: '466*466' }, os: { apiLevel: '3.6' } },
    });
  });

  it('leaves out devices whose chipset is unknown, and only those', () => {
    expect(skipped.map((d) => d.name)).toContain('Amazfit Balance 3');
    expect(skipped.every((d) => d.chipset === null)).toBe(true);
    expect(included.every((d) => d.chipset !== null)).toBe(true);
  });

  it('gives every product a code whose letters are unique (zeus keys products by them)', () => {
    const keys = included.map((d) => deviceCode(d.name));
    expect(new Set(keys).size).toBe(keys.length);
    expect(deviceCode('Amazfit T-Rex 3 Pro (44mm)')).not.toBe(deviceCode('Amazfit T-Rex 3 Pro (48mm)'));
  });
});

describe('.zab manifest check', () => {
  const zab = (zpks: object[], extra: Record<string, Uint8Array> = {}) =>
    zipSync({ 'manifest.json': strToU8(JSON.stringify({ zpks })), ...extra });
  const pkg = (name: string, screenType: string, screenResolution: string, cpuPlatform: string) => ({
    name,
    platforms: [{ screenType, screenResolution, cpuPlatform }],
  });

  it('finds the device a package is missing for', () => {
    const devices = loadTargetDevices().filter((d) => d.name === 'Amazfit Balance' || d.name === 'Amazfit Bip 6');
    const onlyRound = parseZab(zab([pkg('a.zpk', 'round', '480x480', 'NXP')], { 'a.zpk': new Uint8Array([1]) }));
    expect(devicesWithoutPackage(onlyRound, devices).map((d) => d.name)).toEqual(['Amazfit Bip 6']);
    const both = parseZab(
      zab([pkg('a.zpk', 'round', '480x480', 'NXP'), pkg('b.zpk', 'square', '390x450', 'ZPS')], {
        'a.zpk': new Uint8Array([1]),
        'b.zpk': new Uint8Array([2]),
      }),
    );
    expect(devicesWithoutPackage(both, devices)).toEqual([]);
  });

  it('rejects a manifest that names a package the archive lacks, or no manifest', () => {
    expect(() => parseZab(zab([pkg('gone.zpk', 'round', '480x480', 'NXP')]))).toThrow(/gone.zpk/);
    expect(() => parseZab(zipSync({ 'x.txt': strToU8('x') }))).toThrow(/manifest/);
  });
});
