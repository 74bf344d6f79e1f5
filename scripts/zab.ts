// Reads a .zab (a zip: manifest.json lists one .zpk per screen type, resolution and chip)
// and checks it against the devices we build for.
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import type { DeviceFacts } from '../reference/devices';
import { zpmShape } from './zeus-catalog';

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
  const manifest = JSON.parse(strFromU8(manifestBytes)) as {
    zpks?: Array<{ name: string; platforms?: Array<Omit<ZpkEntry, 'name'>> }>;
  };
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
          z.screenType === zpmShape(d.shape) &&
          z.screenResolution === `${d.width}x${d.height}` &&
          (d.chipset === null || z.cpuPlatform === manifestChip(d.chipset)),
      ),
  );
}

// ---------------------------------------------------------------------------------------------------------
// What the .zab carries. A .zab holds manifest.json, one .zpk per package and (in production builds) the
// `.ip-package`, zpm's "intermediate product": a zip of the folder zeus was run in. Each .zpk holds device.zip
// (what the watch loads: app.json, app.bin, page/**.bin, assets/**) and app-side.zip (what the phone loads:
// app.json, app-side.js, setting.js). Every file in any of them must match the rule below; anything else
// (a .ts source, server/, test/, demo/, ...) is a stray.

/** One archive inside the .zab, with the paths it holds and its size in bytes as stored in the .zab. */
export interface ZabPart {
  /** '(zab)' for the .zab itself, '.ip-package', 'x.zpk', 'x.zpk/device.zip', 'x.zpk/app-side.zip' */
  name: string;
  kind: 'zab' | 'manifest' | 'ip-package' | 'zpk' | 'device' | 'app-side' | 'other';
  bytes: number;
  files: string[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const isZip = (b: Uint8Array | undefined) => !!b && b.length >= 4 && ZIP_MAGIC.every((m, i) => b[i] === m);

function partKind(name: string): ZabPart['kind'] {
  if (name === 'manifest.json') return 'manifest';
  if (name === '.ip-package') return 'ip-package';
  if (name.endsWith('.zpk')) return 'zpk';
  if (name.endsWith('/device.zip')) return 'device';
  if (name.endsWith('/app-side.zip')) return 'app-side';
  return 'other';
}

/** Every archive in the .zab, nested ones (device.zip, app-side.zip inside a .zpk) included. */
export function zabParts(bytes: Uint8Array): ZabPart[] {
  const top = unzipSync(bytes);
  const parts: ZabPart[] = [{ name: '(zab)', kind: 'zab', bytes: bytes.length, files: Object.keys(top) }];
  for (const [name, data] of Object.entries(top)) {
    const kind = partKind(name);
    if (kind === 'manifest') continue;
    const files = isZip(data) ? Object.keys(unzipSync(data)) : [];
    parts.push({ name, kind, bytes: data.length, files });
    if (kind !== 'zpk' || !isZip(data)) continue;
    for (const [inner, innerData] of Object.entries(unzipSync(data))) {
      const innerName = `${name}/${inner}`;
      parts.push({
        name: innerName,
        kind: partKind(innerName),
        bytes: innerData.length,
        files: isZip(innerData) ? Object.keys(unzipSync(innerData)) : [],
      });
    }
  }
  return parts;
}

/** Folders and files that belong to the repository, never to the watch or the phone; named so a stray says why. */
const NEVER: Array<[RegExp, string]> = [
  [/\.(ts|mts|cts|tsx)$/, 'a TypeScript source'],
  [/(^|\/)\.git(\/|$)/, 'git metadata'],
  [
    /^(server|test|sim|bench|scripts|docs|reference|types|demo|preview|coverage|dist|\.data|\.zeus-home|\.zeus-stage)\//,
    'a repository folder',
  ],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/^(package(-lock)?\.json|tsconfig\.json|vitest\.config\.\w+|[^/]*\.md)$/, 'a repository file'],
];

/** What each kind of archive may hold: only what the watch and the phone load. */
const ALLOWED: Record<ZabPart['kind'], RegExp[]> = {
  zab: [/^manifest\.json$/, /^[0-9a-zA-Z_-]+\.zpk$/, /^\.ip-package$/],
  manifest: [],
  other: [],
  'ip-package': [
    /^app\.json$/,
    /^app\.js$/,
    /^(page|app-side|app-widget|setting|lib)\/.+\.js$/,
    /^(page|app-side|setting)\/i18n\/[A-Za-z-]+\.po$/,
    /^assets\/.+\.(png|jpg|jpeg|bmp|svg|json|txt)$/,
  ],
  zpk: [/^device\.zip$/, /^app-side\.zip$/],
  // app-widget/: the shortcut card (app.json module app-widget), compiled like a page.
  device: [/^app\.json$/, /^app\.bin$/, /^page\/.+\.bin$/, /^app-widget\/.+\.bin$/, /^assets\/.+$/],
  'app-side': [/^app\.json$/, /^app-side\.js$/, /^setting\.js$/],
};

export interface Stray {
  part: string;
  file: string;
  why: string;
}

/** Files of the .zab the watch and the phone do not load: an empty list means the package is clean. */
export function strays(parts: ZabPart[]): Stray[] {
  const found: Stray[] = [];
  for (const part of parts) {
    for (const file of part.files) {
      const never = NEVER.find(([re]) => re.test(file));
      if (never) found.push({ part: part.name, file, why: never[1] });
      // zip folder entries ('page/'): only the NEVER list applies, the files inside meet the allow-list.
      else if (!file.endsWith('/') && !ALLOWED[part.kind].some((re) => re.test(file)))
        found.push({ part: part.name, file, why: 'not something the watch or the phone loads' });
    }
  }
  return found;
}
