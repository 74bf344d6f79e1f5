// PIN hash benchmark: `npm run bench:pin`. Not a test: prints figures for BENCHMARKS.md ("PIN hash").
// Times lib/wallet/pin.ts hashPin (PBKDF2-HMAC-SHA256, @noble/hashes) in QuickJS (quickjs-emscripten,
// the watch's engine family) and in Node, at a few iteration counts, to choose PIN_ITERATIONS: the
// count QuickJS does in about 0.1 s on this machine's core (a watch's core is slower).
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { getQuickJS } from 'quickjs-emscripten';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const COUNTS = [50, 100, 200, 400];

async function bundle(): Promise<string> {
  const out = await build({
    stdin: {
      contents: `export { hashPin, pinMatches, PIN_ITERATIONS } from './lib/wallet/pin';`,
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'bench-pin.ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'B',
    target: 'es2020',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  const code = await bundle();
  const QuickJS = await getQuickJS();
  const vm = QuickJS.newContext();
  try {
    vm.unwrapResult(vm.evalCode(code, 'bundle.js')).dispose();
    const h = vm.unwrapResult(vm.evalCode('B.PIN_ITERATIONS'));
    const chosen = vm.getNumber(h);
    h.dispose();
    console.log(`PIN_ITERATIONS = ${chosen}`);
    console.log('\n## QuickJS (ms per hashPin, median of %d runs)', RUNS);
    for (const c of [...COUNTS, chosen]) {
      const script = `(function(){ var salt = new Uint8Array(16); var out = [];
        for (var r = 0; r < ${RUNS}; r++) { var t0 = Date.now(); B.hashPin(String(1000 + r), salt, ${c}); out.push(Date.now() - t0); }
        return JSON.stringify(out); })()`;
      const res = vm.unwrapResult(vm.evalCode(script));
      const times = JSON.parse(vm.getString(res)) as number[];
      res.dispose();
      console.log(
        `  ${c} iterations: ${median(times).toFixed(1)} ms (${(median(times) / c).toFixed(3)} ms per iteration)`,
      );
    }
  } finally {
    vm.dispose();
  }
  // Node: the same bundle, through a data: URL of its ESM twin is more than needed; import the source.
  const { hashPin } = await import('../lib/wallet/pin');
  console.log('\n## Node (ms per hashPin, median of %d runs)', RUNS);
  for (const c of COUNTS) {
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      hashPin(String(1000 + r), new Uint8Array(16), c);
      times.push(performance.now() - t0);
    }
    console.log(`  ${c} iterations: ${median(times).toFixed(2)} ms`);
  }
}

await main();
