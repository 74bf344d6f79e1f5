import { describe, expect, it } from 'vitest';
import { loadZosApi, parseApiLevel, parseZosApi } from '../../reference/zos-api';

const HEADER = 'module\tname\tkind\tapi_level\tdoc_page\tnote';

describe('Zepp OS API levels (reference/zos-api.tsv)', () => {
  it('parses the shipped table', () => {
    const api = loadZosApi();
    expect(api.entries.length).toBeGreaterThan(150);
    expect(api.member('@zos/ui', 'createWidget')).toMatchObject({
      apiLevel: 2,
      kind: 'function',
      assumed: false,
      docPage: expect.stringMatching(/ui\/createWidget\.mdx$/),
    });
    expect(api.member('@zos/app', 'onMessage')).toMatchObject({ apiLevel: 3.6, docPage: null, assumed: true });
    // Details (a constant's value, a widget's method) are not module members.
    expect(api.member('@zos/ui', 'widget.CANVAS')).toBeUndefined();
    expect(api.entries.find((e) => e.name === 'widget.CANVAS')).toMatchObject({ member: false, apiLevel: 3 });
  });

  it('answers what exists at a level', () => {
    const api = loadZosApi();
    expect(api.has('@zos/app', 'getPackageInfo', 3.0)).toBe(true);
    expect(api.has('@zos/app', 'onMessage', 3.0)).toBe(false);
    expect(api.has('@zos/app', 'onMessage', 3.6)).toBe(true);
    expect(api.has('@zos/app', 'noSuchThing', 9)).toBe(false);
    expect(api.hasModule('@zos/crypto', 2.1)).toBe(false);
    expect(api.hasModule('@zos/crypto', 3.0)).toBe(true);
    expect(api.hasModule('@zos/nothing', 9)).toBe(false);
    expect(api.membersAt('@zos/timer', 3.0).sort()).toEqual(['clearTimeout', 'setTimeout']);
  });

  it('gives every row a doc page, or a note saying what its level is assumed from', () => {
    for (const e of loadZosApi().entries) {
      if (e.docPage === null) expect(e.note, `${e.module} ${e.name}`).toMatch(/^ASSUMED \d\.\d: .{20,}/);
      else expect(e.docPage, `${e.module} ${e.name}`).toMatch(/^(docs|versioned_docs\/version-1\.0)\/.+\.mdx?$/);
    }
  });

  it('rejects malformed rows with their line number', () => {
    expect(() => parseZosApi('a\tb\n')).toThrow(/expected header/);
    expect(() => parseZosApi(`${HEADER}\n@zos/ui\tx\tfunction\t3\tdocs/a.mdx\t\n`)).toThrow(/line 2: bad API level/);
    expect(() => parseZosApi(`${HEADER}\n@zos/ui\tx\tthing\t3.0\tdocs/a.mdx\t\n`)).toThrow(/line 2: unknown kind/);
    expect(() => parseZosApi(`${HEADER}\n@zos/ui\tx\tfunction\t3.0\t-\tused by ZML\n`)).toThrow(/line 2: .*ASSUMED/);
    expect(() =>
      parseZosApi(`# c\n${HEADER}\n@zos/ui\tx\tfunction\t3.0\tdocs/a.mdx\t\n@zos/ui\tx\tfunction\t3.6\tdocs/a.mdx\t\n`),
    ).toThrow(/line 4: .*twice/);
    expect(() => parseZosApi(`${HEADER}\nzos/ui\tx\tfunction\t3.0\tdocs/a.mdx\t\n`)).toThrow(/bad module/);
  });

  it('reads app.json API versions', () => {
    expect(parseApiLevel('3.0')).toBe(3);
    expect(parseApiLevel('3.6.0')).toBe(3.6);
    expect(() => parseApiLevel('3')).toThrow(/not an API level/);
  });
});
