// Group commit: one transaction per turn of the event loop, answers after the
// commit, and a failing item never takes the others' writes with it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../../server/domain/group-commit';
import { type Db, openDatabase } from '../../server/db/open';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  db = openDatabase(join(dir, 'x.sqlite'));
  db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (k: number) => () => db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(k, `v${k}`).changes;

describe('groupCommit', () => {
  it('runs items of one turn in one transaction and resolves each with its value', async () => {
    const submit = groupCommit(db);
    const seen: boolean[] = [];
    const results = await Promise.all(
      [1, 2, 3].map((k) =>
        submit(() => {
          seen.push(db.inTransaction);
          return insert(k)();
        }),
      ),
    );
    expect(results).toEqual([1, 1, 1]);
    expect(seen).toEqual([true, true, true]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 3 });
  });

  it('keeps every good item and rejects only the failing ones, for any mix', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 30 }), async (keys) => {
        db.exec('DELETE FROM t');
        const submit = groupCommit(db, 8);
        const outcomes = await Promise.allSettled(keys.map((k) => submit(insert(k))));
        // The first insert of each key wins; repeats hit the primary key and fail alone.
        const firsts = new Set<number>();
        outcomes.forEach((o, i) => {
          const k = keys[i]!;
          if (!firsts.has(k)) {
            firsts.add(k);
            expect(o.status).toBe('fulfilled');
          } else expect(o.status).toBe('rejected');
        });
        const rows = db.prepare('SELECT k FROM t ORDER BY k').all() as { k: number }[];
        expect(rows.map((r) => r.k)).toEqual([...firsts].sort((a, b) => a - b));
      }),
      { numRuns: 60 },
    );
  });

  it('answers only after the data is committed', async () => {
    const submit = groupCommit(db);
    const other = openDatabase(join(dir, 'x.sqlite')); // a second connection sees only committed rows
    try {
      await submit(insert(7));
      expect(other.prepare('SELECT v FROM t WHERE k = 7').get()).toEqual({ v: 'v7' });
    } finally {
      other.close();
    }
  });
});
