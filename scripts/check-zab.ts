// CI check: dist/*.zab holds packages for round and square screens, one for every device we build for,
// and nothing but what the watch and the phone load (scripts/zab.ts, strays); prints the size of each package.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTargetDevices } from '../reference/devices';
import { buildableDevices } from './zeus-catalog';
import { devicesWithoutPackage, parseZab, strays, zabParts } from './zab';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const zabs = readdirSync(dist).filter((f) => f.endsWith('.zab'));
if (zabs.length !== 1) {
  console.error(`check-zab: expected one dist/*.zab, found ${zabs.length}`);
  process.exit(1);
}
const bytes = readFileSync(join(dist, zabs[0]!));
const zab = parseZab(bytes);
const parts = zabParts(bytes);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const sizeOf = (name: string) => parts.find((p) => p.name === name)?.bytes ?? 0;
const filesOf = (name: string) => parts.find((p) => p.name === name)?.files.length ?? 0;

console.log(`${zabs[0]}: ${kb(bytes.length)}`);
const ip = parts.find((p) => p.kind === 'ip-package');
if (ip) console.log(`  .ip-package ${kb(ip.bytes)}  ${ip.files.length} files`);
for (const z of zab.zpks) {
  const line = `${z.screenType.padEnd(6)} ${z.screenResolution.padEnd(8)} ${z.cpuPlatform.padEnd(7)}`;
  const inner = `device.zip ${kb(sizeOf(`${z.name}/device.zip`))} (${filesOf(`${z.name}/device.zip`)} files), app-side.zip ${kb(sizeOf(`${z.name}/app-side.zip`))}`;
  console.log(`  ${line} ${z.name} ${kb(sizeOf(z.name))}  ${inner}`);
}

const shapes = new Set(zab.zpks.map((z) => z.screenType));
const missing = devicesWithoutPackage(zab, buildableDevices(loadTargetDevices()).included);
const stray = strays(parts);
for (const s of stray.slice(0, 40)) console.error(`  stray: ${s.part}: ${s.file} (${s.why})`);
if (stray.length > 40) console.error(`  ... and ${stray.length - 40} more strays`);
if (!shapes.has('round') || !shapes.has('square') || missing.length > 0 || stray.length > 0) {
  console.error(
    `check-zab: FAILED. shapes: ${[...shapes].join(', ') || 'none'}; devices without a package: ${missing.map((d) => d.name).join(', ') || 'none'}; ` +
      `files the watch and phone do not load: ${stray.length}`,
  );
  process.exit(1);
}
console.log(
  `check-zab: ${zabs[0]} holds ${zab.zpks.length} packages for round and square screens; every target device has one; no stray files`,
);
