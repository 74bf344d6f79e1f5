// The side service's answer to the watch's sync, against the real issuer on loopback; and what the side
// service logs on the way, which must name what failed and never carry a secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../lib/payment/code';
import { KEYS, parseStatus } from '../../lib/wallet/settings-keys';
import { syncRequest } from '../../lib/wallet/watch-phone';
import { addCard, createAccount, createBindingCode, createMerchant } from '../../server/domain/admin';
import { call, idem, startIssuer, type Harness } from '../server/helpers';
import { sideService } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer();
});
afterAll(async () => h.close());

const setup = () => sideService(() => h.clock.now);

describe('side service: watch sync', () => {
  it('answers not-bound before binding', async () => {
    const { sync } = setup();
    expect(await sync.handleSync(syncRequest(null))).toMatchObject({ ok: false, failure: 'not-bound' });
  });

  it('gives a watch without a lease one it can pay with', async () => {
    const { storage, sync, act } = setup();
    const { accountId } = await createAccount(h.ctx, { name: 'Ann', balance: 50_000, currency: 'CNY' });
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, (await createBindingCode(h.ctx, accountId)).code);
    expect(await act({ type: 'bind' })).toMatchObject({ outcome: 'ok' });
    const reply = await sync.handleSync(syncRequest(null));
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.sync.lease).not.toBeNull();
    const { merchantKey } = await createMerchant(h.ctx, { name: 'Canteen' });
    const code = generateCode(reply.sync.lease!, h.clock.now);
    const charge = await call(h, 'POST', '/v1/merchant/charges', {
      token: merchantKey,
      body: { code, amount: 1_200, currency: 'CNY', idempotencyKey: idem() },
    });
    expect(charge.body).toMatchObject({ status: 'approved' });
  });

  it('tells the watch it was unbound when the issuer forgets the device, and drops the credential', async () => {
    const { storage, sync, act } = setup();
    const { accountId } = await createAccount(h.ctx, { name: 'Bo', balance: 0, currency: 'CNY' });
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, (await createBindingCode(h.ctx, accountId)).code);
    await act({ type: 'bind' });
    await call(h, 'DELETE', '/v1/devices/self', { token: storage.getItem(KEYS.credential)! });
    expect(await sync.handleSync(syncRequest('lease'))).toMatchObject({ ok: false, failure: 'unbound' });
    expect(storage.getItem(KEYS.credential)).toBeNull();
    // The settings page says so by a code (lib/wallet/settings-errors.ts), in its own language.
    expect(parseStatus(storage.getItem(KEYS.status))).toMatchObject({
      bound: false,
      outcome: 'error',
      error: { code: 'unbound', args: [], issuer: 'unauthorized' },
    });
  });

  it('reports an unreachable issuer as such', async () => {
    const { storage, sync, log } = setup();
    storage.setItem(KEYS.issuerUrl, 'http://127.0.0.1:9');
    storage.setItem(KEYS.credential, 'x');
    expect(await sync.handleSync(syncRequest(null))).toMatchObject({ ok: false, failure: 'issuer-unreachable' });
    expect(log.lines).toEqual([
      expect.stringMatching(/^watch sync failed: IssuerRequestError 0 unreachable: issuer not reachable/),
    ]);
  });
});

describe('side service logs', () => {
  it('name every failure and carry no credential, binding code, lease secret or payment code', async () => {
    const { storage, sync, act, log } = setup();
    const secrets: string[] = [];
    const { accountId } = await createAccount(h.ctx, { name: 'Cy', balance: 10_000, currency: 'CNY' });
    const { cardId } = await addCard(h.ctx, { accountId, name: 'Metro', balance: 100 });
    storage.setItem(KEYS.issuerUrl, h.url);

    // A wrong binding code (refused by the issuer), then the right one.
    const wrong = (await createBindingCode(h.ctx, accountId)).code.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    secrets.push(wrong);
    storage.setItem(KEYS.bindingCode, wrong);
    expect(await act({ type: 'bind' })).toMatchObject({ outcome: 'error' });
    const right = (await createBindingCode(h.ctx, accountId)).code;
    secrets.push(right);
    storage.setItem(KEYS.bindingCode, right);
    expect(await act({ type: 'bind' })).toMatchObject({ outcome: 'ok' });
    const credential = storage.getItem(KEYS.credential)!;
    secrets.push(credential);

    const reply = await sync.handleSync(syncRequest(null));
    if (!reply.ok) throw new Error(reply.message);
    secrets.push(reply.sync.lease!.secret, generateCode(reply.sync.lease!, h.clock.now));

    // Refused by the issuer: limits over the caps, a top-up larger than the wallet.
    // Each with the code and arguments the settings page says it by (lib/wallet/settings-errors.ts).
    expect(await act({ type: 'set-limits', perPayment: 10 ** 12, daily: 10 ** 12 })).toMatchObject({
      outcome: 'error',
      error: {
        code: 'limits.over-cap',
        args: [
          { minor: 200_000, currency: 'CNY' },
          { minor: 500_000, currency: 'CNY' },
        ],
        issuer: 'over-cap',
      },
    });
    expect(await act({ type: 'top-up', cardId, amount: 10 ** 9 })).toMatchObject({
      outcome: 'error',
      error: { code: 'top-up.insufficient-funds', args: [{ minor: 10 ** 9, currency: 'CNY' }] },
    });
    // The issuer forgets the device: the next sync and the next action fail with 401.
    await call(h, 'DELETE', '/v1/devices/self', { token: credential });
    storage.setItem(KEYS.credential, credential);
    expect(await act({ type: 'refresh' })).toMatchObject({ outcome: 'error', error: { code: 'unbound' } });
    storage.setItem(KEYS.credential, credential);
    expect(await sync.handleSync(syncRequest('lease'))).toMatchObject({ ok: false, failure: 'unbound' });
    storage.setItem(KEYS.credential, credential);
    expect(await act({ type: 'unbind' })).toMatchObject({ outcome: 'ok' });

    expect(log.lines.length).toBeGreaterThanOrEqual(6);
    expect(log.lines.filter((l) => l.startsWith('settings action ')).length).toBe(4);
    expect(log.lines).toContain('unbind: the issuer no longer knew this device');
    const text = log.lines.join('\n');
    for (const secret of secrets) expect(text).not.toContain(secret);
    // Nor the secret parts in other spellings: the binding code in lower case, the credential's tail.
    expect(text.toLowerCase()).not.toContain(right.toLowerCase());
    expect(text).not.toContain(credential.slice(-12));
  });
});
