// Payment-code benchmark: `npm run bench:codes`. Not a test: prints figures for BENCHMARKS.md.
//  1. Bundle size of the watch's share (generateCode + QR + Code 128 + layout), minified by esbuild.
//  2. Time of one code + QR matrix + rectangles in QuickJS (quickjs-emscripten, the watch's
//     engine family) and in Node, with the parts timed apart (the profile), next to the
//     baseline (qrcode-generator make() + row-run rectangles).
//  3. Rectangles per dark module on default (20-digit) codes: merged cover vs row runs.
//  4. Scanner margin: share of random codes zxing reads from degraded copies at 2 px per module.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { getQuickJS } from 'quickjs-emscripten';
import type { TokenLease } from '../lib/payment/types';

// The Node side runs an esbuild bundle of the .ts sources too: `npm run build` leaves compiled
// .js files beside the sources, and tsx would resolve extensionless imports to those.
type Lib = typeof import('./payment-code.watch') &
  typeof import('./payment-code.baseline') & {
    encodeBase64Url: typeof import('../lib/encoding/base64').encodeBase64Url;
    encodeQr: typeof import('../lib/codes/qr').encodeQr;
    encodeCode128: typeof import('../lib/codes/code128').encodeCode128;
    layoutQr: typeof import('../lib/codes/layout').layoutQr;
    layoutBarcode: typeof import('../lib/codes/layout').layoutBarcode;
  };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const QJS_ITER = Number(process.env.BENCH_QJS_ITER ?? 40);
const NODE_ITER = Number(process.env.BENCH_NODE_ITER ?? 400);

const NOW = Date.UTC(2026, 10, 25, 21, 0, 0);

