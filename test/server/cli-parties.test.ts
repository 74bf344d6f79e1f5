// The operator's side of merchants, transit operators, accounts and devices through the CLI:
// revoke and rotate keys (the old key stops at once), list and show, revoke a device, --help.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../lib/payment/code';
import { main, USAGE } from '../../server/cli';
import { call, customer, type Harness, idem, startIssuer } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer({ realClock: true });
});
afterAll(async () => {
  await h.close();
});

async function issuer(...args: string[]): Promise<{ code: number; text: string; out: any }> {
  let text = '';
  const code = await main(
    args,
    { write: (t: string) => (text += t) },
    { ...process.env, WALLET_DB: join(h.dir, 'issuer.sqlite'), DATABASE_URL: h.databaseUrl ?? '' },
  );
  let out: unknown;
  try {
    out = JSON.parse(text);
  } catch {
    out = undefined;
  }
  return { code, text, out };
}

const charge = (key: string, code: string) =>
  call(h, 'POST', '/v1/merchant/charges', {
    token: key,
    body: { code, amount: 100, currency: 'CNY', idempotencyKey: idem() },
  });
const tap = (key: string, cardId: string) =>
  call(h, 'POST', '/v1/transit/taps', { token: key, body: { cardId, fare: 100, line: 'L1', idempotencyKey: idem() } });

describe('merchants and operators', () => {
  it('rotate-key: the new key works, the old one is refused at once; revoke stops the key', async () => {
    const m = (await issuer('merchant', 'create', '--name', 'Kiosk')).out;
    const c = await customer(h);
    expect((await charge(m.merchantKey, generateCode(c.lease, Date.now()))).status).toBe(200);

    const rotated = await issuer('merchant', 'rotate-key', '--merchant', m.merchantId);
    expect(rotated.code).toBe(0);
    expect(rotated.out.merchantId).toBe(m.merchantId);
    expect(rotated.out.merchantKey).toMatch(/^wm_/);
    expect(rotated.out.merchantKey).not.toBe(m.merchantKey);
    expect((await charge(m.merchantKey, 'x')).status).toBe(401);
    expect((await charge(rotated.out.merchantKey, 'x')).status).toBe(200);

    const revoked = await issuer('merchant', 'revoke', '--merchant', m.merchantId);
    expect(revoked.out).toEqual({ id: m.merchantId, revokedAt: expect.any(Number) });
    expect((await charge(rotated.out.merchantKey, 'x')).status).toBe(401);
    expect((await issuer('merchant', 'rotate-key', '--merchant', m.merchantId)).out.error).toBe('revoked');

    const shown = (await issuer('merchant', 'show', '--merchant', m.merchantId)).out;
    expect(shown).toMatchObject({
      id: m.merchantId,
      name: 'Kiosk',
      revokedAt: revoked.out.revokedAt,
      balances: { CNY: 100 },
    });
    expect(JSON.stringify(shown)).not.toContain('wm_');
    const listed = (await issuer('merchant', 'list')).out.merchants;
    expect(listed.find((x: { id: string }) => x.id === m.merchantId)).toMatchObject({ name: 'Kiosk' });
    expect((await issuer('merchant', 'show', '--merchant', 'm_nope')).out.error).toBe('not-found');
  });

  it('the same for transit operators', async () => {
    const o = (await issuer('operator', 'create', '--name', 'Tram')).out;
    const acct = (await issuer('account', 'create', '--name', 'Rider', '--balance', '0', '--currency', 'CNY')).out;
    const cardId = (
      await issuer('card', 'add', '--account', acct.accountId, '--name', 'Tram card', '--balance', '1000')
    ).out.cardId;
    expect((await tap(o.operatorKey, cardId)).status).toBe(200);
    const rotated = (await issuer('operator', 'rotate-key', '--operator', o.operatorId)).out;
    expect((await tap(o.operatorKey, cardId)).status).toBe(401);
    expect((await tap(rotated.operatorKey, cardId)).status).toBe(200);
    await issuer('operator', 'revoke', '--operator', o.operatorId);
    expect((await tap(rotated.operatorKey, cardId)).status).toBe(401);
    expect((await issuer('operator', 'show', '--operator', o.operatorId)).out).toMatchObject({
      name: 'Tram',
      balances: { CNY: 200 },
    });
    expect((await issuer('operator', 'list')).out.operators.some((x: { id: string }) => x.id === o.operatorId)).toBe(
      true,
    );
  });
});

describe('accounts and devices', () => {
  it('shows an account with its balance and devices, and revokes one device', async () => {
    const c = await customer(h, 12_345);
    const shown = (await issuer('account', 'show', '--account', c.accountId)).out;
    expect(shown).toMatchObject({
      id: c.accountId,
      balance: 12_345,
      currency: 'CNY',
      devices: [{ id: c.deviceId, unboundAt: null, liveLeases: 1 }],
    });
    expect(
      (await issuer('account', 'list')).out.accounts.find((a: { id: string }) => a.id === c.accountId),
    ).toMatchObject({ balance: 12_345, devices: 1 });
    expect((await issuer('device', 'list', '--account', c.accountId)).out.devices).toHaveLength(1);

    const revoked = await issuer('device', 'revoke', '--device', c.deviceId);
    expect(revoked.out).toEqual({ id: c.deviceId, unboundAt: expect.any(Number) });
    expect((await call(h, 'GET', '/v1/sync', { token: c.credential })).status).toBe(401);
    expect((await issuer('account', 'show', '--account', c.accountId)).out.devices[0]).toMatchObject({
      liveLeases: 0,
      unboundAt: revoked.out.unboundAt,
    });
    expect((await issuer('device', 'revoke', '--device', 'd_nope')).out.error).toBe('not-found');
  });
});

describe('--help', () => {
  it('answers --help for the tool and for every command, exit 0, without touching the database', async () => {
    const top = await issuer('--help');
    expect(top.code).toBe(0);
    expect(top.text).toBe(`${USAGE}\n`);
    const commands = USAGE.split('\n')
      .slice(1, -1)
      .map((l) => l.trim().split(/ +(?=-|->|\[)/)[0]!);
    expect(commands.length).toBeGreaterThanOrEqual(17);
    for (const command of commands) {
      const r = await issuer(...command.split(' '), '--help');
      expect(r.code, command).toBe(0);
      expect(r.text, command).toContain(`usage: npm run issuer -- ${command}`);
    }
  });
});
