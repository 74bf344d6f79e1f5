// docs/platform.md's API 1.0 section against reference/zos-api.tsv and band/'s sources: every 1.0 call the
// band pages make is in the tsv at level 1.0 and in the section (as a row, or named in its object's rows),
// and every row's level is the tsv's.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadZosApi } from '../../reference/zos-api';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(join(ROOT, 'docs/platform.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Band: API 1.0'));
const OBJECTS = ['hmUI', 'hmApp', 'hmSetting', 'hmFS', 'hmSensor', 'timer', 'i18n'];
const api = loadZosApi();
/** The tsv's row of object.name: a member, or a detail such as a constant (hmFS.O_CREAT, hmSensor.id.TIME). */
const rowOf = (object: string, name: string) => api.entries.find((e) => e.module === object && e.name === name);

/** `hmUI.createWidget`, `hmSensor.id.TIME`, ... used in the band pages' sources (declarations left out). */
function uses(): Array<[string, string]> {
  const found = new Set<string>();
  for (const e of readdirSync(join(ROOT, 'band'), { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.ts') || e.name.endsWith('.d.ts')) continue;
    const text = readFileSync(join(e.parentPath, e.name), 'utf8');
    for (const m of text.matchAll(/\b(hmUI|hmApp|hmSetting|hmFS|hmSensor|timer)\.(id\.[A-Z_]+|[A-Za-z_]+)/g))
      found.add(`${m[1]} ${m[2]}`);
    if (/from 'i18n'/.test(text)) found.add('i18n gettext');
  }
  return [...found].map((k) => k.split(' ') as [string, string]);
}

describe('docs/platform.md, API 1.0 section', () => {
  const rows = [...section.matchAll(/^\|\s*(\w+)\s*\|\s*([\w.]+)\s*\|\s*([\d.]+)\s*\|(.*)$/gm)].filter((m) =>
    OBJECTS.includes(m[1]!),
  );

  it('gives each row the level of reference/zos-api.tsv', () => {
    expect(rows.length).toBeGreaterThan(25);
    const wrong = rows.flatMap(([line, object, member, level]) => {
      const row = rowOf(object!, member!);
      if (!row) return [`${line}: not in reference/zos-api.tsv`];
      return row.apiLevel.toFixed(1) === level ? [] : [`${line}: the table says ${row.apiLevel.toFixed(1)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('lists every 1.0 call the band pages make, each in the tsv at level 1.0', () => {
    const used = uses();
    expect(used.length).toBeGreaterThan(25);
    const missing = used.filter(([object, member]) => {
      const own = rows.some((r) => r[1] === object && r[2] === member);
      const named = rows.some((r) => r[1] === object && r[4]!.includes(member));
      return !own && !named;
    });
    expect(missing).toEqual([]);
    expect(used.filter(([object, member]) => rowOf(object, member)?.apiLevel !== 1)).toEqual([]);
  });
});
