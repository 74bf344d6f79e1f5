// npm run build: type-check, compile the app's .ts into a staging folder, then run the vendor's zeus build there, fully offline.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, buildSync } from 'esbuild';
import { loadTargetDevices } from '../reference/devices';
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
const stage = join(root, '.zeus-stage');

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
async function appModules(entries: string[], shapes: string[]): Promise<string[]> {
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

step('type-check (tsc --noEmit)');
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], {
  stdio: 'inherit',
});
if (tsc.status !== 0) fail('type errors (see above)');

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as AppJson;
const shapes = [
  ...new Set(Object.values(app.targets).flatMap((t) => (t.platforms ?? []).map((p) => p.st ?? ''))),
].filter(Boolean);
const sources = await appModules(entryPoints(app), shapes);
step(`compile the ${sources.length} .ts modules the app imports into .zeus-stage/ (esbuild, no bundling)`);
buildSync({
  entryPoints: sources.map((f) => join(root, f)),
  outdir: stage,
  outbase: root,
  bundle: false,
  format: 'esm',
  target: 'es2020',
  logLevel: 'warning',
});
// Type-only modules compile to empty files, which zpm would pack as empty chunks.
for (const f of sources) {
  const js = join(stage, f.replace(/\.ts$/, '.js'));
  if (existsSync(js) && readFileSync(js, 'utf8').trim() === '') rmSync(js);
}
const copied = [
  'app.json',
  ...filesUnder('assets', () => true),
  ...['page', 'app-side', 'setting'].flatMap((d) => filesUnder(d, (n) => n.endsWith('.po'))),
];
for (const f of copied) cpSync(join(root, f), join(stage, f));
step(`copied ${copied.length} files into .zeus-stage/ (app.json, assets/, .po)`);

step('write the offline device catalog into .zeus-home/.zepp');
const cliVersion = JSON.parse(readFileSync(join(root, 'node_modules/@zeppos/zeus-cli/package.json'), 'utf8'))
  .version as string;
const { included, skipped } = buildableDevices(loadTargetDevices());
mkdirSync(join(zeusHome, '.zepp'), { recursive: true });
writeFileSync(join(zeusHome, '.zepp/.zeus_devices'), JSON.stringify(zeusCatalog(included, cliVersion, Date.now())));
writeFileSync(join(zeusHome, '.zepp/.zeus_version'), cliVersion);
if (skipped.length) step(`left out (chipset unknown): ${skipped.map((d) => d.name).join(', ')}`);

step('zeus build');
rmSync(join(root, 'dist'), { recursive: true, force: true });
// HOME points zeus at the catalog above; the proxy is a closed local port so its analytics request goes nowhere.
const closedPort = 'http://127.0.0.1:9';
const zeus = spawnSync(process.execPath, [join(root, 'node_modules/@zeppos/zeus-cli/bin/main.js'), 'build'], {
  cwd: stage,
  stdio: 'inherit',
  env: {
    ...process.env,
    HOME: zeusHome,
    HTTPS_PROXY: closedPort,
    HTTP_PROXY: closedPort,
    https_proxy: closedPort,
    http_proxy: closedPort,
    NO_PROXY: '',
    no_proxy: '',
  },
});
const stageDist = join(stage, 'dist');
const zabs = existsSync(stageDist) ? readdirSync(stageDist).filter((f) => f.endsWith('.zab')) : [];
// zeus exits 0 even when packing failed: the .zab is the only proof.
if (zabs.length === 0) fail(`zeus build produced no .zeus-stage/dist/*.zab (exit code ${zeus.status})`);
mkdirSync(join(root, 'dist'), { recursive: true });
renameSync(join(stageDist, zabs[0]!), join(root, 'dist', zabs[0]!));

const zab = join(root, 'dist', zabs[0]!);
const manifest = readZab(zab);
step(`${relative(root, zab)}: ${manifest.zpks.length} packages`);
for (const z of manifest.zpks)
  console.log(`  ${z.screenType.padEnd(6)} ${z.screenResolution.padEnd(8)} ${z.cpuPlatform}`);
step('done');
