// Ride-code benchmark: `npm run bench:ride`. Not a test: prints figures for BENCHMARKS.md.
//  1. Bundle size of the ride page's code path (lib/ride + QR + layout, @noble/curves P-256).
//  2. Making a ride code in QuickJS (quickjs-emscripten): the first code of a page (fixed-base
//     tables built) and each later step's code; the whole frame (code + QR + rectangles). Median, p95.
//  3. QR version and pixels per module of the ride page on every target device.
//  4. A reader verifying a code in Node (lib/ride/verify: recovery + certificate): median µs.
//  6. (part "band") The band's ride page (band/, API 1.0) in QuickJS: the first frame and a frame each step
//     (code + QR + ~490 FILL_RECT widgets through hm* stubs), beside the watch's frame on the same run.
//  5. Uploading 10,000 stored taps from a reader's SQLite file to an issuer on loopback (SQLite
//     store): seconds, and the issuer's rate (taps/s).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { getQuickJS } from 'quickjs-emscripten';
import { encodeQr } from '../lib/codes/qr';
import { makeRideCode } from '../lib/ride/code';
import { RIDE_STEP_SECONDS } from '../lib/ride/format';
import { verifyRideCode } from '../lib/ride/verify';
import { applySync, EMPTY_WALLET, WALLET_STORAGE_KEY } from '../lib/wallet/wallet';
import { openPageOffline } from '../sim/render/page';
import { loadTargetDevices } from '../reference/devices';
import { Reader } from '../server/reader/reader';
import { seedWorld, startLocalIssuer } from '../server/world';
import { sync } from '../sim/fixtures/wallet';
import { CARD_A, ISSUER_KEYS, NOW, rideLease } from '../sim/fixtures/ride';
import { bandRidePageFrames } from './ride-page.band';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QJS_ITER = Number(process.env.BENCH_QJS_ITER ?? 30);
const VERIFY_ITER = Number(process.env.BENCH_VERIFY_ITER ?? 200);
const TAPS = Number(process.env.BENCH_TAPS ?? 10_000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const ms = (x: number) => x.toFixed(1);

async function bundle(minify: boolean): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, 'bench/ride-code.watch.ts')],
    bundle: true,
    minify,
    format: 'iife',
    globalName: 'R',
    target: 'es2020',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

async function quickjs(): Promise<void> {
  const code = await bundle(true);
  console.log(`bundle (ride code + QR + layout, minified): ${code.length} bytes`);
  const lease = rideLease(1);
  const L = JSON.stringify(lease);
  const firsts: number[] = [];
  const steps: number[] = [];
  const frames: number[] = [];
  for (let run = 0; run < 5; run++) {
    const vm = (await getQuickJS()).newContext();
    try {
      vm.unwrapResult(vm.evalCode(code)).dispose();
      vm.unwrapResult(vm.evalCode('R.useSmallTables()')).dispose();
      const time = (expr: string): number => {
        const t = performance.now();
        vm.unwrapResult(vm.evalCode(expr)).dispose();
        return performance.now() - t;
      };
      firsts.push(time(`R.codeOnly(${L}, ${JSON.stringify(CARD_A)}, ${NOW})`));
      for (let i = 1; i <= QJS_ITER / 5; i++) {
        steps.push(time(`R.codeOnly(${L}, ${JSON.stringify(CARD_A)}, ${NOW + i * 30_000})`));
        frames.push(time(`R.frame(${L}, ${JSON.stringify(CARD_A)}, ${NOW + i * 30_000 + 7})`));
      }
    } finally {
      vm.dispose();
    }
  }
  console.log(
    `QuickJS, first code of a page (4-bit tables built): median ${ms(median(firsts))} ms, p95 ${ms(p95(firsts))} ms`,
  );
  console.log(
    `QuickJS, a ride code each step: median ${ms(median(steps))} ms, p95 ${ms(p95(steps))} ms (n=${steps.length})`,
  );
  console.log(`QuickJS, code + QR + rectangles each step: median ${ms(median(frames))} ms, p95 ${ms(p95(frames))} ms`);
}

/** The real ride page on each target device (headless runtime): its code's canvas is 57 modules wide. */
async function devices(): Promise<void> {
  const lease = rideLease(1);
  const wallet = applySync(EMPTY_WALLET, sync({ lease, now: NOW, asOf: NOW }), NOW);
  const qr = encodeQr(makeRideCode(lease, CARD_A, NOW).text, 'numeric');
  const side = qr.size + 8;
  console.log(`QR: version ${qr.version} (${qr.size} modules, ${side} with the quiet zone), level M, numeric mode`);
  for (const d of loadTargetDevices()) {
    const page = await openPageOffline({
      device: d.name,
      page: 'page/ride/index.page',
      startMs: NOW,
      storage: { [WALLET_STORAGE_KEY]: JSON.stringify(wallet) },
    });
    try {
      const canvas = page.snapshot().widgets.find((w) => w.type === 'CANVAS');
      const w = Number(canvas?.props.w);
      console.log(`${d.name} (${d.shape} ${d.width}x${d.height}): ${w / side} px/module`);
    } finally {
      await page.close();
    }
  }
}

