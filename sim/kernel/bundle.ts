// Bundles one entry of the app (app.ts, a page, app-side/index.ts, setting/index.ts) into a single
// script a node:vm realm can run, the way the Zepp build would ship it:
// - esbuild, in memory, bundle: true, platform neutral, format 'iife' (the entry only has side
//   effects: App(...), Page(...), AppSideService(...), AppSettingsPage(...); nothing is exported);
// - ZML is bundled unmodified from node_modules (it finds its platform through globals at run time);
// - every '@zos/*' import, and the 'i18n' import of API 1.0 apps (`import { gettext } from 'i18n'`),
//   becomes `__zosRequire('<name>')`, a global the realm defines, so the realm decides what each
//   module is (and throws for a module it does not know, or, on API 1.0, for any @zos module);
// - 'zosLoader:./index.[pf].layout.js' resolves to index.<shape>.layout.ts beside the importer,
//   as the Zepp build does per screen shape.
// Results are cached per (root, entry, shape) for the life of the process.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { ShapeLetter } from './contracts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BundleOptions {
  /** Screen shape whose layout files the zosLoader imports pick: r (round), s (square), b (band). Default r. */
  shape?: ShapeLetter;
  /** Folder the entry path is relative to; default the project root. Fixture apps pass theirs. */
  root?: string;
  /**
   * 'v1': for an API 1.0 watch, whose engine has no generator functions (versioned_docs/version-1.0/guides/
   * framework/device/js-support.md): a generator (or async generator) anywhere in the bundle fails it.
   */
  engine?: 'v1';
}

const cache = new Map<string, Promise<string>>();

export function bundleEntry(entryRelPath: string, opts: BundleOptions = {}): Promise<string> {
  const shape = opts.shape ?? 'r';
  if (shape !== 'r' && shape !== 's' && shape !== 'b')
    throw new Error(`bundleEntry: shape must be 'r', 's' or 'b', got ${JSON.stringify(shape)}`);
  const root = resolve(opts.root ?? PROJECT_ROOT);
  const entry = isAbsolute(entryRelPath) ? entryRelPath : resolve(root, entryRelPath);
  const key = `${entry}\0${shape}\0${opts.engine ?? ''}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = bundleNow(entry, shape, opts.engine);
    cache.set(key, hit);
    // A failed build is not cached: the next call reports the (possibly fixed) error again.
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

/** The entry file for an app.json path without extension ('page/home/index.page' -> .ts). */
export function entryFile(root: string, modulePath: string): string {
  for (const ext of ['.ts', '.js']) {
    const file = resolve(root, modulePath + ext);
    if (existsSync(file)) return file;
  }
  throw new Error(`bundle: no ${modulePath}.ts or .js under ${root}`);
}

async function bundleNow(entry: string, shape: ShapeLetter, engine?: 'v1'): Promise<string> {
  if (!existsSync(entry)) throw new Error(`bundleEntry: ${entry} does not exist`);
  const result = await build({
    // esbuild cannot lower generators, so telling it the target has none makes any generator an error.
    ...(engine === 'v1' ? { supported: { generator: false, 'async-generator': false } } : {}),
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    target: 'es2020',
    // platform neutral has no main fields by default; ZML and the libraries resolve through "exports"
    // or "module"/"main".
    mainFields: ['module', 'main'],
    resolveExtensions: ['.ts', '.js', '.json'],
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [zosModulesPlugin(), zosLoaderPlugin(shape)],
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error(`bundleEntry: esbuild gave no output for ${entry}`);
  return out.text;
}

function zosModulesPlugin(): Plugin {
  return {
    name: 'zos-modules',
    setup(b) {
      // The bare 'i18n' is API 1.0's gettext module on the watch and the Settings App's: the realm answers it.
      b.onResolve({ filter: /^(@zos\/|i18n$)/ }, (args) => ({ path: args.path, namespace: 'zos-module' }));
      b.onLoad({ filter: /.*/, namespace: 'zos-module' }, (args) => ({
        contents: `module.exports = __zosRequire(${JSON.stringify(args.path)});`,
        loader: 'js',
      }));
    },
  };
}

function zosLoaderPlugin(shape: ShapeLetter): Plugin {
  return {
    name: 'zos-loader',
    setup(b) {
      b.onResolve({ filter: /^zosLoader:/ }, (args) => {
        const spec = args.path.slice('zosLoader:'.length);
        if (!spec.includes('[pf]')) return { errors: [{ text: `zosLoader import without [pf]: ${args.path}` }] };
        const file = resolve(args.resolveDir, spec.replace('[pf]', shape).replace(/\.js$/, '.ts'));
        if (!existsSync(file)) {
          return {
            errors: [
              {
                text: `zosLoader: no ${relative(PROJECT_ROOT, file)} for shape '${shape}' (imported by ${relative(PROJECT_ROOT, args.importer)})`,
              },
            ],
          };
        }
        return { path: file };
      });
    },
  };
}
