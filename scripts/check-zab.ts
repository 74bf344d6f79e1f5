// CI check: dist/ holds the watches' .zab (round and square screens, API 3.0+) and the bands' -band.zab
// (Amazfit Band 7, Xiaomi Mi Band 7, API 1.0; scripts/build.ts says why two), each with a package for every
// device it is built for and nothing but what the watch and the phone load (scripts/zab.ts, strays); prints
// the size of each package.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBandDevices, loadTargetDevices, type DeviceFacts } from '../reference/devices';
import { buildableDevices } from './zeus-catalog';
import { devicesWithoutPackage, parseZab, strays, zabParts } from './zab';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const all = readdirSync(dist).filter((f) => f.endsWith('.zab'));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10);

/** Checks one .zab against the devices it must serve and the screen types it must hold; true when it passes. */
function check(file: string, devices: DeviceFacts[], shapes: string[]): boolean {
  const bytes = readFileSync(join(dist, file));
  const zab = parseZab(bytes);
  const parts = zabParts(bytes);
  const sizeOf = (name: string) => parts.find((p) => p.name === name)?.bytes ?? 0;
  const filesOf = (name: string) => parts.find((p) => p.name === name)?.files.length ?? 0;
  console.log(`${file}: ${kb(bytes.length)}`);
  const ip = parts.find((p) => p.kind === 'ip-package');
  if (ip) console.log(`  .ip-package ${kb(ip.bytes)}  ${ip.files.length} files`);
  for (const z of zab.zpks) {
    const line = `${z.screenType.padEnd(6)} ${z.screenResolution.padEnd(8)} ${z.cpuPlatform.padEnd(7)}`;
    const inner = `device.zip ${kb(sizeOf(`${z.name}/device.zip`))} (${filesOf(`${z.name}/device.zip`)} files), app-side.zip ${kb(sizeOf(`${z.name}/app-side.zip`))}`;
    console.log(`  ${line} ${z.name} ${kb(sizeOf(z.name))}  ${inner}`);
  }
  const held = new Set(zab.zpks.map((z) => z.screenType));
  const missing = devicesWithoutPackage(zab, devices);
  const stray = strays(parts);
  for (const s of stray.slice(0, 40)) console.error(`  stray: ${s.part}: ${s.file} (${s.why})`);
  if (stray.length > 40) console.error(`  ... and ${stray.length - 40} more strays`);
  if (!shapes.every((s) => held.has(s)) || missing.length > 0 || stray.length > 0) {
    console.error(
      `check-zab: ${file} FAILED. screen types: ${[...held].join(', ') || 'none'} (needs ${shapes.join(', ')}); ` +
        `devices without a package: ${missing.map((d) => d.name).join(', ') || 'none'}; ` +
        `files the watch and phone do not load: ${stray.length}`,
    );
    return false;
  }
  console.log(
    `check-zab: ${file} holds ${zab.zpks.length} packages (${[...held].join(', ')}); every target device has one; no stray files`,
  );
  return true;
}

const watches = all.filter((f) => !f.endsWith('-band.zab'));
const bands = all.filter((f) => f.endsWith('-band.zab'));
if (watches.length !== 1 || bands.length !== 1) {
  console.error(`check-zab: expected one dist/*.zab and one dist/*-band.zab, found ${all.join(', ') || 'none'}`);
  process.exit(1);
}
const ok = [
  check(watches[0]!, buildableDevices(loadTargetDevices()).included, ['round', 'square']),
  // zpm calls a band screen a 'bar' (scripts/zeus-catalog.ts zpmShape).
  check(bands[0]!, loadBandDevices(), ['bar']),
];
if (!ok.every(Boolean)) process.exit(1);
