// Calls made in one turn of the event loop, sent to the database as one
// statement (PostgreSQL: one round trip instead of one per call; see
// docs/scaling.md). `run` gets the turn's keys, at most `max` at a time, and
// answers one value per key in the same order; if it throws, every call of
// that chunk gets the error.
export function tickBatch<K, V>(run: (keys: K[]) => Promise<V[]>, max = 64): (key: K) => Promise<V> {
  let queue: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    const all = queue;
    queue = [];
    for (let start = 0; start < all.length; start += max) {
      const chunk = all.slice(start, start + max);
      run(chunk.map((c) => c.key))
        .then(
          (values) => {
            if (values.length !== chunk.length) throw new Error(`batch answered ${values.length} of ${chunk.length}`);
            chunk.forEach((c, i) => c.resolve(values[i]!));
          },
          (err: unknown) => chunk.forEach((c) => c.reject(err)),
        )
        .catch((err: unknown) => chunk.forEach((c) => c.reject(err)));
    }
  };
  return (key) =>
    new Promise<V>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ key, resolve, reject });
    });
}
