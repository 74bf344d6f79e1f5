// npm run build: type-check, compile the app's .ts into a staging folder, then run the vendor's zeus build there, fully offline.
import { spawn, spawnSync } from 'node:child_process';
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
// - the bands': band/app.json (configVersion v2, API 1.0, targets by deviceSource for Amazfit Band 7 and
//   Xiaomi Mi Band 7), staged in .zeus-stage-band/ with band/app.json as its app.json and band/app.ts as app.js.
// Why a second app.json and not zeus's own multi-target means: a v3 app.json's targets differ only in the
// screen (platforms st/sr/cp/dw) and share one runtime.apiVersion, whose minVersion (3.0) makes zpm drop every
// device below it from the catalog (zpm filters devices by apiLevel >= minVersion); a v2 app.json is what a
// 1.0 device reads, and zpm checks "App V2 must have deviceSource in platform". One app.json cannot be both, so
// zeus runs twice, once per folder, the two runs side by side; both share the offline catalog below.
interface Flavour {
  name: 'watch' | 'band';
  stage: string;
  /** Its app.json, relative to the root; staged as app.json. */
  appJson: string;
  /** Its app entry, relative to the root; staged as app.js (it imports npm packages only, so it may move). */
  app: string;
  /** Its assets folder, staged as assets/. */
  assets: string;
  /** Added before .zab in dist/ (zeus names both packages alike). */
  suffix: string;
}

const FLAVOURS: Flavour[] = [
  { name: 'watch', stage: join(root, '.zeus-stage'), appJson: 'app.json', app: 'app.ts', assets: 'assets', suffix: '' },
  {
    name: 'band',
    stage: join(root, '.zeus-stage-band'),
    appJson: 'band/app.json',
    app: 'band/app.ts',
    assets: 'band/assets',
    suffix: '-band',
  },
];

interface AppJson {
  targets: Record<
    string,
    { module?: Record<string, { path?: string; pages?: string[] }>; platforms?: Array<{ st?: string }> }
  >;
}

/** The entry points zpm bundles, from app.json: app, every page, and every module with a path (app-side, setting). */
function entryPoints(app: AppJson, appEntry: string): string[] {
  const entries = new Set([appEntry]);
  for (const target of Object.values(app.targets)) {
    for (const mod of Object.values(target.module ?? {})) {
      for (const page of mod.pages ?? []) entries.add(`${page}.ts`);
      if (mod.path) entries.add(`${mod.path}.ts`);
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

step('type-check (tsc --noEmit, and -p band for the band pages and their 1.0 globals)');
for (const project of [root, join(root, 'band')]) {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) fail('type errors (see above)');
}

/** Fills the flavour's staging folder with what its watch and phone load. */
async function stageFlavour(f: Flavour): Promise<void> {
  rmSync(f.stage, { recursive: true, force: true });
  mkdirSync(f.stage, { recursive: true });
  const app = JSON.parse(readFileSync(join(root, f.appJson), 'utf8')) as AppJson;
  const shapes = [
    ...new Set(Object.values(app.targets).flatMap((t) => (t.platforms ?? []).map((p) => p.st ?? ''))),
  ].filter(Boolean);
  const sources = await appModules(entryPoints(app, f.app), shapes, f.stage);
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
  const appJs = f.app.replace(/\.ts$/, '.js');
  if (appJs !== 'app.js') renameSync(join(f.stage, appJs), join(f.stage, 'app.js'));
  cpSync(join(root, f.appJson), join(f.stage, 'app.json'));
  const copied = [
    ...filesUnder(f.assets, () => true).map((a) => [a, join('assets', relative(join(root, f.assets), join(root, a)))]),
    ...['page', 'app-side', 'setting'].flatMap((d) => filesUnder(d, (n) => n.endsWith('.po'))).map((p) => [p, p]),
  ];
  for (const [from, to] of copied) {
    mkdirSync(dirname(join(f.stage, to!)), { recursive: true });
    cpSync(join(root, from!), join(f.stage, to!));
  }
  step(`${f.name}: copied ${copied.length + 1} files (app.json, assets/, .po)`);
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
