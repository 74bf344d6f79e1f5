// tickBatch: the calls of one turn of the event loop in one batch, in order,
// chunked, with a bound on batches in flight; an error reaches its chunk only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tickBatch } from '../../server/db/tick-batch';

const turn = () => new Promise((r) => setImmediate(r));

describe('tickBatch', () => {
  it('sends the calls of one turn together and answers each with its own value', async () => {
    const batches: number[][] = [];
    const double = tickBatch(async (xs: number[]) => (batches.push(xs), xs.map((x) => x * 2)));
    const first = await Promise.all([1, 2, 3].map(double));
    const second = await Promise.all([4, 5].map(double));
    expect(first).toEqual([2, 4, 6]);
    expect(second).toEqual([8, 10]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('cuts a turn into chunks of max, and a failing chunk rejects only its own calls', async () => {
    const batches: number[][] = [];
    const f = tickBatch(
      async (xs: number[]) => {
        batches.push(xs);
        if (xs.includes(3)) throw new Error('boom');
        return xs;
      },
      { max: 2 },
    );
    const settled = await Promise.allSettled([1, 2, 3, 4, 5].map(f));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
  });

  it('rejects every call of a batch that answers the wrong number of values', async () => {
    const f = tickBatch(async (xs: number[]) => xs.slice(1));
    await expect(Promise.all([1, 2].map(f))).rejects.toThrow(/answered 1 of 2/);
  });

  it('keeps at most inFlight batches waiting; calls made meanwhile go together when one returns', async () => {
    const release: (() => void)[] = [];
    const batches: number[][] = [];
    let waiting = 0;
    let most = 0;
    const f = tickBatch(
      (xs: number[]) =>
        new Promise<number[]>((resolve) => {
          batches.push(xs);
          most = Math.max(most, ++waiting);
          release.push(() => (waiting--, resolve(xs)));
        }),
      { inFlight: 1 },
    );
    const a = f(1);
    await turn();
    const rest = [2, 3, 4].map(f);
    await turn();
    await turn();
    expect(batches).toEqual([[1]]); // 2, 3, 4 wait for the one in flight
    release.shift()!();
    expect(await a).toBe(1);
    await turn();
    await turn();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    release.shift()!();
    expect(await Promise.all(rest)).toEqual([2, 3, 4]);
    expect(most).toBe(1);
  });

  it('answers every call with its own value whatever the turns, chunk sizes and bound', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer(), { maxLength: 20 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 3 }),
        async (turns, max, inFlight) => {
          let most = 0;
          let waiting = 0;
          const f = tickBatch(
            async (xs: number[]) => {
              expect(xs.length).toBeLessThanOrEqual(max);
              most = Math.max(most, ++waiting);
              await turn();
              waiting--;
              return xs.map((x) => `v${x}`);
            },
            { max, inFlight },
          );
          const pending: Promise<string[]>[] = [];
          for (const xs of turns) {
            pending.push(Promise.all(xs.map(f)));
            await turn();
          }
          const answers = await Promise.all(pending);
          expect(answers).toEqual(turns.map((xs) => xs.map((x) => `v${x}`)));
          expect(most).toBeLessThanOrEqual(inFlight);
        },
      ),
      { numRuns: 60 },
    );
  });
});
