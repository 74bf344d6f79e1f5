import { readFileSync, readdirSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { zabParts } from '/work/wt-band-app/scripts/zab';
const dir = process.argv[2]!;
const f = readdirSync(dir).find((n) => n.endsWith('.zab'))!;
const b = readFileSync(`${dir}/${f}`);
const top = unzipSync(b);
console.log(strFromU8(top['manifest.json']!));
for (const p of zabParts(b)) console.log(p.name, p.kind, p.bytes, p.kind === 'ip-package' ? p.files.length : p.files.join(' '));
for (const [n, d] of Object.entries(top)) if (n.endsWith('.zpk')) { const inner = unzipSync(d); const dev = unzipSync(inner['device.zip']!); console.log(n, 'app.json:', strFromU8(dev['app.json']!).slice(0, 1500)); break; }
