// The till's API through app.inject: the cookie session, CSRF, the page's security headers,
// exactly-once charges by idempotency key, decline reasons, refunds, and how sessions end.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEmvCpm } from '../../lib/emv/cpm';
import { generateCode } from '../../lib/payment/code';
import { revokeParty, rotatePartyKey } from '../../server/domain/parties';
import { TILL_CSP } from '../../server/routes/till';
import { TILL_IDLE_MS } from '../../server/till/sessions';
import { customer, type Harness, merchant, startIssuer } from './helpers';

let h: Harness;
let app: FastifyInstance;
const logs: string[] = [];
beforeAll(async () => {
  h = await startIssuer({
    logStream: { write: (line) => logs.push(line) },
    config: { rateLimits: { signIn: { max: 1000, windowMs: 60_000 } } },
  });
  app = h.app;
});
afterAll(async () => {
  await h.close();
});

const ORIGIN = 'http://localhost:80';
let keyN = 0;
const saleKey = () => `sale-${process.pid}-${++keyN}-${Math.random().toString(36).slice(2, 10)}`;

interface Till {
  cookie: string;
  csrf: string;
}

async function signIn(merchantKey: string, headers: Record<string, string> = {}): Promise<Till> {
  const res = await app.inject({
    method: 'POST',
    url: '/till/api/session',
    headers: { host: 'localhost:80', ...headers },
    payload: { merchantKey },
  });
  expect(res.statusCode, res.body).toBe(200);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, csrf: res.json().csrfToken };
}

