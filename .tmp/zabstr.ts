import { readFileSync, readdirSync } from 'node:fs';
import { unzipSync } from 'fflate';
const dir = process.argv[2]!;
const f = readdirSync(dir).find((n) => n.endsWith('.zab'))!;
const top = unzipSync(readFileSync(`${dir}/${f}`));
for (const [n, d] of Object.entries(top)) if (n.endsWith('.zpk')) {
  const dev = unzipSync(unzipSync(d)['device.zip']!);
  for (const [p, b] of Object.entries(dev)) if (p.endsWith('.bin')) {
    const s = Buffer.from(b).toString('latin1');
    console.log(p, b.length, ['Transit cards', 'gettext', 'Проезд', 'hmBle', 'setTimeout', '@zos', 'i18n'].map((k) => `${k}:${s.includes(k) || Buffer.from(b).includes(Buffer.from(k))}`).join(' '));
  }
  break;
}
