// The API 1.0 globals are declared once (band/types/zos-1.0.d.ts), and both programs that call them read
// that file: the band's (band/tsconfig.json) and the root one (tsconfig.json: the simulator's 1.0 fixture app).
// Two declarations drifted apart before (types/hm.d.ts beside it); this keeps a second one from coming back.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = 'band/types/zos-1.0.d.ts';
const GLOBALS = ['hmUI', 'hmApp', 'hmFS', 'hmSetting', 'hmSensor', 'hmBle', 'timer'];

/** Our .d.ts files (node_modules, dot folders and build output left out). */
function declarationFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.') || ['dist', 'demo', 'preview'].includes(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) declarationFiles(p, out);
    else if (e.name.endsWith('.d.ts')) out.push(relative(ROOT, p));
  }
  return out;
}

/** The files a tsconfig's program is made of. */
function programFiles(tsconfig: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  return (parsed?.fileNames ?? []).map((f) => relative(ROOT, f));
}

describe('the API 1.0 globals', () => {
  it(`are declared in ${SHARED} only`, () => {
    const declaring = declarationFiles(ROOT).filter((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return GLOBALS.some((g) => new RegExp(`^declare (const|let|var) ${g}\\b`, 'm').test(text));
    });
    expect(declaring).toEqual([SHARED]);
  });

  it.each(['tsconfig.json', 'band/tsconfig.json'])('reach the program of %s', (tsconfig) => {
    expect(programFiles(tsconfig)).toContain(SHARED);
  });
});
