// Group commit: charges that arrive in the same turn of the event loop run in
// one SQLite transaction, each in its own savepoint, and are answered only
// after that transaction commits. A commit (WAL append of every page touched)
// costs more than the charge's statements, so sharing it raises throughput
// without weakening anything: an answer is still sent only once it is durable
// to the same degree as before. Items run without savepoints (they cost as
// much as the charge); if one throws, which only a bug or an I/O error does,
// the whole batch is rolled back and every item re-run in its own transaction,
// so one failure never takes the others' writes with it.
import type { Db } from '../db/open';

export type Submit = <T>(work: () => T) => Promise<T>;

export function groupCommit(db: Db, maxBatch = 256): Submit {
  const queue: { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length > 0) schedule();
    let values: unknown[] | undefined;
    try {
      values = db.transaction(() => batch.map((item) => item.work())).immediate();
    } catch {
      values = undefined; // rolled back as a whole: run each alone below
    }
    if (values) {
      batch.forEach((item, i) => item.resolve(values[i]));
      return;
    }
    for (const item of batch) {
      try {
        item.resolve(db.transaction(item.work).immediate());
      } catch (error) {
        item.reject(error);
      }
    }
  };

  const schedule = (): void => {
    scheduled = true;
    setImmediate(flush);
  };

  return <T>(work: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!scheduled) schedule();
    });
}
