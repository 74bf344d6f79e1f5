// The operator's CLI against the same SQLite file while the server runs: in process through its
// main(argv, out, env), and once as the spawned command `npm run issuer` runs.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../lib/payment/code';
import { main } from '../../server/cli';
import { call, type Harness, idem, startIssuer } from './helpers';

const run = promisify(execFile);
let h: Harness;
beforeAll(async () => {
  h = await startIssuer({ realClock: true });
});
afterAll(async () => {
  await h.close();
});

async function issuer(...args: string[]): Promise<{ code: number; out: any }> {
  let text = '';
  const code = await main(
    args,
    { write: (t: string) => (text += t) },
    { ...process.env, WALLET_DB: join(h.dir, 'issuer.sqlite'), DATABASE_URL: h.databaseUrl ?? '' },
  );
  expect(text.endsWith('\n') && text.indexOf('\n') === text.length - 1, `one line: ${text}`).toBe(true);
  return { code, out: JSON.parse(text) };
}

/** The command as its own process. */
async function spawned(...args: string[]): Promise<{ code: number; out: any }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      env: { ...process.env, WALLET_DB: join(h.dir, 'issuer.sqlite'), DATABASE_URL: h.databaseUrl ?? '' },
    });
    return { code: 0, out: JSON.parse(stdout) };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: JSON.parse(err.stdout) };
  }
}

describe('npm run issuer', () => {
  it('sets up an account, card, binding code, merchant and operator the running server uses', async () => {
    const [acct, m, o] = await Promise.all([
      issuer('account', 'create', '--name', 'Li Wei', '--balance', '10000', '--currency', 'CNY'),
      issuer('merchant', 'create', '--name', 'Canteen'),
      issuer('operator', 'create', '--name', 'Metro'),
    ]);
    expect(acct.out.accountId).toMatch(/^a_[0-9a-z]{12}$/);
    expect(m.out.merchantKey).toMatch(/^wm_/);
    expect(o.out.operatorKey).toMatch(/^wo_/);
    const [crd, bc] = await Promise.all([
      issuer('card', 'add', '--account', acct.out.accountId, '--name', 'Metro', '--balance', '500'),
      issuer('binding-code', '--account', acct.out.accountId),
    ]);
    expect(bc.out.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(bc.out.expiresAt - Date.now()).toBeGreaterThan(9 * 60_000);

    const bound = await call(h, 'POST', '/v1/devices/bind', {
      body: { bindingCode: bc.out.code, deviceName: 'Active 2' },
    });
    expect(bound.status).toBe(201);
    const paid = await call(h, 'POST', '/v1/merchant/charges', {
      token: m.out.merchantKey,
      body: { code: generateCode(bound.body.lease, Date.now()), amount: 1200, currency: 'CNY', idempotencyKey: idem() },
    });
    expect(paid.body.status).toBe('approved');
    const tapped = await call(h, 'POST', '/v1/transit/taps', {
      token: o.out.operatorKey,
      body: { cardId: crd.out.cardId, fare: 200, line: 'Line 1', idempotencyKey: idem() },
    });
    expect(tapped.body.balance).toBe(300);
    const rec = await issuer('reconcile');
    expect(rec.out).toMatchObject({ ok: true, problems: [] });
  });

  it('prints {error, message} and exits 1 on bad input', async () => {
    for (const args of [
      ['account', 'create', '--name', 'X', '--balance', '-5', '--currency', 'CNY'],
      ['account', 'create', '--name', 'X', '--currency', 'yuan'],
      ['card', 'add', '--account', 'a_nope', '--name', 'X'],
      ['binding-code'],
      ['frobnicate'],
      ['merchant', 'create', '--name', 'X', '--bogus', 'y'],
    ]) {
      const r = await issuer(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(Object.keys(r.out).sort()).toEqual(['error', 'message']);
    }
  });

  it('runs as its own process: one JSON line on stdout, exit code 0 or 1', async () => {
    const [ok, bad] = await Promise.all([spawned('merchant', 'create', '--name', 'Kiosk'), spawned('frobnicate')]);
    expect(ok.code).toBe(0);
    expect(ok.out.merchantKey).toMatch(/^wm_/);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatchObject({ error: 'usage', message: expect.stringMatching(/unknown command "frobnicate"/) });
  });
});
