// The till's front end, bundled by esbuild in this process the first time it is asked for (about
// 0.1 s), so a fresh clone serves it with no build step; `npm run build:till` writes the same files
// to dist/till/ for a look. Nothing comes from a CDN: zxing-wasm's .wasm is served from
// node_modules as /till/zxing_reader.wasm.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TillAsset {
  body: Buffer;
  type: string;
}

const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));

let built: Promise<Map<string, TillAsset>> | undefined;

async function build(): Promise<Map<string, TillAsset>> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: { app: join(WEB_DIR, 'main.ts'), style: join(WEB_DIR, 'style.css') },
    bundle: true,
    write: false,
    outdir: '/till-out',
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    external: ['/till/*'],
  });
  const assets = new Map<string, TillAsset>();
  for (const file of result.outputFiles) {
    const name = file.path.split('/').pop()!;
    const type = name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8';
    assets.set(name === 'style.css' ? 'app.css' : name, { body: Buffer.from(file.contents), type });
  }
  assets.set('index.html', { body: readFileSync(join(WEB_DIR, 'index.html')), type: 'text/html; charset=utf-8' });
  const wasm = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  assets.set('zxing_reader.wasm', { body: readFileSync(wasm), type: 'application/wasm' });
  // A Chinese font for machines without one (style.css loads it only for CJK characters that the
  // system's fonts lack): the one the simulator renders the watch with.
  const require = createRequire(import.meta.url);
  const cjk = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf');
  if (existsSync(cjk)) assets.set('noto-sans-sc.otf', { body: readFileSync(cjk), type: 'font/otf' });
  return assets;
}

/** The till's files by name (index.html, app.js, app.css, zxing_reader.wasm, noto-sans-sc.otf); built once per process. */
export function tillAssets(): Promise<Map<string, TillAsset>> {
  built ??= build().catch((err: unknown) => {
    built = undefined; // let the next request try again
    throw err;
  });
  return built;
}

/** Writes the bundle to a folder (npm run build:till). */
export async function writeTillBundle(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const assets = await tillAssets();
  for (const [name, asset] of assets) writeFileSync(join(dir, name), asset.body);
  return [...assets.keys()];
}
