// Device facts (reference/zepp-devices.tsv) as typed records: the one home the build, sim/ and the tests read.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsvRows } from './tsv';

export type ScreenShape = 'round' | 'square' | 'band';

export interface DeviceFacts {
  name: string;
  deviceSources: number[];
  shape: ScreenShape;
  width: number;
  height: number;
  screenRadius: number;
  chipset: string | null; // null where the source did not know it ('?')
  apiLevel: number; // e.g. 3.6
  iconSize: number | null;
  previewW: number;
  previewH: number;
}

const COLUMNS = [
  'name',
  'deviceSources',
  'shape',
  'width',
  'height',
  'screenRadius',
  'chipset',
  'apiLevel',
  'iconSize',
  'previewW',
  'previewH',
] as const;

function whole(text: string, what: string, line: number): number {
  if (!/^\d+$/.test(text))
    throw new Error(`devices line ${line}: ${what} is not a whole number: ${JSON.stringify(text)}`);
  return Number(text);
}

/** Parses the TSV; '#' lines are comments, the first other line is the header. Throws on a malformed row. */
export function parseDevices(tsv: string): DeviceFacts[] {
  const rows = tsvRows(tsv, COLUMNS, 'devices');
  return rows.map(({ fields: f, line }) => {
    const [name, sources, shape, width, height, radius, chipset, api, icon, pw, ph] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (shape !== 'round' && shape !== 'square' && shape !== 'band')
      throw new Error(`devices line ${line}: unknown shape ${shape}`);
    if (!/^\d+(\.\d+)?$/.test(api)) throw new Error(`devices line ${line}: bad API level ${api}`);
    return {
      name,
      deviceSources: sources.split(',').map((s) => whole(s, 'deviceSource', line)),
      shape,
      width: whole(width, 'width', line),
      height: whole(height, 'height', line),
      screenRadius: whole(radius, 'screenRadius', line),
      chipset: chipset === '?' ? null : chipset,
      apiLevel: Number(api),
      iconSize: icon === '?' ? null : whole(icon, 'iconSize', line),
      previewW: whole(pw, 'previewW', line),
      previewH: whole(ph, 'previewH', line),
    };
  });
}

/** The devices this app builds for: round and square screens of API level 3.0 and up. */
export function targetDevices(all: DeviceFacts[]): DeviceFacts[] {
  return all.filter((d) => d.shape !== 'band' && d.apiLevel >= 3);
}

/** The bands this app builds for (band/app.json): band screens of API level 1.0 and up. */
export function bandDevices(all: DeviceFacts[]): DeviceFacts[] {
  return all.filter((d) => d.shape === 'band' && d.apiLevel >= 1);
}

export const DEVICES_TSV = fileURLToPath(new URL('./zepp-devices.tsv', import.meta.url));

export function loadDevices(): DeviceFacts[] {
  return parseDevices(readFileSync(DEVICES_TSV, 'utf8'));
}

export function loadTargetDevices(): DeviceFacts[] {
  return targetDevices(loadDevices());
}

export function loadBandDevices(): DeviceFacts[] {
  return bandDevices(loadDevices());
}
