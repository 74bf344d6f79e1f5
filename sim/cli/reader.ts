// npm run reader -- --operator KEY --line "Line 2" [--issuer URL] [--fare 300] [--id gate-1] [--db FILE]
//                   [--offline] [--scan code.png ...]
// A reference transit gate (server/reader): reads ride codes typed or piped on stdin, one per line,
// or scanned from PNG pictures (--scan, or a line "scan FILE.png") with the simulator's scanner
// (sim/scan: jsQR and zxing-wasm); answers ACCEPT or REFUSE at once, offline; keeps its taps in its
// own SQLite file and uploads them when the issuer answers (at start, every 30 s, on a line
// "upload", and at the end of input). --offline never calls the issuer (the network is cut).
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { Reader, type ReadResult } from '../../server/reader/reader';
import { decodeQr } from '../scan/scanner';

/** The ride code in a picture (a screenshot of the watch), or null. */
export async function scanPng(file: string): Promise<string | null> {
  const png = PNG.sync.read(readFileSync(file));
  const read = await decodeQr({ width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) });
  return read.zxing ?? read.jsqr;
}

export function describeRead(r: ReadResult): string {
  return r.ok ? `ACCEPT tap ${r.tap} (certificate ${r.serial}, step ${r.step})` : `REFUSE ${r.reason}: ${r.message}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      operator: { type: 'string' },
      line: { type: 'string' },
      issuer: { type: 'string', default: process.env.ISSUER_URL ?? 'http://127.0.0.1:8787' },
      fare: { type: 'string', default: '300' },
      id: { type: 'string' },
      db: { type: 'string' },
      offline: { type: 'boolean', default: false },
      scan: { type: 'string', multiple: true, default: [] },
    },
  });
  if (!values.operator || !values.line) {
    console.error(
      'usage: npm run reader -- --operator KEY --line LINE [--issuer URL] [--fare N] [--id ID] [--db FILE] [--offline] [--scan FILE.png]',
    );
    process.exit(2);
  }
  const fare = Number(values.fare);
  if (!Number.isSafeInteger(fare) || fare < 0) throw new Error('--fare: a whole number of minor units');
  const id = values.id ?? `gate-${values.line.replace(/[^\x21-\x7e]/g, '-')}`;
  const reader = new Reader({
    file: values.db ?? `reader-${id}.sqlite`,
    id,
    line: values.line,
    fare,
    issuer: values.issuer,
    operatorKey: values.operator,
  });
  const sync = async (): Promise<void> => {
    if (values.offline) return;
    try {
      await reader.refresh();
      const r = await reader.upload();
      if (r.sent > 0)
        console.log(
          `uploaded ${r.sent}: ${r.charged} charged, ${r.duplicate} duplicate, ${r.unpaid} unpaid, ${r.refused} refused`,
        );
    } catch (e) {
      console.log(`offline (${(e as Error).message}); ${reader.pending()} taps kept`);
    }
  };
  await sync();
  const timer = setInterval(() => void sync(), 30_000);
  const handle = async (text: string): Promise<void> => {
    const line = text.trim();
    if (!line) return;
    if (line === 'upload' || line === 'refresh') return sync();
    if (line.startsWith('scan ')) {
      const code = await scanPng(line.slice(5).trim());
      console.log(
        code === null ? 'REFUSE unreadable: no QR code found in the picture' : describeRead(reader.read(code)),
      );
      return;
    }
    console.log(describeRead(reader.read(line)));
  };
  for (const file of values.scan) await handle(`scan ${file}`);
  if (values.scan.length === 0 || !process.stdin.isTTY) {
    for await (const line of createInterface({ input: process.stdin })) await handle(line);
  }
  clearInterval(timer);
  await sync();
  reader.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  });
}