function verify(): void {
  const lease = rideLease(1);
  const codes = Array.from({ length: VERIFY_ITER }, (_, i) => makeRideCode(lease, CARD_A, NOW + i * 30_000).text);
  for (let i = 0; i < 20; i++) verifyRideCode(codes[i]!, { keys: ISSUER_KEYS, nowMs: NOW + i * 30_000 });
  const us: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    const t = performance.now();
    const v = verifyRideCode(codes[i]!, { keys: ISSUER_KEYS, nowMs: NOW + i * 30_000 });
    us.push((performance.now() - t) * 1000);
    if (!v.ok) throw new Error(v.message);
  }
  console.log(
    `reader verify (Node, noble P-256): median ${median(us).toFixed(0)} µs, p95 ${p95(us).toFixed(0)} µs (n=${us.length})`,
  );
}

async function upload(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ride-'));
  let clock = Date.now();
  const issuer = await startLocalIssuer({
    tmpPrefix: 'bench-ride-issuer-',
    now: () => clock,
    config: { rateLimits: { other: { max: 1e9, windowMs: 60_000 }, bind: { max: 1e9, windowMs: 60_000 } } },
  });
  try {
    // Riders: each binds, gets a lease with a certificate for its card; taps spread over their steps.
    const riders = 20;
    const leases: Array<{ lease: ReturnType<typeof rideLease>; card: string; operatorKey: string }> = [];
    for (let i = 0; i < riders; i++) {
      const w = await seedWorld(issuer.ctx, { card: { name: 'Metro', balance: 100_000_000 } });
      const bind = await fetch(`${issuer.url}/v1/devices/bind`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bindingCode: w.bindingCode, deviceName: 'bench' }),
      });
      const body = (await bind.json()) as { lease: ReturnType<typeof rideLease> };
      leases.push({ lease: body.lease, card: w.cardId!, operatorKey: w.operatorKey });
    }
    const operatorKey = leases[0]!.operatorKey;
    const file = join(dir, 'reader.sqlite');
    const reader = new Reader({
      file,
      id: 'bench-gate',
      line: 'Line 1',
      fare: 200,
      issuer: issuer.url,
      operatorKey,
      now: () => clock,
    });
    await reader.refresh();
    // The taps go straight into the reader's file (the bench times the upload, not the gate).
    const ins = reader.db.prepare('INSERT INTO taps (code, serial, step, at, fare, line) VALUES (?, ?, ?, ?, ?, ?)');
    const t0 = performance.now();
    const start = clock;
    const fill = reader.db.transaction(() => {
      for (let i = 0; i < TAPS; i++) {
        const r = leases[i % riders]!;
        const at = start + Math.floor(i / riders) * RIDE_STEP_SECONDS * 1000;
        const { text, step } = makeRideCode(r.lease, r.card, at);
        ins.run(text, r.lease.ride![0]!.serial, step, at, 200, 'Line 1');
      }
    });
    fill();
    console.log(`(made ${TAPS} codes in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    clock = start + Math.ceil(TAPS / riders) * RIDE_STEP_SECONDS * 1000; // upload after the last tap
    const t1 = performance.now();
    const report = await reader.upload();
    const secs = (performance.now() - t1) / 1000;
    console.log(
      `upload ${report.sent} taps (batches of 200, SQLite issuer): ${secs.toFixed(1)} s, ${(report.sent / secs).toFixed(0)} taps/s; ${report.charged} charged, ${report.duplicate} duplicate`,
    );
    reader.close();
  } finally {
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function band(): Promise<void> {
  const lease = rideLease(1);
  const wallet = JSON.stringify(applySync(EMPTY_WALLET, sync({ lease, now: NOW, asOf: NOW }), NOW));
  for (const [name, width, height] of [
    ['Amazfit Band 7', 194, 368],
    ['Xiaomi Mi Band 7', 192, 490],
  ] as const) {
    const r = await bandRidePageFrames({
      width,
      height,
      wallet,
      card: CARD_A,
      now: NOW,
      stepMs: RIDE_STEP_SECONDS * 1000,
      runs: 5,
      steps: QJS_ITER / 5,
    });
    console.log(
      `QuickJS, band ride page on ${name} (${width}x${height}): first frame (onInit + build) median ${ms(median(r.first))} ms, p95 ${ms(p95(r.first))} ms; a frame each step median ${ms(median(r.frames))} ms, p95 ${ms(p95(r.frames))} ms (n=${r.frames.length}), ${r.widgetsPerFrame} widgets created a frame; page bundle ${r.bundleBytes} bytes`,
    );
  }
}

console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, node ${process.version}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}, ${new Date().toISOString().slice(0, 16)}Z`,
);
// BENCH_PARTS=quickjs,devices,verify,upload,band (default all) runs some of them.
const parts = (process.env.BENCH_PARTS ?? 'quickjs,devices,verify,upload,band').split(',');
if (parts.includes('quickjs')) await quickjs();
if (parts.includes('devices')) await devices();
if (parts.includes('verify')) verify();
if (parts.includes('upload')) await upload();
if (parts.includes('band')) await band();