async function bundle(contents: string, minify: boolean, format: 'iife' | 'esm' = 'iife'): Promise<string> {
  const out = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    minify,
    format,
    globalName: format === 'iife' ? 'B' : undefined,
    target: 'es2020',
    platform: format === 'esm' ? 'node' : 'neutral',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

async function loadLib(): Promise<Lib> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-codes-'));
  try {
    const file = join(dir, 'lib.mjs');
    writeFileSync(
      file,
      await bundle(
        `export * from './bench/payment-code.watch'; export * from './bench/payment-code.baseline';
      export { encodeBase64Url } from './lib/encoding/base64'; export { encodeQr } from './lib/codes/qr';
      export { encodeCode128 } from './lib/codes/code128'; export { layoutQr, layoutBarcode } from './lib/codes/layout';`,
        false,
        'esm',
      ),
    );
    return (await import(pathToFileURL(file).href)) as Lib;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lib = await loadLib();
const watch = lib;
const baseline = lib;
const LEASE: TokenLease = {
  v: 1,
  leaseId: 'bench',
  leaseNumber: '12345678',
  secret: lib.encodeBase64Url(Uint8Array.from({ length: 32 }, (_, i) => i * 7)),
  step: 60,
  notBefore: NOW - 3_600_000,
  expiresAt: NOW + 72 * 3_600_000,
  issuerPrefix: '88',
  limits: { currency: 'CNY', perPayment: 50_000, daily: 200_000 },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

async function sizes(): Promise<void> {
  const entries: Array<[string, string]> = [
    [
      'watch share: generateCode + encodeQr + encodeCode128 + layoutQr/layoutBarcode',
      `export { generateCode } from './lib/payment/code'; export { encodeQr } from './lib/codes/qr';
       export { encodeCode128 } from './lib/codes/code128'; export { layoutQr, layoutBarcode } from './lib/codes/layout';`,
    ],
    [
      'watch share with the EMV CPM option: the above + encodeEmvCpm',
      `export { generateCode } from './lib/payment/code'; export { encodeQr } from './lib/codes/qr';
       export { encodeCode128 } from './lib/codes/code128'; export { layoutQr, layoutBarcode } from './lib/codes/layout';
       export { encodeEmvCpm } from './lib/emv/cpm';`,
    ],
    [
      '  of which lib/codes alone (QR + Code 128 + rects + layout)',
      `export { encodeQr } from './lib/codes/qr'; export { encodeCode128 } from './lib/codes/code128';
       export { layoutQr, layoutBarcode } from './lib/codes/layout';`,
    ],
    [
      '  of which generateCode alone (incl. HMAC-SHA256 from @noble/hashes)',
      `export { generateCode } from './lib/payment/code';`,
    ],
    ['reference: qrcode-generator alone', `import q from 'qrcode-generator'; export const qr = q;`],
    [
      'reference: HMAC-SHA256 from @noble/hashes alone',
      `import { hmac } from '@noble/hashes/hmac.js'; import { sha256 } from '@noble/hashes/sha2.js';
       export const mac = (k: Uint8Array, m: Uint8Array) => hmac(sha256, k, m);`,
    ],
    [
      'baseline: generateCode + qrcode-generator',
      `export { generateCode } from './lib/payment/code'; import q from 'qrcode-generator'; export const qr = q;`,
    ],
  ];
  console.log('\n## Bundle size (esbuild --minify, IIFE, es2020)');
  for (const [name, src] of entries) {
    const min = await bundle(src, true);
    console.log(`${name}: ${kb(min.length)} minified, ${kb(gzipSync(min).length)} gzip`);
  }
}

async function quickjsTimes(): Promise<void> {
  const code = await bundle(
    `export * from './bench/payment-code.watch'; export * from './bench/payment-code.baseline';`,
    true,
  );
  const QuickJS = await getQuickJS();
  const vm = QuickJS.newContext();
  try {
    vm.unwrapResult(vm.evalCode(code, 'bundle.js')).dispose();
    vm.unwrapResult(
      vm.evalCode(`var LEASE = ${JSON.stringify(LEASE)}; var NOW = ${NOW}; var CODE = B.codeOnly(LEASE, NOW);`),
    ).dispose();
    const time = (label: string, call: string): void => {
      // Each run: QJS_ITER calls, each for a different minute; ms per call from Date.now inside QuickJS.
      const script = `(function () { var out = []; for (var r = 0; r < ${RUNS}; r++) {
        var t0 = Date.now(); for (var i = 0; i < ${QJS_ITER}; i++) { var t = NOW + (r * ${QJS_ITER} + i) * 60000; ${call}; }
        out.push((Date.now() - t0) / ${QJS_ITER}); } return JSON.stringify(out); })()`;
      const h = vm.unwrapResult(vm.evalCode(script));
      const runs = JSON.parse(vm.getString(h)) as number[];
      h.dispose();
      console.log(`${label}: median ${median(runs).toFixed(2)} ms (runs: ${runs.map((x) => x.toFixed(2)).join(', ')})`);
    };
    console.log(`\n## QuickJS (quickjs-emscripten ${RUNS} runs x ${QJS_ITER} calls, ms per call)`);
    time('one code + QR matrix + rectangles (qrFrame)', 'B.qrFrame(LEASE, t)');
    time('one code + Code 128 + bars (barcodeFrame)', 'B.barcodeFrame(LEASE, t)');
    time('EMV CPM payload + byte-mode QR + rectangles (emvFrame)', 'B.emvFrame(LEASE, t)');
    time('  generateCode alone', 'B.codeOnly(LEASE, t)');
    time('  encodeQr alone', 'B.qrOnly(CODE)');
    time('  encodeQr + layoutQr', 'B.layoutOnly(CODE)');
    time('baseline: code + qrcode-generator make() + row runs', 'B.baselineFrame(LEASE, t)');
    time('  baseline: qrcode-generator make() alone', 'B.baselineQrOnly(CODE)');
  } finally {
    vm.dispose();
  }
}

function nodeTimes(): void {
  const code = watch.codeOnly(LEASE, NOW);
  const time = (label: string, fn: (t: number) => unknown): void => {
    for (let i = 0; i < 50; i++) fn(NOW + i * 60000); // warm up the JIT
    const runs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      for (let i = 0; i < NODE_ITER; i++) fn(NOW + (r * NODE_ITER + i) * 60000);
      runs.push((performance.now() - t0) / NODE_ITER);
    }
    console.log(`${label}: median ${median(runs).toFixed(3)} ms`);
  };
  console.log(`\n## Node ${process.version} (${RUNS} runs x ${NODE_ITER} calls, ms per call)`);
  time('one code + QR matrix + rectangles (qrFrame)', (t) => watch.qrFrame(LEASE, t));
  time('one code + Code 128 + bars (barcodeFrame)', (t) => watch.barcodeFrame(LEASE, t));
  time('EMV CPM payload + byte-mode QR + rectangles (emvFrame)', (t) => watch.emvFrame(LEASE, t));
  time('  generateCode alone', (t) => watch.codeOnly(LEASE, t));
  time('  encodeQr alone', () => watch.qrOnly(code));
  time('baseline: code + qrcode-generator make() + row runs', (t) => baseline.baselineFrame(LEASE, t));
  time('  baseline: qrcode-generator make() alone', () => baseline.baselineQrOnly(code));
}

function rectRatios(): void {
  const N = 500;
  const cover: number[] = [];
  const runs: number[] = [];
  for (let i = 0; i < N; i++) {
    const [dark, rowRuns, merged] = watch.rectsOnly(watch.codeOnly(LEASE, NOW + i * 60000)) as [number, number, number];
    cover.push(merged / dark);
    runs.push(rowRuns / dark);
  }
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  console.log(`\n## Rectangles per dark module, ${N} default codes (20 digits, QR version 1) of the bench lease`);
  console.log(
    `one per module: 100% | row runs: median ${pct(median(runs))}, max ${pct(Math.max(...runs))} | merged cover (coverRects): median ${pct(median(cover))}, max ${pct(Math.max(...cover))}`,
  );
}

async function scannerMargin(): Promise<void> {
  const { encodeCode128, encodeQr, layoutBarcode, layoutQr } = lib;
  const { decodeBarcode, decodeQr } = await import('../sim/scan/scanner');
  const { blankImage, degrade, fillRects } = await import('../sim/scan/degrade');
  const N = Number(process.env.BENCH_SCAN_N ?? 150);
  const screen = { width: 454, height: 454, cornerRadius: 227 };
  const paint = (l: {
    bounds: { x: number; y: number; w: number; h: number };
    rects: Array<{ x: number; y: number; w: number; h: number }>;
  }) => {
    const b = l.bounds;
    return fillRects(
      blankImage(b.w + 24, b.h + 24),
      l.rects.map((r) => ({ x: r.x - b.x + 12, y: r.y - b.y + 12, w: r.w, h: r.h })),
    );
  };
  const cases: Array<[number, number]> = [
    [1, 0.7],
    [0.95, 0.7],
    [0.9, 0],
    [0.9, 0.7],
    [0.85, 0.7],
  ];
  const bar = new Map<string, number>();
  const barJs = new Map<string, number>();
  const qr = new Map<string, number>();
  for (let i = 0; i < N; i++) {
    const code = watch.codeOnly(LEASE, NOW + i * 60000);
    const bimg = paint(layoutBarcode(encodeCode128(code), screen));
    const qimg = paint(layoutQr(encodeQr(code), screen));
    for (const [s, b] of cases) {
      const k = `scale ${s}, blur ${b}`;
      const read = await decodeBarcode(degrade(bimg, s, b));
      if (read.zxing === code) bar.set(k, (bar.get(k) ?? 0) + 1);
      if (read.zxingJs === code) barJs.set(k, (barJs.get(k) ?? 0) + 1);
      const q = await decodeQr(degrade(qimg, s, b));
      if (q.jsqr === code && q.zxing === code) qr.set(k, (qr.get(k) ?? 0) + 1);
    }
  }
  console.log(
    `\n## Scanner margin, ${N} default codes on a 454 px round screen (barcode 2 px/module, QR at its layout size)`,
  );
  for (const [s, b] of cases) {
    const k = `scale ${s}, blur ${b}`;
    console.log(
      `${k}: Code 128 read by zxing-wasm ${bar.get(k) ?? 0}/${N}, by @zxing/library ${barJs.get(k) ?? 0}/${N}; QR read by jsQR and zxing-wasm ${qr.get(k) ?? 0}/${N}`,
    );
  }
}

const only = process.argv[2];
if (!only || only === 'size') await sizes();
if (!only || only === 'quickjs') await quickjsTimes();
if (!only || only === 'node') nodeTimes();
if (!only || only === 'rects') rectRatios();
if (!only || only === 'scan') await scannerMargin();
