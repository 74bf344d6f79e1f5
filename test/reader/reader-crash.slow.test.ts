// A reader killed mid-upload and restarted uploads nothing twice: once with the issuer's answer to a
// batch lost (the reader dies between the issuer's commit and its own), once with a real SIGKILL of a
// reader process in the middle of its upload. Slow lane (crash tests, a child process, hundreds of taps).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRideCode } from '../../lib/ride/code';
import { RIDE_STEP_SECONDS } from '../../lib/ride/format';
import { bookBalance } from '../../server/domain/ledger';
import { Reader } from '../../server/reader/reader';
import { call, card, customer, type Harness, operator, startIssuer } from '../server/helpers';

let h: Harness;
let dir: string;
let operatorKey: string;
beforeAll(async () => {
  h = await startIssuer();
  dir = mkdtempSync(join(tmpdir(), 'reader-test-'));
  ({ operatorKey } = await operator(h));
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

let readers = 0;
/** A reader that fetched keys and list while online; `net.up = false` cuts its network. */
async function gate(opts: { file?: string; id?: string; fetch?: typeof fetch; batch?: number } = {}) {
  const net = { up: true };
  const reader = new Reader({
    file: opts.file ?? join(dir, `r${++readers}.sqlite`),
    id: opts.id ?? `gate-${readers}`,
    line: 'Line 2',
    fare: 200,
    issuer: h.url,
    operatorKey,
    now: () => h.clock.now,
    ...(opts.batch ? { batch: opts.batch } : {}),
    fetch: (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      if (!net.up) throw new TypeError('fetch failed (network cut)');
      return (opts.fetch ?? fetch)(input, init);
    }) as typeof fetch,
  });
  await reader.refresh();
  return { reader, net };
}

async function rider(balance = 10_000) {
  const c = await customer(h);
  const cardId = await card(h, c.accountId, balance);
  const res = await call(h, 'POST', '/v1/leases', { token: c.credential });
  return { ...c, cardId, lease: res.body.lease };
}

describe('a reader killed mid-upload', () => {
  it('killed mid-upload and restarted, uploads nothing twice', async () => {
    const r = await rider(1_000_000);
    const file = join(dir, 'crash.sqlite');
    // The issuer gets the second batch and answers, but the reader dies before storing the answer.
    let posts = 0;
    const dying = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const res = await fetch(input, init);
      if (init?.method === 'POST' && ++posts === 2) {
        await res.text();
        throw new Error('killed');
      }
      return res;
    }) as typeof fetch;
    const first = await gate({ file, id: 'crashy', fetch: dying, batch: 10 });
    const start = h.clock.now;
    const n = 25; // batches of 10: the second is lost
    for (let i = 0; i < n; i++) {
      h.clock.now = start + i * RIDE_STEP_SECONDS * 1000;
      expect(first.reader.read(makeRideCode(r.lease, r.cardId, h.clock.now).text)).toMatchObject({ ok: true });
    }
    await expect(first.reader.upload()).rejects.toThrow('killed');
    expect(first.reader.pending()).toBe(15);
    first.reader.close();
    const again = await gate({ file, id: 'crashy', batch: 10 });
    expect(again.reader.pending()).toBe(15);
    expect(await again.reader.upload()).toMatchObject({ sent: 15, charged: 15 });
    expect(again.reader.pending()).toBe(0);
    expect(await again.reader.upload()).toMatchObject({ sent: 0 });
    expect(await bookBalance(h.ctx.db, r.cardId)).toBe(1_000_000 - n * 200);
    const taps = await h.ctx.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM ride_taps WHERE reader_id = 'crashy'");
    expect(Number(taps!.n)).toBe(n);
    again.reader.close();
  });

  it('SIGKILLed while uploading, restarted, charges every tap once', { timeout: 180_000 }, async () => {
    const r = await rider(10_000_000);
    const file = join(dir, 'killed.sqlite');
    const g = await gate({ file, id: 'killed' });
    const start = h.clock.now;
    const n = 120;
    for (let i = 0; i < n; i++) {
      h.clock.now = start + i * RIDE_STEP_SECONDS * 1000;
      expect(g.reader.read(makeRideCode(r.lease, r.cardId, h.clock.now).text)).toMatchObject({ ok: true });
    }
    g.reader.close();
    const count = async () =>
      Number((await h.ctx.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM ride_taps WHERE reader_id = 'killed'"))!.n);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/reader/upload-child.ts', file, 'killed', h.url, operatorKey, '5'],
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
    expect(await bookBalance(h.ctx.db, r.cardId)).toBe(10_000_000 - n * 200);
    again.reader.close();
  });
});
