// npm run bench:render: how long the headless runtime takes to picture a screen.
// Parts: open (the pay page started in the watch realm, link cut), rgba (renderToImage), png
// (renderScreen), scan (degrade 0.8 + decodeQr). Medians of RUNS runs after one warm-up.
import { cpus } from 'node:os';
import { generateCode } from '../lib/payment/code';
import { WALLET_STORAGE_KEY } from '../lib/wallet/wallet';
import { degrade } from '../sim/scan/degrade';
import { renderScreen, renderToImage } from '../sim/render/render';
import { openPageOffline } from '../sim/render/page';
import { decodeQr } from '../sim/scan/scanner';
import { PREVIEW_NOW, PREVIEW_STATES } from '../sim/cli/preview-states';

const RUNS = 15;
const DEVICE = 'Amazfit GTR 4';

async function median(fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)]!;
}

const qrState = PREVIEW_STATES['page/pay/index.page']?.find((s) => s.name === 'qr');
if (!qrState?.storage) throw new Error('bench: preview-states has no pay/qr state');
const opts = {
  device: DEVICE,
  page: 'page/pay/index.page',
  startMs: PREVIEW_NOW,
  storage: qrState.storage,
  taps: qrState.taps ?? [],
};

const open = await median(async () => (await openPageOffline(opts)).close());
const page = await openPageOffline(opts);
const snap = page.snapshot();
const lease = JSON.parse(qrState.storage[WALLET_STORAGE_KEY]!).lease;
const expected = generateCode(lease, page.clock.now());
await page.close();
const rgba = await median(() => renderToImage(snap));
const png = await median(() => renderScreen(snap));
const image = renderToImage(snap);
const read = await decodeQr(degrade(image, 0.8, 0.7));
if (read.jsqr !== expected || read.zxing !== expected)
  throw new Error(`bench: the pay page QR did not scan: ${JSON.stringify(read)}`);
const scan = await median(async () => decodeQr(degrade(image, 0.8, 0.7)));

console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
console.log(
  `pay page (QR) on ${DEVICE} ${snap.width}x${snap.height}, ${snap.widgets.length} widgets; median of ${RUNS} runs, ms:`,
);
console.log(`  open page in watch realm + tap + close: ${open.toFixed(1)}`);
console.log(`  renderToImage: ${rgba.toFixed(1)}`);
console.log(`  renderScreen (PNG): ${png.toFixed(1)}`);
console.log(`  degrade 0.8 + decodeQr (jsQR + zxing-wasm): ${scan.toFixed(1)}`);
