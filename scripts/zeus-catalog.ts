// Builds the device catalog zeus-cli and zpm read from ~/.zepp/.zeus_devices, from our own device facts,
// so the build never downloads the vendor's catalog. Shape of an entry: what zpm's and
// zeppos-app-utils' readers destructure (productName, code, deviceSource, value.{code, productId,
// productVersion, shape, chip.manufacturer, screen.{size, previewSize, iconSize}, os.{version, apiLevel}}).
import type { DeviceFacts } from '../reference/devices';

export interface ZeusDevice {
  productName: string;
  code: string;
  deviceSource: number;
  value: {
    code: string;
    productId: number;
    productVersion: number;
    /** zpm's names: 'round', 'square', and 'bar' for a band (its screen-type table: S square, B bar, R round). */
    shape: 'round' | 'square' | 'bar';
    chip: { manufacturer: string };
    screen: { size: string; previewSize: string; iconSize: number };
    os: { version: string; apiLevel: string; apiLevelLimitMin: string };
  };
}

export interface ZeusCatalog {
  devices: ZeusDevice[];
  devices_beta: ZeusDevice[];
  expiredTime: number;
  version: string;
}

/** zeus keys products by the letters of their code: spell digits as letters so "T-Rex 3" and "T-Rex 2" stay apart. */
export function deviceCode(name: string): string {
  const digitNames = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  return name
    .toLowerCase()
    .replace(/[0-9]/g, (d) => digitNames[Number(d)] ?? '')
    .replace(/[^a-z]/g, '');
}

/**
 * Devices whose chipset is unknown are left out: the chipset picks the texture format zpm converts
 * PNG assets to, and a package with the wrong format would show broken images on the watch.
 */
export function buildableDevices(targets: DeviceFacts[]): { included: DeviceFacts[]; skipped: DeviceFacts[] } {
  return {
    included: targets.filter((d) => d.chipset !== null),
    skipped: targets.filter((d) => d.chipset === null),
  };
}

/** What zpm calls a screen shape: a band is a 'bar' (zpm 3.4.1's table {S: 'square', B: 'bar', R: 'round'}). */
export function zpmShape(shape: DeviceFacts['shape']): 'round' | 'square' | 'bar' {
  return shape === 'band' ? 'bar' : shape;
}

export function zeusCatalog(devices: DeviceFacts[], cliVersion: string, now: number): ZeusCatalog {
  const entries: ZeusDevice[] = [];
  for (const d of devices) {
    if (d.chipset === null) throw new Error(`${d.name}: chipset unknown`);
    const code = deviceCode(d.name);
    const api = d.apiLevel.toFixed(1);
    for (const source of d.deviceSources) {
      entries.push({
        productName: d.name,
        code,
        deviceSource: source,
        value: {
          code,
          productId: source >>> 8,
          productVersion: source & 0xff,
          shape: zpmShape(d.shape),
          chip: { manufacturer: d.chipset.toUpperCase() },
          screen: {
            size: `${d.width}*${d.height}`,
            previewSize: `${d.previewW}*${d.previewH}`,
            iconSize: d.iconSize ?? 0,
          },
          os: { version: api, apiLevel: api, apiLevelLimitMin: '1.0.0' },
        },
      });
    }
  }
  // A year ahead: zeus refetches when expiredTime has passed; the build rewrites this file every time anyway.
  return { devices: entries, devices_beta: [], expiredTime: now + 365 * 24 * 3600 * 1000, version: cliVersion };
}
