// The reference gate (server/reader) against a real issuer on loopback: offline verdicts with clear
// reasons, one fare for a code read by two offline readers, an upload cut short and resumed after a
// restart counting once, revocation once the reader holds the new list, and fuzzed codes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRideCode } from '../../lib/ride/code';
import { RIDE_STEP_SECONDS } from '../../lib/ride/format';
import { bookBalance } from '../../server/domain/ledger';
import { call } from '../server/helpers';
import { readerWorld } from './world';

const w = readerWorld();
const { gate, rider } = w;

describe('a reader', () => {
  it('charges a code read by two offline readers once, and reports the duplicate', async () => {
    const r = await rider(1_000);
    const a = await gate();
    const b = await gate();
    a.net.up = b.net.up = false;
    const { text } = makeRideCode(r.lease, r.cardId, w.h.clock.now);
    expect(a.reader.read(text)).toMatchObject({ ok: true });
    expect(b.reader.read(text)).toMatchObject({ ok: true });
    expect(a.reader.read(text)).toMatchObject({ ok: false, reason: 'used' });
    await expect(a.reader.upload()).rejects.toThrow(/network cut/);
    a.net.up = b.net.up = true;
    expect(await a.reader.upload()).toMatchObject({ sent: 1, charged: 1 });
    expect(await b.reader.upload()).toMatchObject({ sent: 1, duplicate: 1 });
    expect(await bookBalance(w.h.ctx.db, r.cardId)).toBe(800);
    const dup = await w.h.ctx.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM ride_taps WHERE operator_id = ? AND status = 'duplicate' AND card_id = ?",
      w.operatorId,
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
    expect(g.reader.read(makeRideCode(r.lease, r.cardId, w.h.clock.now).text)).toMatchObject({ ok: true });
    w.h.clock.now += 1000;
    expect((await call(w.h, 'DELETE', '/v1/devices/self', { token: r.credential })).status).toBe(204);
    w.h.clock.now += RIDE_STEP_SECONDS * 1000;
    const next = makeRideCode(r.lease, r.cardId, w.h.clock.now).text;
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
    const mine = makeRideCode(r.lease, r.cardId, w.h.clock.now).text;
    const theirs = makeRideCode(other.lease, other.cardId, w.h.clock.now).text;
    // Certificate of one card, step signature of the other's key: digits 0..218 carry the header,
    // serial, notAfter and certificate (bytes 0..72) only approximately, so splice the bytes.
    const { rideDigitsToBytes, rideBytesToDigits } = await import('../../lib/ride/format');
    const x = rideDigitsToBytes(mine);
    const y = rideDigitsToBytes(theirs);
    x.set(y.subarray(73), 73);
    x[0] = (x[0]! & ~8) | (y[0]! & 8);
    const cases: Array<[string, string]> = [
      [rideBytesToDigits(x), 'bad-signature'],
      [makeRideCode(r.lease, r.cardId, w.h.clock.now - 5 * RIDE_STEP_SECONDS * 1000).text, 'outside-window'],
      [mine.slice(0, 300), 'malformed'],
      [mine.slice(0, 330) + String((Number(mine[330]) + 3) % 10) + mine.slice(331), 'bad-signature'],
    ];
    for (const [code, reason] of cases) {
      const v = g.reader.read(code);
      expect(v).toMatchObject({ ok: false, reason });
      if (!v.ok) expect(v.message).toMatch(/\w{4,}/);
    }
    expect(g.reader.read(mine)).toMatchObject({ ok: true });
    w.h.clock.now += 26 * 3600_000; // past nextUpdate (1 h) and the 24 h grace, network cut
    g.net.up = false;
    expect(g.reader.read(makeRideCode(r.lease, r.cardId, w.h.clock.now).text)).toMatchObject({
      ok: false,
      reason: 'revocation-list-stale',
    });
    w.h.clock.now -= 26 * 3600_000;
    g.reader.close();
  });

  it('never crashes on fuzzed codes and accepts none of them', async () => {
    const r = await rider();
    const g = await gate();
    const good = makeRideCode(r.lease, r.cardId, w.h.clock.now).text;
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
