// npm run build: type-check, compile .ts beside the sources, then run the vendor's zeus build fully offline.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
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

/** The folders zeus packs; lib/ is imported by them. */
const SOURCE_DIRS = ['page', 'app-side', 'setting', 'lib'];

/** Files under the source folders (and app.*) whose name ends with `ext`. */
function sourceFiles(ext: string): string[] {
  const files = existsSync(join(root, `app${ext}`)) ? [`app${ext}`] : [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(ext) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  SOURCE_DIRS.filter((d) => existsSync(join(root, d))).forEach(walk);
  return files;
}

step('type-check (tsc --noEmit)');
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], { stdio: 'inherit' });
if (tsc.status !== 0) fail('type errors (see above)');

// Every .js there is generated (git ignores them): remove the old ones so a deleted .ts leaves nothing behind.
for (const js of sourceFiles('.js')) rmSync(join(root, js));
const sources = sourceFiles('.ts');
step(`compile ${sources.length} .ts files beside their sources (esbuild, no bundling)`);
buildSync({
  entryPoints: sources.map((f) => join(root, f)),
  outdir: root,
  outbase: root,
  bundle: false,
  format: 'esm',
  target: 'es2020',
  logLevel: 'warning',
});
// Type-only modules compile to empty files, which zpm would pack as empty chunks.
for (const f of sources) {
  const js = join(root, f.replace(/\.ts$/, '.js'));
  if (existsSync(js) && readFileSync(js, 'utf8').trim() === '') rmSync(js);
}

step('write the offline device catalog into .zeus-home/.zepp');
const cliVersion = JSON.parse(readFileSync(join(root, 'node_modules/@zeppos/zeus-cli/package.json'), 'utf8')).version as string;
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
  cwd: root,
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
// The .js files were only for zpm: remove them, or tsx and vitest would load them instead of the .ts sources.
for (const js of sourceFiles('.js')) rmSync(join(root, js));
const zabs = existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.zab')) : [];
// zeus exits 0 even when packing failed: the .zab is the only proof.
if (zabs.length === 0) fail(`zeus build produced no dist/*.zab (exit code ${zeus.status})`);

const zab = join(root, 'dist', zabs[0]!);
const manifest = readZab(zab);
step(`${relative(root, zab)}: ${manifest.zpks.length} packages`);
for (const z of manifest.zpks) console.log(`  ${z.screenType.padEnd(6)} ${z.screenResolution.padEnd(8)} ${z.cpuPlatform}`);
step('done');

