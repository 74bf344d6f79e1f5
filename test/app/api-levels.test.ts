// The app's own code (app.ts, page/, lib/) imports only @zos members that exist at the app's lowest
// API level, app.json runtime.apiVersion.minVersion, per reference/zos-api.tsv. (What ZML calls is
// checked at run time: the watch realm serves each device only its level's members.)
// No level guards exist: a member above minVersion means raising minVersion or not using it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { loadZosApi, parseApiLevel } from '../../reference/zos-api';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ZosUse {
  file: string;
  module: string;
  name: string;
}

function sources(): string[] {
  const out: string[] = [join(ROOT, 'app.ts')];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(entry) && !entry.endsWith('.d.ts')) out.push(path);
    }
  };
  walk(join(ROOT, 'page'));
  walk(join(ROOT, 'lib'));
  return out;
}

/**
 * The @zos members a file uses: named imports, default imports (as `default`), and the members read
 * from a namespace import. esbuild strips types and comments first, so type-only imports and
 * commented-out code do not count. require() / import() of @zos modules are reported as `<require>`.
 */
export function zosUses(file: string, ts: string): ZosUse[] {
  const js = transformSync(ts, { loader: 'ts', format: 'esm', target: 'es2022' }).code;
  const uses: ZosUse[] = [];
  const importRe = /import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\s*["'](@zos\/[^"']+)["']/g;
  for (const m of js.matchAll(importRe)) {
    const [, def, named, ns, module] = m as unknown as [
      string,
      string | undefined,
      string | undefined,
      string | undefined,
      string,
    ];
    if (def) uses.push({ file, module, name: 'default' });
    for (const part of (named ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      uses.push({ file, module, name: part.split(/\s+as\s+/)[0]!.trim() });
    }
    if (ns) {
      const members = new Set(
        [...js.matchAll(new RegExp(`\\b${ns.replace(/\$/g, '\\$')}\\.([\\w$]+)`, 'g'))].map((x) => x[1]!),
      );
      for (const name of members) uses.push({ file, module, name });
      if (new RegExp(`\\b${ns}\\b(?!\\.)`).test(js.replace(m[0], '')))
        uses.push({ file, module, name: `<namespace ${ns} used whole>` });
    }
  }
  for (const m of js.matchAll(/\b(?:require|import)\s*\(\s*["'](@zos\/[^"']+)["']/g))
    uses.push({ file, module: m[1]!, name: '<require>' });
  return uses;
}

describe('the app calls only what its lowest API level has', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'app.json'), 'utf8')) as {
    runtime: { apiVersion: { minVersion: string } };
  };
  const minVersion = parseApiLevel(manifest.runtime.apiVersion.minVersion);

  it('finds named, default and namespace imports, but not type-only or commented-out ones', () => {
    const ts = [
      "import { a, b as c } from '@zos/ui';",
      "import d, * as ns from '@zos/sensor';",
      "import type { T } from '@zos/app';",
      "// import { gone } from '@zos/crypto';",
      'const t: T = ns.Time; c(a, d, t, ns.Wear);',
    ].join('\n');
    expect(zosUses('x.ts', ts).map((u) => `${u.module} ${u.name}`)).toEqual([
      '@zos/ui a',
      '@zos/ui b',
      '@zos/sensor default',
      '@zos/sensor Time',
      '@zos/sensor Wear',
    ]);
    expect(zosUses('x.ts', "const m = require('@zos/ble'); m.send();").map((u) => u.name)).toEqual(['<require>']);
  });

  it(`app.ts, page/ and lib/ use @zos members of API level <= minVersion (app.json: ${minVersion.toFixed(1)})`, () => {
    const api = loadZosApi();
    const uses = sources().flatMap((f) => zosUses(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect(uses.length).toBeGreaterThan(5); // the scan sees the app's imports
    const wrong = uses
      .map((u) => ({ ...u, row: api.member(u.module, u.name) }))
      .filter((u) => !u.row || u.row.apiLevel > minVersion)
      .map(
        (u) =>
          `${u.file}: ${u.module} ${u.name} ${u.row ? `is API level ${u.row.apiLevel.toFixed(1)}` : 'is not in reference/zos-api.tsv'}`,
      );
    expect(wrong).toEqual([]);
  });

  it('docs/platform.md lists each of them, and gives every @zos member and watch global the level of the table', () => {
    const api = loadZosApi();
    const doc = readFileSync(join(ROOT, 'docs', 'platform.md'), 'utf8');
    const rows = [
      ...doc.matchAll(/^\|\s*(@zos\/[\w/]+|\(global\))\s*\|\s*([\w$]+)\s*\|\s*([\d.]+)( \(assumed\))?\s*\|/gm),
    ];
    expect(rows.length).toBeGreaterThan(30);
    const wrong = rows.flatMap(([line, module, name, level, assumed]) => {
      const row = api.member(module!, name!);
      if (!row) return [`${line}: not in reference/zos-api.tsv`];
      const want = `${row.apiLevel.toFixed(1)}${row.assumed ? ' (assumed)' : ''}`;
      return want === `${level}${assumed ?? ''}` ? [] : [`${line}: the table says ${want}`];
    });
    expect(wrong).toEqual([]);
    const appSection = doc.slice(doc.indexOf('## Watch: app.ts and the pages'), doc.indexOf('## Watch: ZML'));
    const listed = new Set(
      [...appSection.matchAll(/^\|\s*(@zos\/[\w/]+)\s*\|\s*([\w$]+)\s*\|/gm)].map((m) => `${m[1]} ${m[2]}`),
    );
    const uses = sources().flatMap((f) => zosUses(relative(ROOT, f), readFileSync(f, 'utf8')));
    expect([...new Set(uses.map((u) => `${u.module} ${u.name}`))].filter((k) => !listed.has(k))).toEqual([]);
  });
});
