// Ride codes on the issuer: certificates in the lease, the operator's routes (keys, revocation list,
// tap upload, exceptions) with their auth and schemas, one fare per ride whichever reader uploads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRideCode } from '../../lib/ride/code';
import { issuerKeysFrom, verifyRevocationList } from '../../lib/ride/issuer';
import { verifyRideCode } from '../../lib/ride/verify';
import { bookBalance } from '../../server/domain/ledger';
import { call, card, customer, type Harness, operator, startIssuer } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer();
});
afterAll(async () => {
  await h.close();
});

async function rider(balance = 1_000) {
  const c = await customer(h);
  const cardId = await card(h, c.accountId, balance);
  // A fresh lease after the card exists: bind happened before it, so ask the lease route.
  const res = await call(h, 'POST', '/v1/leases', { token: c.credential });
  expect(res.status).toBe(201);
  return { ...c, cardId, lease: res.body.lease };
}

const upload = (key: string, reader: string, taps: unknown[]) =>
  call(h, 'POST', '/v1/transit/ride-taps', { token: key, body: { reader, taps } });

describe('ride credentials in the lease', () => {
  it('certify each card, and the codes made from them verify with the published keys', async () => {
    const r = await rider();
    const { operatorKey } = await operator(h);
    expect(r.lease.ride).toEqual([expect.objectContaining({ card: r.cardId, key: 0 })]);
    const keys = await call(h, 'GET', '/v1/transit/ride-keys', { token: operatorKey });
    expect(keys.status).toBe(200);
    const map = issuerKeysFrom(keys.body.keys);
    const { text } = makeRideCode(r.lease, r.cardId, h.clock.now);
    expect(verifyRideCode(text, { keys: map, nowMs: h.clock.now })).toMatchObject({
      ok: true,
      serial: r.lease.ride[0].serial,
    });
    const sync = await call(h, 'GET', '/v1/sync', { token: r.credential });
    expect(sync.status).toBe(200);
  });
});

describe('POST /v1/transit/ride-taps', () => {
  it('charges a ride once: a repeated upload answers the same, a second reader gets a duplicate', async () => {
    const r = await rider(1_000);
    const { operatorKey } = await operator(h);
    const code = makeRideCode(r.lease, r.cardId, h.clock.now).text;
    const tap = { id: 1, code, at: h.clock.now, fare: 300, line: 'Line 2' };
    const first = await upload(operatorKey, 'gate-1', [tap]);
    expect(first.status).toBe(200);
    expect(first.body.results[0]).toMatchObject({ id: 1, status: 'charged', reason: null, first: null });
    const again = await upload(operatorKey, 'gate-1', [tap]);
    expect(again.body.results[0]).toEqual(first.body.results[0]);
    const other = await upload(operatorKey, 'bus-7', [{ ...tap, id: 41 }]);
    expect(other.body.results[0]).toMatchObject({
      id: 41,
      status: 'duplicate',
      tripId: null,
      first: { reader: 'gate-1', tap: 1 },
    });
    expect(await bookBalance(h.ctx.db, r.cardId)).toBe(700);
    const report = await call(h, 'GET', '/v1/transit/ride-taps/exceptions', { token: operatorKey });
    expect(report.status).toBe(200);
    expect(report.body.taps[0]).toMatchObject({ reader: 'bus-7', id: 41, status: 'duplicate', fare: 300 });
    const trips = await call(h, 'GET', '/v1/sync', { token: r.credential });
    expect(trips.body.cards[0].trips).toEqual([[h.clock.now, 300, 'Line 2']]);
  });

  it('refuses altered codes and leaves a card that cannot pay unpaid, with reasons', async () => {
    const r = await rider(100);
    const { operatorKey } = await operator(h);
    const code = makeRideCode(r.lease, r.cardId, h.clock.now).text;
    const altered = code.slice(0, 335) + String((Number(code[335]) + 1) % 10) + code.slice(336);
    const res = await upload(operatorKey, 'gate-2', [
      { id: 1, code: altered, at: h.clock.now, fare: 300, line: 'L1' },
      { id: 2, code, at: h.clock.now + 3600_000, fare: 300, line: 'L1' },
      { id: 3, code, at: h.clock.now, fare: 300, line: 'L1' },
    ]);
    expect(res.body.results.map((x: { status: string; reason: string }) => [x.status, x.reason])).toEqual([
      ['refused', 'bad-signature'],
      ['refused', 'outside-window'],
      ['unpaid', 'insufficient-funds'],
    ]);
    expect(await bookBalance(h.ctx.db, r.cardId)).toBe(100);
  });

  it('needs an operator key and a well-formed body', async () => {
    const r = await rider();
    const { operatorKey } = await operator(h);
    const code = makeRideCode(r.lease, r.cardId, h.clock.now).text;
    const tap = { id: 1, code, at: h.clock.now, fare: 300, line: 'L' };
    expect((await upload(r.credential, 'g', [tap])).status).toBe(401);
    expect((await call(h, 'GET', '/v1/transit/ride-keys')).status).toBe(401);
    expect((await call(h, 'GET', '/v1/transit/ride-revocations', { token: r.credential })).status).toBe(401);
    expect((await upload(operatorKey, 'g', [{ ...tap, code: code.slice(1) }])).status).toBe(400);
    expect((await upload(operatorKey, 'g', [])).status).toBe(400);
    expect((await upload(operatorKey, 'g', [{ ...tap, extra: 1 }])).status).toBe(400);
    expect(
      (
        await upload(
          operatorKey,
          'g',
          Array.from({ length: 201 }, (_, i) => ({ ...tap, id: i + 1 })),
        )
      ).status,
    ).toBe(400);
  });
});

describe('GET /v1/transit/ride-revocations', () => {
  it("lists an unbound device's serials in a list signed by the published key; its later taps are refused", async () => {
    const r = await rider();
    const { operatorKey } = await operator(h);
    const serial = r.lease.ride[0].serial as number;
    const keys = issuerKeysFrom((await call(h, 'GET', '/v1/transit/ride-keys', { token: operatorKey })).body.keys);
    const before = await call(h, 'GET', '/v1/transit/ride-revocations', { token: operatorKey });
    expect(verifyRevocationList(before.body, keys)).toMatchObject({ ok: true });
    expect(before.body.serials).not.toContain(serial);
    const code = makeRideCode(r.lease, r.cardId, h.clock.now).text;
    h.clock.now += 1000;
    expect((await call(h, 'DELETE', '/v1/devices/self', { token: r.credential })).status).toBe(204);
    const after = await call(h, 'GET', '/v1/transit/ride-revocations', { token: operatorKey });
    const checked = verifyRevocationList(after.body, keys);
    expect(checked.ok && checked.list.serials).toContain(serial);
    expect(after.body.nextUpdate).toBeGreaterThan(after.body.issuedAt);
    const res = await upload(operatorKey, 'gate-3', [
      { id: 1, code, at: h.clock.now - 1000, fare: 10, line: 'L' },
      {
        id: 2,
        code: makeRideCode(r.lease, r.cardId, h.clock.now + 30_000).text,
        at: h.clock.now + 30_000,
        fare: 10,
        line: 'L',
      },
    ]);
    expect(res.body.results.map((x: { status: string }) => x.status)).toEqual(['charged', 'refused']);
    expect(res.body.results[1].reason).toBe('revoked');
  });
});
