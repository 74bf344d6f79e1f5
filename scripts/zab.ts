// Reads a .zab (a zip: manifest.json lists one .zpk per screen type, resolution and chip)
// and checks it against the devices we build for.
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import type { DeviceFacts } from '../reference/devices';

export interface ZpkEntry {
  name: string;
  screenType: string; // 'round' | 'square'
  screenResolution: string; // '480x480'
  cpuPlatform: string; // 'NXP', 'APOLLO', 'ZPS', ...
}

export interface ZabContents {
  zpks: ZpkEntry[];
  files: string[];
}

export function parseZab(bytes: Uint8Array): ZabContents {
  const files = unzipSync(bytes);
  const manifestBytes = files['manifest.json'];
  if (!manifestBytes) throw new Error('the .zab has no manifest.json');
  const manifest = JSON.parse(strFromU8(manifestBytes)) as { zpks?: Array<{ name: string; platforms?: Array<Omit<ZpkEntry, 'name'>> }> };
  const zpks: ZpkEntry[] = [];
  for (const zpk of manifest.zpks ?? []) {
    if (!files[zpk.name]) throw new Error(`manifest.json lists ${zpk.name}, which is not in the .zab`);
    for (const p of zpk.platforms ?? []) zpks.push({ name: zpk.name, ...p });
  }
  return { zpks, files: Object.keys(files) };
}

export function readZab(path: string): ZabContents {
  return parseZab(readFileSync(path));
}

/** zpm names MHS chips ZPS in its manifest. */
function manifestChip(chipset: string): string {
  return chipset.toUpperCase().replace('MHS', 'ZPS');
}

/** The devices of `devices` that no package of the .zab serves. */
export function devicesWithoutPackage(zab: ZabContents, devices: DeviceFacts[]): DeviceFacts[] {
  return devices.filter(
    (d) =>
      !zab.zpks.some(
        (z) =>
          z.screenType === d.shape &&
          z.screenResolution === `${d.width}x${d.height}` &&
          (d.chipset === null || z.cpuPlatform === manifestChip(d.chipset)),
      ),
  );
}
