// Zepp OS API levels (reference/zos-api.tsv) as typed records: which @zos module members and watch
// globals exist at which API_LEVEL, with the doc page that says so. The simulator's watch realm, the
// platform doc and the app's static level check read it from here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsvRows } from './tsv';

export type ApiKind =
  | 'function'
  | 'class'
  | 'object'
  | 'constant'
  | 'global' // module members / globals
  | 'method'
  | 'property'
  | 'option'
  | 'field'; // details: a class's or widget's method, a widget property, an option, a result field

const KINDS: readonly ApiKind[] = [
  'function',
  'class',
  'object',
  'constant',
  'global',
  'method',
  'property',
  'option',
  'field',
];

export interface ApiEntry {
  /** '@zos/ui', ..., '(global)' for the watch's globals, or one of API 1.0's global objects (V1_MODULES: 'hmUI', ...). */
  module: string;
  /** A member name (an identifier) or a detail ('widget.CANVAS', 'Time.getTime', 'BUTTON.font', ...). */
  name: string;
  kind: ApiKind;
  /** The API_LEVEL it starts at, e.g. 3.6. */
  apiLevel: number;
  /** The page in zepp-health/zeppos-docs that gives the level; null where the docs have none (then `assumed`). */
  docPage: string | null;
  note: string;
  /** The docs do not give this level: the note says what it is assumed from. */
  assumed: boolean;
  /** A member of the module object (or a global), as opposed to a detail of one. */
  member: boolean;
  line: number;
}

const COLUMNS = ['module', 'name', 'kind', 'api_level', 'doc_page', 'note'] as const;

/**
 * API 1.0's modules: global objects (hmUI, hmApp, ...), the `timer` global and the build-resolved `i18n`
 * import (docs: versioned_docs/version-1.0/reference/device-app-api/; migration-guide.md for `i18n`).
 * Their members are rows like any module's; the 1.0 watch realm (sim/kernel/watch-realm.ts) serves them.
 */
export const V1_MODULES = ['hmUI', 'hmApp', 'hmFS', 'hmSetting', 'hmSensor', 'hmBle', 'timer', 'i18n'] as const;
export type V1Module = (typeof V1_MODULES)[number];
const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Parses the TSV; '#' lines are comments, the first other line is the header. Throws on a malformed row. */
export function parseZosApi(tsv: string): ApiEntry[] {
  const rows = tsvRows(tsv, COLUMNS, 'zos-api');
  const seen = new Set<string>();
  return rows.map(({ fields: f, line }) => {
    const [module, name, kind, level, doc, note] = f as [string, string, string, string, string, string];
    if (!/^@zos\/[\w/-]+$/.test(module) && module !== '(global)' && !(V1_MODULES as readonly string[]).includes(module))
      throw new Error(`zos-api line ${line}: bad module ${JSON.stringify(module)}`);
    if (name.trim() === '') throw new Error(`zos-api line ${line}: empty name`);
    if (!(KINDS as readonly string[]).includes(kind))
      throw new Error(`zos-api line ${line}: unknown kind ${JSON.stringify(kind)} (${KINDS.join(', ')})`);
    if (!/^\d+\.\d$/.test(level))
      throw new Error(`zos-api line ${line}: bad API level ${JSON.stringify(level)} (like 3.6)`);
    const assumed = note.startsWith('ASSUMED');
    if (doc === '-' && !assumed)
      throw new Error(
        `zos-api line ${line}: ${module} ${name} has no doc page, so its note must start with ASSUMED and say why`,
      );
    const key = `${module}\t${name}`;
    if (seen.has(key)) throw new Error(`zos-api line ${line}: ${module} ${name} listed twice`);
    seen.add(key);
    return {
      module,
      name,
      kind: kind as ApiKind,
      apiLevel: Number(level),
      docPage: doc === '-' ? null : doc,
      note,
      assumed,
      member: IDENT.test(name) && !['method', 'property', 'option', 'field'].includes(kind),
      line,
    };
  });
}

/** The API surface at one level, for lookups. */
export class ZosApi {
  constructor(readonly entries: readonly ApiEntry[]) {}

  /** The member row of module.name, if the table has one (at any level). */
  member(module: string, name: string): ApiEntry | undefined {
    return this.entries.find((e) => e.member && e.module === module && e.name === name);
  }

  /** The @zos modules the table knows (not the 1.0 global objects). */
  modules(): string[] {
    return [...new Set(this.entries.filter((e) => e.module.startsWith('@zos/')).map((e) => e.module))];
  }

  /** The level a module starts at: its lowest row (any row, members or details). */
  moduleLevel(module: string): number | undefined {
    const levels = this.entries.filter((e) => e.module === module).map((e) => e.apiLevel);
    return levels.length ? Math.min(...levels) : undefined;
  }

  /** Whether the module exists on a device of this level. */
  hasModule(module: string, level: number): boolean {
    const from = this.moduleLevel(module);
    return from !== undefined && from <= level;
  }

  /** Whether module.name exists on a device of this level. */
  has(module: string, name: string, level: number): boolean {
    const e = this.member(module, name);
    return e !== undefined && e.apiLevel <= level;
  }

  /** The member names of a module at a level. */
  membersAt(module: string, level: number): string[] {
    return this.entries.filter((e) => e.member && e.module === module && e.apiLevel <= level).map((e) => e.name);
  }
}

export const ZOS_API_TSV = fileURLToPath(new URL('./zos-api.tsv', import.meta.url));

let cached: ZosApi | null = null;
export function loadZosApi(): ZosApi {
  cached ??= new ZosApi(parseZosApi(readFileSync(ZOS_API_TSV, 'utf8')));
  return cached;
}

/** '3.6' / '3.0.0' (app.json's apiVersion fields) -> 3.6 / 3.0. */
export function parseApiLevel(text: string): number {
  const m = /^(\d+)\.(\d)(?:\.\d+)?$/.exec(text);
  if (!m) throw new Error(`not an API level: ${JSON.stringify(text)}`);
  return Number(`${m[1]}.${m[2]}`);
}
