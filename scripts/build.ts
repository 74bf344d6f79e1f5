// npm run build: type-check, compile the app's .ts into a staging folder, then run the vendor's zeus build there, fully offline.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync } from 'esbuild';
import { loadBandDevices, loadTargetDevices } from '../reference/devices';
import { buildableDevices, zeusCatalog } from './zeus-catalog';
import { readZab } from './zab';

const root = fileURLToPath(new URL('..', import.meta.url));
const zeusHome = join(root, '.zeus-home');
const started = Date.now();
const step = (what: string) => console.log(`[build ${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);

function fail(message: string): never {
  console.error(`build failed: ${message}`);
  process.exit(1);
}

// What zeus packs, found by reading node_modules/@zeppos/zpm/lib/node.js (zeus-cli 1.9.1, zpm 3.4.1; minified,
// zeus-cli's private-modules/zeppos-app-utils/dist/modules/build.js only forwards options to it):
// - zeus builds the folder it is run in (`path.resolve('./')`), and writes dist/ there.
// - the device and phone packages are rollup bundles from entry points: app.js, each page of app.json,
//   app-side/index.js, setting/index.js, plus assets/ and the i18n .po files; imports of npm packages are
//   resolved by walking up to node_modules (rollup's node-resolve), so a folder inside the repository finds ours.
// - in a production build (`ip` defaults to true for `zeus build`) zpm adds `.ip-package` to the .zab: a zip of
//   EVERY file of that folder, from glob('**/*', {dot: true}) with a fixed ignore list (dot folders and files,
//   CVS, .DS_Store, Thumbs.db, desktop.ini, dist/, node_modules/, package-lock.json, yarn.lock, *.mp4, *.ogv,
//   *.mkv, *.wav, *.zip, *.rar, *.7z). It honours no ignore file (.gitignore is read only by `zeus dev`'s watcher),
//   so run in the repository it packed server/, test/, sim/, bench/, the .ts sources, demo/ and preview/.
// So zeus runs in .zeus-stage/, which this build fills with only what the watch and the phone load: app.json,
// the .js compiled from the .ts modules the app reaches from its entry points, assets/ and the .po files.
//
// Two packages come out of one build (the bands run API 1.0 only, which reads a different app.json):
// - the watches': app.json (configVersion v3, API 3.0+, targets by screen shape), staged in .zeus-stage/;
// - the bands': band/ is an app folder of its own (band/app.json: configVersion v2, API 1.0, targets by
//   deviceSource for Amazfit Band 7 and Xiaomi Mi Band 7; band/app.ts; band/page/; band/app-side and
//   band/setting, which are the watches' side service and settings page; band/page/i18n, a link to page/i18n;
//   band/assets/<target>/), staged in .zeus-stage-band/ as the package's root. Its modules reach lib/ and the
//   phone's modules outside band/, so each entry is bundled by esbuild (npm packages and 'i18n' left to zpm)
//   instead of compiled file by file: page URLs (hmApp.gotoPage) are then the same in the package as in
//   band/app.json and in the simulator, which runs band/ as its appDir.
// Why a second app.json and not zeus's own multi-target means: a v3 app.json's targets differ only in the
// screen (platforms st/sr/cp/dw) and share one runtime.apiVersion, whose minVersion (3.0) makes zpm drop every
// device below it from the catalog (zpm filters devices by apiLevel >= minVersion); a v2 app.json is what a
// 1.0 device reads, and zpm checks "App V2 must have deviceSource in platform". One app.json cannot be both, so
// zeus runs twice, once per folder, the two runs side by side; both share the offline catalog below.
interface Flavour {
  name: 'watch' | 'band';
  stage: string;
  /** The app folder, relative to the root: its app.json, app.ts, assets/ and page/i18n/. */
  dir: string;
  /** Bundle each entry (band) or compile every module file by file (watch). */
  bundle: boolean;
  /** Added before .zab in dist/ (zeus names both packages alike). */
  suffix: string;
}

const FLAVOURS: Flavour[] = [
  { name: 'watch', stage: join(root, '.zeus-stage'), dir: '.', bundle: false, suffix: '' },
  { name: 'band', stage: join(root, '.zeus-stage-band'), dir: 'band', bundle: true, suffix: '-band' },
];

interface AppJson {
  targets: Record<
    string,
    {
      module?: Record<string, { path?: string; pages?: string[]; widgets?: Array<{ path?: string }> }>;
      platforms?: Array<{ st?: string }>;
    }
  >;
}

/** The entry points zpm bundles, from app.json: app, every page, every module with a path (app-side, setting), every card. */
function entryPoints(app: AppJson): string[] {
  const entries = new Set(['app.ts']);
  for (const target of Object.values(app.targets)) {
    for (const mod of Object.values(target.module ?? {})) {
      for (const page of mod.pages ?? []) entries.add(`${page}.ts`);
      if (mod.path) entries.add(`${mod.path}.ts`);
      // app-widget / secondary-widget: each card's path (reference/app-json.mdx).
      for (const w of mod.widgets ?? []) if (w.path) entries.add(`${w.path}.ts`);
    }
  }
  return [...entries];
}

/** Every .ts module the entry points import, followed the way zpm does; npm packages and @zos/* stay outside. */
async function appModules(entries: string[], shapes: string[], stage: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    write: false, // only the metafile is wanted
    outdir: stage,
    metafile: true,
    packages: 'external',
    format: 'esm',
    logLevel: 'error',
    plugins: [
      {
        // zpm's loader: `zosLoader:./index.[pf].layout.js` is the layout of the target's shape (r or s); follow each.
        name: 'zos-loader',
        setup(b) {
          // esbuild loads a module once per path: key it by the importer's folder, or every page gets the first page's layouts.
          b.onResolve({ filter: /^zosLoader:/ }, (args) => ({
            path: join(args.resolveDir, args.path.slice('zosLoader:'.length)),
            namespace: 'zos-loader',
          }));
          b.onLoad({ filter: /.*/, namespace: 'zos-loader' }, (args) => ({
            contents: shapes
              .map(
                (st) =>
                  `import ${JSON.stringify(`./${basename(args.path).replace('[pf]', st).replace(/\.js$/, '')}`)};`,
              )
              .join('\n'),
            resolveDir: dirname(args.path),
            loader: 'js',
          }));
        },
      },
    ],
  });
  return Object.keys(result.metafile.inputs).filter((f) => f.endsWith('.ts') && !f.includes(':'));
}

/** Files under `dir` (relative to the root) whose name matches `test`. */
function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The .po files of an i18n folder (readdirSync follows band/page/i18n, a link, where a recursive walk would not). */
function poFiles(dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir))
    .filter((n) => n.endsWith('.po'))
    .map((n) => join(dir, n));
}

/** `tsc --noEmit -p project`; resolves with its exit code and its output (shown only when it fails). */
function typeCheck(project: string): Promise<{ project: string; code: number | null; output: string }> {
  return new Promise((done) => {
    const tsc = spawn(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    tsc.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    tsc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    tsc.on('close', (code) => done({ project: relative(root, project) || '.', code, output }));
  });
}

// The type-check runs beside staging and packing, not before them: each tsc and each zeus is one busy core,
// and run one after the other the type-check (two tsc, about 38 s of CPU) left the second core idle while
// the watches' zeus, the longest part, had not started (BENCHMARKS.md, "npm run build"). A type error
// still stops the build: nothing is moved into dist/ until both type-checks have passed.
step('type-check (tsc --noEmit, and -p band for the band pages and their 1.0 globals), beside the packing');
/** The zeus runs under way, stopped when a type-check fails. */
const zeusRuns: ChildProcess[] = [];
const typeChecks = Promise.all([root, join(root, 'band')].map(typeCheck)).then((checked) => {
  for (const t of checked) if (t.code !== 0) process.stderr.write(`tsc -p ${t.project}:\n${t.output}`);
  if (checked.some((t) => t.code !== 0)) {
    for (const z of zeusRuns) z.kill();
    fail('type errors (see above)');
  }
  step('type-check passed');
});

/** Fills the flavour's staging folder with what its watch and phone load. */
async function stageFlavour(f: Flavour): Promise<void> {
  rmSync(f.stage, { recursive: true, force: true });
  mkdirSync(f.stage, { recursive: true });
  const dir = join(root, f.dir);
  const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as AppJson;
  const entries = entryPoints(app);
  if (f.bundle) {
    step(
      `${f.name}: bundle the ${entries.length} entries of ${relative(root, join(dir, 'app.json'))} into ${relative(root, f.stage)}/ (esbuild)`,
    );
    await build({
      absWorkingDir: dir,
      entryPoints: entries,
      outdir: f.stage,
      outbase: dir,
      bundle: true,
      packages: 'external', // @zeppos/zml, @noble/hashes and 'i18n': zpm resolves them
      format: 'esm',
      target: 'es2020',
      logLevel: 'warning',
    });
  } else {
    const shapes = [
      ...new Set(Object.values(app.targets).flatMap((t) => (t.platforms ?? []).map((p) => p.st ?? ''))),
    ].filter(Boolean);
    const sources = await appModules(entries, shapes, f.stage);
    step(
      `${f.name}: compile the ${sources.length} .ts modules the app imports into ${relative(root, f.stage)}/ (esbuild, no bundling)`,
    );
    buildSync({
      entryPoints: sources.map((file) => join(root, file)),
      outdir: f.stage,
      outbase: root,
      bundle: false,
      format: 'esm',
      target: 'es2020',
      logLevel: 'warning',
    });
    // Type-only modules compile to empty files, which zpm would pack as empty chunks.
    for (const file of sources) {
      const js = join(f.stage, file.replace(/\.ts$/, '.js'));
      if (existsSync(js) && readFileSync(js, 'utf8').trim() === '') rmSync(js);
    }
  }
  const copied = [
    join(f.dir, 'app.json'),
    ...filesUnder(join(f.dir, 'assets'), () => true),
    ...['page', 'app-side', 'setting'].flatMap((d) => poFiles(join(f.dir, d, 'i18n'))),
  ].map((file) => relative(dir, join(root, file)));
  for (const file of copied) {
    mkdirSync(dirname(join(f.stage, file)), { recursive: true });
    cpSync(join(dir, file), join(f.stage, file)); // band/page/i18n is a link: its files are copied
  }
  step(`${f.name}: copied ${copied.length} files (app.json, assets/, .po)`);
}

for (const f of FLAVOURS) await stageFlavour(f);

step('write the offline device catalog into .zeus-home/.zepp');
const cliVersion = JSON.parse(readFileSync(join(root, 'node_modules/@zeppos/zeus-cli/package.json'), 'utf8'))
  .version as string;
const { included, skipped } = buildableDevices(loadTargetDevices());
const bands = buildableDevices(loadBandDevices());
mkdirSync(join(zeusHome, '.zepp'), { recursive: true });
writeFileSync(
  join(zeusHome, '.zepp/.zeus_devices'),
  JSON.stringify(zeusCatalog([...included, ...bands.included], cliVersion, Date.now())),
);
writeFileSync(join(zeusHome, '.zepp/.zeus_version'), cliVersion);
if (skipped.length) step(`left out (chipset unknown): ${skipped.map((d) => d.name).join(', ')}`);
if (bands.skipped.length) fail(`bands without a chipset: ${bands.skipped.map((d) => d.name).join(', ')}`);

// HOME points zeus at the catalog above; the proxy is a closed local port so its analytics request goes nowhere.
const closedPort = 'http://127.0.0.1:9';
const zeusEnv = {
  ...process.env,
  HOME: zeusHome,
  HTTPS_PROXY: closedPort,
  HTTP_PROXY: closedPort,
  https_proxy: closedPort,
  http_proxy: closedPort,
  NO_PROXY: '',
  no_proxy: '',
};

/** `zeus build` in the flavour's stage; resolves with its exit code, its output prefixed by the flavour. */
function zeusBuild(f: Flavour): Promise<number | null> {
  // A v2 app.json with more than one target makes zeus ask which to build (zeus-cli modules/build.js,
  // chooseBuildTargetsV2Config); --target with all of them, comma-separated, answers it. A v3 build asks nothing.
  const app = JSON.parse(readFileSync(join(f.stage, 'app.json'), 'utf8')) as AppJson & { configVersion: string };
  const targets = app.configVersion === 'v2' ? ['--target', Object.keys(app.targets).join(',')] : [];
  return new Promise((done) => {
    const zeus = spawn(
      process.execPath,
      [join(root, 'node_modules/@zeppos/zeus-cli/bin/main.js'), 'build', ...targets],
      {
        cwd: f.stage,
        env: zeusEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    zeusRuns.push(zeus);
    const relay = (out: NodeJS.WriteStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) out.write(`[zeus ${f.name}] ${line}\n`);
    };
    zeus.stdout.on('data', relay(process.stdout));
    zeus.stderr.on('data', relay(process.stderr));
    zeus.on('close', (code) => done(code));
  });
}

step('zeus build (watches and bands side by side)');
rmSync(join(root, 'dist'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });
const codes = await Promise.all(FLAVOURS.map(zeusBuild));
await typeChecks;
for (const [i, f] of FLAVOURS.entries()) {
  const stageDist = join(f.stage, 'dist');
  const zabs = existsSync(stageDist) ? readdirSync(stageDist).filter((n) => n.endsWith('.zab')) : [];
  // zeus exits 0 even when packing failed: the .zab is the only proof.
  if (zabs.length === 0) fail(`zeus build produced no ${relative(root, stageDist)}/*.zab (exit code ${codes[i]})`);
  const zab = join(root, 'dist', zabs[0]!.replace(/\.zab$/, `${f.suffix}.zab`));
  renameSync(join(stageDist, zabs[0]!), zab);
  const manifest = readZab(zab);
  step(`${relative(root, zab)}: ${manifest.zpks.length} packages`);
  for (const z of manifest.zpks)
    console.log(`  ${z.screenType.padEnd(6)} ${z.screenResolution.padEnd(8)} ${z.cpuPlatform}`);
}
step('done');