function tillCall(
  till: Till,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method,
    url: `/till/api/${path}`,
    headers: { host: 'localhost:80', cookie: till.cookie, 'x-csrf-token': till.csrf, origin: ORIGIN, ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

const chargesOf = async (merchantId: string): Promise<number> =>
  Number((await h.ctx.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM charges WHERE merchant_id = ?', merchantId))!.n);

describe('the page', () => {
  it('is served with a strict CSP and no inline script or style', async () => {
    for (const url of [
      '/till',
      '/till/',
      '/till/app.js',
      '/till/app.css',
      '/till/zxing_reader.wasm',
      '/till/api/session',
    ]) {
      const res = await app.inject({ url });
      expect(res.headers['content-security-policy'], url).toBe(TILL_CSP);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
    expect(TILL_CSP).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(TILL_CSP).toContain("frame-ancestors 'none'");
    expect(TILL_CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:/);
    const html = (await app.inject({ url: '/till' })).body;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/https?:\/\//);
    const wasm = await app.inject({ url: '/till/zxing_reader.wasm' });
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect(wasm.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    expect((await app.inject({ url: '/till/../server/app.ts' })).statusCode).toBe(404);
  });
});

describe('sign-in', () => {
  it('exchanges the merchant key for an HttpOnly SameSite=Strict cookie, never echoes the key and never logs it', async () => {
    const m = await merchant(h);
    const res = await app.inject({ method: 'POST', url: '/till/api/session', payload: { merchantKey: m.merchantKey } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^till_session=[A-Za-z0-9_-]{43}; Max-Age=\d+; Path=\/till; HttpOnly; SameSite=Strict$/);
    expect(res.body).not.toContain(m.merchantKey);
    expect(cookie).not.toContain(m.merchantKey);
    expect(res.json()).toMatchObject({ merchantName: 'Canteen', currency: 'CNY', idleMs: TILL_IDLE_MS });
    expect(res.headers['cache-control']).toBe('no-store');
    const wrong = await app.inject({
      method: 'POST',
      url: '/till/api/session',
      payload: { merchantKey: `${m.merchantKey}x` },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain(m.merchantKey);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(logs.join('\n')).not.toContain(m.merchantKey);
  });

  it('refuses a sign-in from another origin', async () => {
    const m = await merchant(h);
    const res = await app.inject({
      method: 'POST',
      url: '/till/api/session',
      headers: { host: 'localhost:80', origin: 'https://evil.example' },
      payload: { merchantKey: m.merchantKey },
    });
    expect(res.statusCode).toBe(403);
  });

  it('is rate-limited per address', async () => {
    const limited = await startIssuer({ config: { rateLimits: { signIn: { max: 3, windowMs: 60_000 } } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await limited.app.inject({ method: 'POST', url: '/till/api/session', payload: { merchantKey: 'wm_guess' } }))
            .statusCode,
        );
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('CSRF', () => {
  it('a charge needs the session cookie, the CSRF token and the same origin', async () => {
    const m = await merchant(h);
    const c = await customer(h);
    const till = await signIn(m.merchantKey);
    const body = { code: generateCode(c.lease, h.clock.now), amount: 100, idempotencyKey: saleKey() };
    expect((await tillCall({ ...till, cookie: '' }, 'POST', 'charges', body)).statusCode).toBe(401);
    expect((await tillCall({ ...till, csrf: '' }, 'POST', 'charges', body)).statusCode).toBe(403);
    expect(
      (
        await tillCall(
          { ...till, csrf: `${till.csrf.slice(0, -1)}${till.csrf.endsWith('A') ? 'E' : 'A'}` },
          'POST',
          'charges',
          body,
        )
      ).statusCode,
    ).toBe(403);
    expect((await tillCall(till, 'POST', 'charges', body, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await tillCall(till, 'POST', 'charges', body, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await tillCall(till, 'DELETE', 'session', undefined, { 'x-csrf-token': 'nope' })).statusCode).toBe(403);
    expect(await chargesOf(m.merchantId)).toBe(0);
    const ok = await tillCall(till, 'POST', 'charges', body);
    expect(ok.json()).toMatchObject({ status: 'approved', amount: 100, currency: 'CNY' });
    // Without an Origin header (some browsers omit it on same-origin requests) the token alone suffices.
    const ok2 = await tillCall(till, 'GET', 'charges');
    expect(ok2.statusCode).toBe(200);
  });
});

describe('exactly once', () => {
  it('the same idempotency key, sent again or twice at once, charges once and answers the same', async () => {
    const m = await merchant(h);
    const c = await customer(h);
    const till = await signIn(m.merchantKey);
    const body = { code: generateCode(c.lease, h.clock.now), amount: 250, idempotencyKey: saleKey() };
    const [a, b] = await Promise.all([
      tillCall(till, 'POST', 'charges', body),
      tillCall(till, 'POST', 'charges', body),
    ]);
    const again = await tillCall(till, 'POST', 'charges', body);
    expect(a.json()).toMatchObject({ status: 'approved' });
    expect(b.json()).toEqual(a.json());
    expect(again.json()).toEqual(a.json());
    expect(await chargesOf(m.merchantId)).toBe(1);
    // A register's key and a till's key of the same text are different sales.
    const list = (await tillCall(till, 'GET', 'charges')).json();
    expect(list.charges).toHaveLength(1);
    expect(list.today).toEqual({ amount: 250, count: 1, currency: 'CNY' });
  });
});

describe('EMV CPM', () => {
  it('the till sends an EMV QR payload as it is; it shares the single-use slot of the numeric code', async () => {
    const m = await merchant(h);
    const c = await customer(h);
    const till = await signIn(m.merchantKey);
    h.clock.now += 60_000;
    const emv = encodeEmvCpm(c.lease, h.clock.now);
    const paid = (
      await tillCall(till, 'POST', 'charges', { code: emv, amount: 300, idempotencyKey: saleKey() })
    ).json();
    expect(paid).toMatchObject({ status: 'approved', amount: 300 });
    const numeric = (
      await tillCall(till, 'POST', 'charges', {
        code: generateCode(c.lease, h.clock.now),
        amount: 300,
        idempotencyKey: saleKey(),
      })
    ).json();
    expect(numeric).toMatchObject({ status: 'declined', reason: 'used' });
  });
});

describe('reasons and refunds', () => {
  it('tells the till why a sale was declined; refunds in part and in full', async () => {
    const m = await merchant(h);
    const c = await customer(h, 1000);
    const till = await signIn(m.merchantKey);
    const code = generateCode(c.lease, h.clock.now);
    const first = (await tillCall(till, 'POST', 'charges', { code, amount: 600, idempotencyKey: saleKey() })).json();
    expect(first.status).toBe('approved');
    const used = (await tillCall(till, 'POST', 'charges', { code, amount: 600, idempotencyKey: saleKey() })).json();
    expect(used).toMatchObject({ status: 'declined', reason: 'used' });
    h.clock.now += 60_000;
    const poor = (
      await tillCall(till, 'POST', 'charges', {
        code: generateCode(c.lease, h.clock.now),
        amount: 600,
        idempotencyKey: saleKey(),
      })
    ).json();
    expect(poor).toMatchObject({ status: 'declined', reason: 'insufficient-funds' });

    const part = await tillCall(till, 'POST', 'refunds', {
      chargeId: first.chargeId,
      amount: 200,
      idempotencyKey: saleKey(),
    });
    expect(part.json()).toMatchObject({ amount: 200, refundedTotal: 200 });
    const refundKey = saleKey();
    const rest = await tillCall(till, 'POST', 'refunds', {
      chargeId: first.chargeId,
      amount: 400,
      idempotencyKey: refundKey,
    });
    const restAgain = await tillCall(till, 'POST', 'refunds', {
      chargeId: first.chargeId,
      amount: 400,
      idempotencyKey: refundKey,
    });
    expect(rest.json()).toMatchObject({ refundedTotal: 600 });
    expect(restAgain.json()).toEqual(rest.json());
    const over = await tillCall(till, 'POST', 'refunds', {
      chargeId: first.chargeId,
      amount: 1,
      idempotencyKey: saleKey(),
    });
    expect(over.statusCode).toBe(409);
    const list = (await tillCall(till, 'GET', 'charges')).json();
    expect(
      list.charges.map((x: { status: string; reason: string | null; refunded: number }) => [
        x.status,
        x.reason,
        x.refunded,
      ]),
    ).toEqual([
      ['declined', 'insufficient-funds', 0],
      ['declined', 'used', 0],
      ['approved', null, 600],
    ]);
    expect(list.today).toEqual({ amount: 0, count: 1, currency: 'CNY' });
  });

  it('cannot refund another merchant charge', async () => {
    const m1 = await merchant(h);
    const m2 = await merchant(h);
    const c = await customer(h);
    const t1 = await signIn(m1.merchantKey);
    const t2 = await signIn(m2.merchantKey);
    const ch = (
      await tillCall(t1, 'POST', 'charges', {
        code: generateCode(c.lease, h.clock.now),
        amount: 100,
        idempotencyKey: saleKey(),
      })
    ).json();
    expect(
      (await tillCall(t2, 'POST', 'refunds', { chargeId: ch.chargeId, amount: 100, idempotencyKey: saleKey() }))
        .statusCode,
    ).toBe(404);
  });
});

describe('how a session ends', () => {
  it('on sign-out', async () => {
    const m = await merchant(h);
    const till = await signIn(m.merchantKey);
    expect((await tillCall(till, 'GET', 'session')).statusCode).toBe(200);
    const out = await tillCall(till, 'DELETE', 'session', undefined, { 'content-type': 'application/json' });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /^till_session=; Max-Age=0; Path=\/till; Expires=.*; HttpOnly; SameSite=Strict$/,
    );
    expect((await tillCall(till, 'GET', 'session')).statusCode).toBe(401);
  });

  it('after the idle time, not before', async () => {
    const m = await merchant(h);
    const till = await signIn(m.merchantKey);
    h.clock.now += TILL_IDLE_MS - 1000;
    expect((await tillCall(till, 'GET', 'session')).statusCode).toBe(200);
    h.clock.now += TILL_IDLE_MS - 1000;
    expect((await tillCall(till, 'GET', 'session')).statusCode).toBe(200);
    h.clock.now += TILL_IDLE_MS;
    expect((await tillCall(till, 'GET', 'session')).statusCode).toBe(401);
  });

  it('when the merchant key is rotated or revoked', async () => {
    const m = await merchant(h);
    const a = await signIn(m.merchantKey);
    const { key } = await rotatePartyKey(h.ctx, 'merchant', m.merchantId);
    expect((await tillCall(a, 'GET', 'charges')).statusCode).toBe(401);
    const b = await signIn(key);
    expect((await tillCall(b, 'GET', 'charges')).statusCode).toBe(200);
    await revokeParty(h.ctx, 'merchant', m.merchantId);
    expect((await tillCall(b, 'GET', 'charges')).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'POST', url: '/till/api/session', payload: { merchantKey: key } })).statusCode,
    ).toBe(401);
  });
});
