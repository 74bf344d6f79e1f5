// Group commit (SQLite): transactions that arrive in the same turn of the
// event loop run in one SQLite transaction and are answered only after it
// commits. A commit (WAL append of every page touched) costs more than a
// charge's statements, so sharing it raises throughput without weakening
// anything: an answer is still sent only once it is durable to the same
// degree as before. Items run without savepoints (they cost as much as the
// charge); if one throws, the whole batch is rolled back and every item re-run
// in its own transaction, so one failure never takes the others' writes with
// it. Only items submitted with {group: true} share a commit; others run alone,
// in order. The queue is also the connection's mutex: work may await (the
// store's calls resolve at once), and nothing else runs on the connection
// until it is done. PostgreSQL has no equivalent here (pg-store.ts): one
// transaction per request over a pool, and the server shares WAL flushes.
import type { Db } from '../db/open';

export type Submit = <T>(work: () => T | Promise<T>, opts?: { group?: boolean }) => Promise<T>;

interface Item {
  work: () => unknown;
  group: boolean;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export interface GroupCommit {
  submit: Submit;
  /** True while a transaction is open on the connection. */
  busy(): boolean;
}

export function groupCommitter(db: Db, maxBatch = 256): GroupCommit {
  const queue: Item[] = [];
  let scheduled = false;
  let running = false;
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  const alone = async (item: Item): Promise<void> => {
    begin.run();
    try {
      const value = await item.work();
      commit.run();
      item.resolve(value);
    } catch (error) {
      if (db.inTransaction) rollback.run();
      item.reject(error);
    }
  };

  const flush = async (): Promise<void> => {
    scheduled = false;
    running = true;
    try {
      while (queue.length > 0) {
        const first = queue[0]!;
        let n = 1;
        if (first.group) while (n < queue.length && n < maxBatch && queue[n]!.group) n++;
        const batch = queue.splice(0, n);
        if (batch.length === 1) {
          try {
            await alone(batch[0]!);
          } catch (error) {
            batch[0]!.reject(error); // BEGIN failed (busy past busy_timeout)
          }
          continue;
        }
        let values: unknown[] | undefined;
        try {
          begin.run();
        } catch (error) {
          for (const item of batch) item.reject(error);
          continue;
        }
        try {
          values = [];
          for (const item of batch) values.push(await item.work());
          commit.run();
        } catch {
          if (db.inTransaction) rollback.run();
          values = undefined; // rolled back as a whole: run each alone below
        }
        if (values) {
          const v = values;
          batch.forEach((item, i) => item.resolve(v[i]));
          continue;
        }
        for (const item of batch) {
          try {
            await alone(item);
          } catch (error) {
            item.reject(error);
          }
        }
      }
    } finally {
      running = false;
    }
  };

  const schedule = (): void => {
    scheduled = true;
    setImmediate(() => void flush());
  };

  const submit: Submit = <T>(work: () => T | Promise<T>, opts?: { group?: boolean }): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, group: opts?.group ?? false, resolve: resolve as (v: unknown) => void, reject });
      if (!scheduled && !running) schedule();
    });
  return { submit, busy: () => running || db.inTransaction };
}

/** The earlier interface: every item may share a commit. */
export function groupCommit(db: Db, maxBatch = 256): Submit {
  const { submit } = groupCommitter(db, maxBatch);
  return (work, opts) => submit(work, { group: opts?.group ?? true });
}
