// CI check: dist/*.zab holds packages for round and square screens, one for every device we build for.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTargetDevices } from '../reference/devices';
import { buildableDevices } from './zeus-catalog';
import { devicesWithoutPackage, readZab } from './zab';

const dist = fileURLToPath(new URL('../dist', import.meta.url));
const zabs = readdirSync(dist).filter((f) => f.endsWith('.zab'));
if (zabs.length !== 1) {
  console.error(`check-zab: expected one dist/*.zab, found ${zabs.length}`);
  process.exit(1);
}
const zab = readZab(join(dist, zabs[0]!));
const shapes = new Set(zab.zpks.map((z) => z.screenType));
const missing = devicesWithoutPackage(zab, buildableDevices(loadTargetDevices()).included);
for (const z of zab.zpks) console.log(`  ${z.screenType.padEnd(6)} ${z.screenResolution.padEnd(8)} ${z.cpuPlatform.padEnd(7)} ${z.name}`);
if (!shapes.has('round') || !shapes.has('square') || missing.length > 0) {
  console.error(`check-zab: FAILED. shapes: ${[...shapes].join(', ') || 'none'}; devices without a package: ${missing.map((d) => d.name).join(', ') || 'none'}`);
  process.exit(1);
}
console.log(`check-zab: ${zabs[0]} holds ${zab.zpks.length} packages for round and square screens; every target device has one`);
