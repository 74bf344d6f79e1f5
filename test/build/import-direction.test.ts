// The folders import in one direction: lib/ needs nothing of ours but lib/; the app (app.ts, page/,
// app-side/, setting/) only lib/; scripts/ (the build) reads reference/ and lib/; sim/ reads lib/,
// reference/ and the issuer in server/ (for the demo); nothing outside test/ imports test/, and
// nothing imports bench/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The top folder (or root file) a module belongs to. */
const area = (abs: string): string => relative(ROOT, abs).split('/')[0] ?? '';

const ALLOWED: Record<string, string[]> = {
  lib: ['lib'],
  'app.ts': ['lib', 'page'],
  page: ['page', 'lib'],
  'app-side': ['app-side', 'lib'],
  // The shortcut card shares the pages' helpers (stored wallet, strings, colours).
  'app-widget': ['app-widget', 'page', 'lib'],
  setting: ['setting', 'lib'],
  // The band app (API 1.0): its own pages, lib/ as the watches use it, the watches' side service and settings page.
  band: ['band', 'lib', 'app-side', 'setting'],
  reference: ['reference', 'lib'],
  scripts: ['scripts', 'reference', 'lib'],
  server: ['server', 'lib'],
  sim: ['sim', 'lib', 'reference', 'server'],
  bench: ['bench', 'sim', 'server', 'lib', 'reference'],
  test: [
    'test',
    'sim',
    'server',
    'lib',
    'reference',
    'scripts',
    'page',
    'app-side',
    'app-widget',
    'setting',
    'app.ts',
    'band',
  ],
};

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.') || ['dist', 'demo', 'preview'].includes(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Relative import specifiers: static, dynamic and re-exports. */
export function relativeImports(text: string): string[] {
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('import direction', () => {
  it('finds relative imports of every form', () => {
    const text = `import a from './a';\nexport { b } from "../b";\nconst c = await import('./c');\nimport './d';`;
    expect(relativeImports(text)).toEqual(['./a', '../b', './c', './d']);
  });

  it('every module imports only from the folders its part may use', () => {
    const wrong: string[] = [];
    for (const file of sources(ROOT)) {
      const from = area(file);
      // Fixture apps under sim/fixtures are apps of their own; they import nothing of ours.
      const allowed = ALLOWED[from];
      if (!allowed) continue;
      for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
        const to = area(resolve(dirname(file), spec));
        if (!allowed.includes(to)) wrong.push(`${relative(ROOT, file)} imports ${spec} (${from} may not use ${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
