// Engine bench: `npm run bench:engine`. Not a test: prints figures for BENCHMARKS.md.
// The real pay page (app.ts + page bundle, ZML inside, as the watch realm bundles them) runs in
// QuickJS (quickjs-emscripten, the watch's engine family) on the thin @zos stubs of
// sim/kernel/quickjs-page.ts; one frame is the page's render(): load the wallet from storage, make the
// code, encode it, lay it out, delete the last frame's widgets and create the new ones (the stubs only
// record the calls). Per mode (barcode, QR, EMV QR) and device: median over RUNS runs of ITER frames,
// timed on the host around one evalCode per run (performance.now; the time is fixed, so every frame
// draws the same code).
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { loadDevices } from '../reference/devices';
import { EMPTY_WALLET, WALLET_STORAGE_KEY, applySync } from '../lib/wallet/wallet';
import { lease, lockEntry, sync, T0 } from '../sim/fixtures/wallet';
import { openPageInQuickJS } from '../sim/kernel/quickjs-page';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ITER = Number(process.env.BENCH_ITER ?? 20);
const DEVICES = ['Amazfit Balance', 'Amazfit Bip 5 Unity'];
const MODES = ['barcode', 'qr', 'emv'] as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

console.log(`# Pay page render() in QuickJS: ${RUNS} runs x ${ITER} frames, ms per frame`);
console.log(
  `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${new Date().toISOString().slice(0, 10)}`,
);
const wallet = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
for (const name of DEVICES) {
  const device = loadDevices().find((d) => d.name === name);
  if (!device) throw new Error(`no device ${name}`);
  const page = await openPageInQuickJS({
    device,
    page: 'page/pay/index.page',
    now: T0,
    appDir: ROOT,
    storage: new Map([[WALLET_STORAGE_KEY, JSON.stringify(wallet)], lockEntry(T0)]),
  });
  try {
    for (const mode of MODES) {
      page.evalJson(`(__page.state.mode = ${JSON.stringify(mode)}, __page.render(), __calls.length = 0)`); // warm-up frame
      const runs: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        page.evalJson(`(() => { for (let i = 0; i < ${ITER}; i++) __page.render(); return 0; })()`);
        runs.push((performance.now() - t0) / ITER);
        page.evalJson('(__calls.length = 0)');
      }
      const widgets = page.evalJson<number>(
        `(__calls.length = 0, __page.render(), __calls.filter((c) => c.call === 'createWidget').length)`,
      );
      console.log(
        `${name} (${device.width}x${device.height} ${device.shape}) ${mode}: median ${median(runs).toFixed(2)} ms/frame, min ${Math.min(...runs).toFixed(2)}, ${widgets} widgets (runs: ${runs.map((x) => x.toFixed(2)).join(', ')})`,
      );
    }
  } finally {
    page.dispose();
  }
}
