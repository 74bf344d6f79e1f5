// The band's ride page (band/page/ride/index.page.ts, API 1.0) in QuickJS for bench/ride.bench.ts (part
// "band"): the page bundled as a band page is (its lib/ code inside), run on thin hm* stubs that record
// widget calls and check nothing; the wallet comes from the stub hmFS as the band stores it (UTF-16 JSON).
// One frame is what the page does each 30 s step: its timer fires render(), which loads the wallet, makes
// the code, encodes and lays out the QR symbol, deletes the last step's widgets and creates ~490 FILL_RECTs.
// What a widget costs the band's own UI code is not in these figures (no device at hand).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { getQuickJS } from 'quickjs-emscripten';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function bundlePage(): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, 'band/page/ride/index.page.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'i18n-stub',
        setup(b) {
          b.onResolve({ filter: /^i18n$/ }, () => ({ path: 'i18n', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export const gettext = (k) => k;' }));
        },
      },
    ],
  });
  return out.outputFiles[0]!.text;
}

/** hm* stubs: enough for the ride page; `__file` is the stored wallet's JSON, `__now` the clock. */
const PRELUDE = `
globalThis.__now = 0; Date.now = () => globalThis.__now;
globalThis.__created = 0; globalThis.__deleted = 0; globalThis.__timer = null;
const widget = () => ({ setProperty() {}, getProperty() {}, addEventListener() {} });
globalThis.hmUI = {
  widget: { TEXT: 1, FILL_RECT: 2, BUTTON: 3 }, align: { LEFT: 0, RIGHT: 1, CENTER_H: 2, TOP: 3, BOTTOM: 4, CENTER_V: 5 },
  text_style: { ELLIPSIS: 0, NONE: 1 }, event: { CLICK_DOWN: 1, CLICK_UP: 2, MOVE: 3, MOVE_IN: 4, MOVE_OUT: 5 },
  createWidget() { globalThis.__created++; return widget(); }, deleteWidget() { globalThis.__deleted++; }, setLayerScrolling() {},
};
globalThis.hmApp = { setScreenKeep() {}, gotoPage() {}, goBack() {}, getLayerY: () => 0, setLayerY() {} };
globalThis.hmSetting = {
  getDeviceInfo: () => ({ width: __W, height: __H, screenShape: 0, deviceName: 'band', deviceSource: 0 }),
  getLanguage: () => 2, getBrightness: () => 60, setBrightness: () => 0, getScreenAutoBright: () => true,
  setScreenAutoBright: () => 0, setBrightScreen: () => 0, setBrightScreenCancel: () => 0,
};
globalThis.hmFS = {
  O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 512, O_TRUNC: 1024, SEEK_SET: 0,
  stat: () => [{ size: __file.length * 2, mtime: 0 }, 0], open: () => 3, close: () => 0, write: () => 0, remove: () => 0,
  read(fd, buf, pos, len) { const u = new Uint16Array(buf); for (let i = 0; i < len / 2; i++) u[i] = __file.charCodeAt(i); return 0; },
};
globalThis.hmSensor = { id: { TIME: 1 }, createSensor: () => {
  const d = new Date(globalThis.__now);
  return { utc: globalThis.__now, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
} };
globalThis.timer = { createTimer(delay, repeat, cb, o) { globalThis.__timer = () => cb(o); return 1; }, stopTimer() {} };
globalThis.getApp = () => ({ _options: { globalData: {} } });
globalThis.console = { log() {} };
globalThis.Page = (o) => { globalThis.__page = o; };
`;

export interface BandRideFrames {
  first: number[];
  frames: number[];
  widgetsPerFrame: number;
  /** The page's bundle, minified (lib/ride, P-256, QR, layout, the band's common code). */
  bundleBytes: number;
}

/** `runs` fresh contexts of the page on a width x height band, `steps` timer frames each. */
export async function bandRidePageFrames(o: {
  width: number;
  height: number;
  wallet: string;
  card: string;
  now: number;
  stepMs: number;
  runs: number;
  steps: number;
}): Promise<BandRideFrames> {
  const code = await bundlePage();
  const first: number[] = [];
  const frames: number[] = [];
  let widgetsPerFrame = 0;
  for (let run = 0; run < o.runs; run++) {
    const vm = (await getQuickJS()).newContext();
    try {
      const run0 = (src: string) => vm.unwrapResult(vm.evalCode(src)).dispose();
      run0(
        `globalThis.__W = ${o.width}; globalThis.__H = ${o.height}; globalThis.__file = ${JSON.stringify(o.wallet)};`,
      );
      run0(PRELUDE);
      run0(`__now = ${o.now};`);
      run0(code);
      const time = (src: string): number => {
        const t = performance.now();
        run0(src);
        return performance.now() - t;
      };
      // The first frame: onInit (fixed-base tables) and build (first render).
      first.push(time(`__page.onInit(${JSON.stringify(JSON.stringify({ card: o.card }))}); __page.build();`));
      for (let i = 1; i <= o.steps; i++) {
        run0(`__now = ${o.now + i * o.stepMs}; __created = 0;`);
        frames.push(time('__timer()'));
        widgetsPerFrame = vm.getNumber(vm.unwrapResult(vm.evalCode('__created')));
      }
    } finally {
      vm.dispose();
    }
  }
  return { first, frames, widgetsPerFrame, bundleBytes: code.length };
}
