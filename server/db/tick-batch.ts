// Calls made in one turn of the event loop, sent to the database as one
// statement (PostgreSQL: one round trip instead of one per call; see
// docs/scaling.md). `run` gets the keys, at most `max` at a time, and answers
// one value per key in the same order; if it throws, every call of that chunk
// gets the error. At most `inFlight` chunks wait on the database at once;
// calls made meanwhile queue up and go together when one returns, so under
// load the batches grow instead of the round trips (a group commit's rule).
export function tickBatch<K, V>(
  run: (keys: K[]) => Promise<V[]>,
  opts: { max?: number; inFlight?: number } = {},
): (key: K) => Promise<V> {
  const max = opts.max ?? 64;
  const limit = opts.inFlight ?? 4;
  let queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  let running = 0;
  const flush = () => {
    scheduled = false;
    while (queue.length > 0 && running < limit) {
      const chunk = queue.slice(0, max);
      queue = queue.slice(max);
      running++;
      run(chunk.map((c) => c.key))
        .then((values) => {
          if (values.length !== chunk.length) throw new Error(`batch answered ${values.length} of ${chunk.length}`);
          chunk.forEach((c, i) => c.resolve(values[i]!));
        })
        .catch((err: unknown) => chunk.forEach((c) => c.reject(err)))
        .finally(() => {
          running--;
          if (queue.length > 0 && !scheduled) {
            scheduled = true;
            setImmediate(flush);
          }
        });
    }
  };
  return (key) =>
    new Promise<V>((resolve, reject) => {
      queue.push({ key, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
