// A reader killed mid-upload and restarted uploads nothing twice: once with the issuer's answer to a
// batch lost (the reader dies between the issuer's commit and its own), once with a real SIGKILL of a
// reader process in the middle of its upload. Slow lane (crash tests, a child process, hundreds of taps).
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeRideCode } from '../../lib/ride/code';
import { RIDE_STEP_SECONDS } from '../../lib/ride/format';
import { bookBalance } from '../../server/domain/ledger';
import { readerWorld } from './world';

const w = readerWorld();
const { gate, rider } = w;

describe('a reader killed mid-upload', () => {
  it('killed mid-upload and restarted, uploads nothing twice', async () => {
    const r = await rider(1_000_000);
    const file = join(w.dir, 'crash.sqlite');
    // The issuer gets the second batch and answers, but the reader dies before storing the answer;
    // dead, it makes no more calls (its one retry on a reset connection fails too).
    let posts = 0;
    let dead = false;
    const dying = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      if (dead) throw new Error('killed');
      const res = await fetch(input, init);
      if (init?.method === 'POST' && ++posts === 2) {
        await res.text();
        dead = true;
        throw new Error('killed');
      }
      return res;
    }) as typeof fetch;
    const first = await gate({ file, id: 'crashy', fetch: dying, batch: 10 });
    const start = w.h.clock.now;
    const n = 25; // batches of 10: the second is lost
    for (let i = 0; i < n; i++) {
      w.h.clock.now = start + i * RIDE_STEP_SECONDS * 1000;
      expect(first.reader.read(makeRideCode(r.lease, r.cardId, w.h.clock.now).text)).toMatchObject({ ok: true });
    }
    await expect(first.reader.upload()).rejects.toThrow('killed');
    expect(first.reader.pending()).toBe(15);
    first.reader.close();
    const again = await gate({ file, id: 'crashy', batch: 10 });
    expect(again.reader.pending()).toBe(15);
    expect(await again.reader.upload()).toMatchObject({ sent: 15, charged: 15 });
    expect(again.reader.pending()).toBe(0);
    expect(await again.reader.upload()).toMatchObject({ sent: 0 });
    expect(await bookBalance(w.h.ctx.db, r.cardId)).toBe(1_000_000 - n * 200);
    const taps = await w.h.ctx.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM ride_taps WHERE reader_id = 'crashy'");
    expect(Number(taps!.n)).toBe(n);
    again.reader.close();
  });

  it('SIGKILLed while uploading, restarted, charges every tap once', { timeout: 180_000 }, async () => {
    const r = await rider(10_000_000);
    const file = join(w.dir, 'killed.sqlite');
    const g = await gate({ file, id: 'killed' });
    const start = w.h.clock.now;
    const n = 120;
    for (let i = 0; i < n; i++) {
      w.h.clock.now = start + i * RIDE_STEP_SECONDS * 1000;
      expect(g.reader.read(makeRideCode(r.lease, r.cardId, w.h.clock.now).text)).toMatchObject({ ok: true });
    }
    g.reader.close();
    const count = async () =>
      Number(
        (await w.h.ctx.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM ride_taps WHERE reader_id = 'killed'"))!.n,
      );
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/reader/upload-child.ts', file, 'killed', w.h.url, w.operatorKey, '5'],
      { stdio: 'ignore' },
    );
    const exited = new Promise((ok) => child.on('exit', ok));
    // Kill it once the issuer has some of its taps but not all.
    while ((await count()) < 20 && child.exitCode === null) await new Promise((ok) => setTimeout(ok, 10));
    child.kill('SIGKILL');
    await exited;
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(20);
    expect(before).toBeLessThan(n);
    const again = await gate({ file, id: 'killed', batch: 50 });
    const pending = again.reader.pending();
    expect(pending).toBeGreaterThanOrEqual(n - before); // what the issuer has not seen, and perhaps a batch it has
    expect(await again.reader.upload()).toMatchObject({ sent: pending });
    expect(again.reader.pending()).toBe(0);
    expect(await count()).toBe(n);
    expect(await bookBalance(w.h.ctx.db, r.cardId)).toBe(10_000_000 - n * 200);
    again.reader.close();
  });
});
