// The reference gate (server/reader) against a real issuer on loopback: offline verdicts with clear
// reasons, one fare for a code read by two offline readers, an upload cut short and resumed after a
// restart counting once, revocation once the reader holds the new list, and fuzzed codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRideCode } from '../../lib/ride/code';
import { RIDE_STEP_SECONDS } from '../../lib/ride/format';
import { bookBalance } from '../../server/domain/ledger';
import { Reader } from '../../server/reader/reader';
import { call, card, customer, type Harness, operator, startIssuer } from '../server/helpers';

let h: Harness;
let dir: string;
let operatorKey: string;
let operatorId: string;
beforeAll(async () => {
  h = await startIssuer();
  dir = mkdtempSync(join(tmpdir(), 'reader-test-'));
  ({ operatorKey, operatorId } = await operator(h));
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

describe('a reader', () => {
  it('charges a code read by two offline readers once, and reports the duplicate', async () => {
    const r = await rider(1_000);
    const a = await gate();
    const b = await gate();
    a.net.up = b.net.up = false;
    const { text } = makeRideCode(r.lease, r.cardId, h.clock.now);
    expect(a.reader.read(text)).toMatchObject({ ok: true });
    expect(b.reader.read(text)).toMatchObject({ ok: true });
    expect(a.reader.read(text)).toMatchObject({ ok: false, reason: 'used' });
    await expect(a.reader.upload()).rejects.toThrow(/network cut/);
    a.net.up = b.net.up = true;
    expect(await a.reader.upload()).toMatchObject({ sent: 1, charged: 1 });
    expect(await b.reader.upload()).toMatchObject({ sent: 1, duplicate: 1 });
    expect(await bookBalance(h.ctx.db, r.cardId)).toBe(800);
    const dup = await h.ctx.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM ride_taps WHERE operator_id = ? AND status = 'duplicate' AND card_id = ?",
      operatorId,
      r.cardId,
    );
    expect(Number(dup!.n)).toBe(1);
    a.reader.close();
    b.reader.close();
  });

  it("refuses a revoked device's code once it has the new list", async () => {
    const r = await rider();
    const g = await gate();
    const offline = await gate(); // fetched the list before the revocation, then lost its network
    offline.net.up = false;
    expect(g.reader.read(makeRideCode(r.lease, r.cardId, h.clock.now).text)).toMatchObject({ ok: true });
    h.clock.now += 1000;
    expect((await call(h, 'DELETE', '/v1/devices/self', { token: r.credential })).status).toBe(204);
    h.clock.now += RIDE_STEP_SECONDS * 1000;
    const next = makeRideCode(r.lease, r.cardId, h.clock.now).text;
    // Without the new list a reader cannot know (docs/ride-codes.md: how fresh the list must be);
    // the issuer refuses that tap at upload.
    expect(offline.reader.read(next)).toMatchObject({ ok: true });
    await g.reader.refresh();
    expect(g.reader.read(next)).toMatchObject({ ok: false, reason: 'revoked' });
    offline.net.up = true;
    expect(await offline.reader.upload()).toMatchObject({ sent: 1, refused: 1 });
    g.reader.close();
    offline.reader.close();
  });

  it('refuses with a clear reason: another card, another step, truncated, altered, stale list', async () => {
    const r = await rider();
    const other = await rider();
    const g = await gate();
    const mine = makeRideCode(r.lease, r.cardId, h.clock.now).text;
    const theirs = makeRideCode(other.lease, other.cardId, h.clock.now).text;
    // Certificate of one card, step signature of the other's key: digits 0..218 carry the header,
    // serial, notAfter and certificate (bytes 0..72) only approximately, so splice the bytes.
    const { rideDigitsToBytes, rideBytesToDigits } = await import('../../lib/ride/format');
    const x = rideDigitsToBytes(mine);
    const y = rideDigitsToBytes(theirs);
    x.set(y.subarray(73), 73);
    x[0] = (x[0]! & ~8) | (y[0]! & 8);
    const cases: Array<[string, string]> = [
      [rideBytesToDigits(x), 'bad-signature'],
      [makeRideCode(r.lease, r.cardId, h.clock.now - 5 * RIDE_STEP_SECONDS * 1000).text, 'outside-window'],
      [mine.slice(0, 300), 'malformed'],
      [mine.slice(0, 330) + String((Number(mine[330]) + 3) % 10) + mine.slice(331), 'bad-signature'],
    ];
    for (const [code, reason] of cases) {
      const v = g.reader.read(code);
      expect(v).toMatchObject({ ok: false, reason });
      if (!v.ok) expect(v.message).toMatch(/\w{4,}/);
    }
    expect(g.reader.read(mine)).toMatchObject({ ok: true });
    h.clock.now += 26 * 3600_000; // past nextUpdate (1 h) and the 24 h grace, network cut
    g.net.up = false;
    expect(g.reader.read(makeRideCode(r.lease, r.cardId, h.clock.now).text)).toMatchObject({
      ok: false,
      reason: 'revocation-list-stale',
    });
    h.clock.now -= 26 * 3600_000;
    g.reader.close();
  });

  it('never crashes on fuzzed codes and accepts none of them', async () => {
    const r = await rider();
    const g = await gate();
    const good = makeRideCode(r.lease, r.cardId, h.clock.now).text;
    const near = fc
      .tuple(fc.nat(good.length), fc.string({ minLength: 1, maxLength: 6 }))
      .map(([i, s]) => good.slice(0, i) + s + good.slice(i + s.length))
      .filter((s) => s.trim() !== good);
    fc.assert(
      fc.property(fc.oneof(near, fc.string({ maxLength: 360 }), fc.stringMatching(/^\d{340}$/), fc.anything()), (x) => {
        expect(g.reader.read(x).ok).toBe(false);
      }),
      { numRuns: 60 },
    );
    expect(g.reader.pending()).toBe(0);
    g.reader.close();
  });
});
