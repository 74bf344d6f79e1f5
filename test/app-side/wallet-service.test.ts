// The side service's logic against the real issuer on loopback, with settingsStorage as a Map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWalletService } from '../../app-side/wallet-service';
import type { ZeppFetch } from '../../app-side/issuer-client';
import { KEYS, parseStatus } from '../../lib/wallet/settings';
import { syncRequest } from '../../lib/wallet/messages';
import { generateCode } from '../../lib/payment/code';
import { seedAccount, seedWorld } from '../../server/world';
import { call, idem, startIssuer, type Harness } from '../server/helpers';

/** Zepp's fetch on the phone, over node's fetch: body arrives as a string, as on some phones. */
const zeppFetch: ZeppFetch = async ({ url, method, headers, body }) => {
  const res = await fetch(url, { method, headers, body });
  return { status: res.status, body: await res.text() };
};

function mapStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

let h: Harness;
beforeAll(async () => {
  h = await startIssuer();
});
afterAll(async () => h.close());

function setup() {
  const storage = mapStorage();
  const service = createWalletService({ storage, fetch: zeppFetch, now: () => h.clock.now });
  let n = 0;
  const act = async (action: Record<string, unknown>) => {
    const id = `a${++n}`;
    storage.setItem(KEYS.action, JSON.stringify({ ...action, id }));
    await service.handleSettingsChange({ key: KEYS.action, newValue: storage.getItem(KEYS.action) });
    const status = parseStatus(storage.getItem(KEYS.status));
    expect(status.actionId).toBe(id);
    return status;
  };
  return { storage, service, act };
}

describe('side service', () => {
  it('answers not-bound before binding, and a bad binding code gets a clear message', async () => {
    const { storage, service, act } = setup();
    expect(await service.handleSync(syncRequest(null))).toMatchObject({ ok: false, failure: 'not-bound' });
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, 'abc');
    expect(await act({ type: 'bind' })).toMatchObject({ outcome: 'error', message: expect.stringMatching(/8 letters/), bound: false });
    storage.setItem(KEYS.issuerUrl, 'ftp://x');
    expect(await act({ type: 'bind' })).toMatchObject({ outcome: 'error', message: expect.stringMatching(/issuer address/) });
  });

  it('binds, syncs the watch with a lease it can pay with, sets limits, tops up and unbinds', async () => {
    const { storage, service, act } = setup();
    const { cardId, bindingCode, merchantKey } = seedWorld(h.ctx, { name: 'Ann', card: { name: 'Metro', balance: 1_000 } });
    storage.setItem(KEYS.issuerUrl, `${h.url}/`);
    storage.setItem(KEYS.bindingCode, bindingCode.toLowerCase());
    const bound = await act({ type: 'bind' });
    expect(bound).toMatchObject({ outcome: 'ok', bound: true, currency: 'CNY', cards: [{ id: cardId, name: 'Metro', balance: 1_000 }] });
    expect(storage.getItem(KEYS.credential)).toBeTruthy();
    expect(storage.getItem(KEYS.bindingCode)).toBeNull();

    // A watch without a lease gets one on its first sync, and a code from it is charged by a merchant.
    const reply = await service.handleSync(syncRequest(null));
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.sync.lease).not.toBeNull();
    const code = generateCode(reply.sync.lease!, h.clock.now);
    const charge = await call(h, 'POST', '/v1/merchant/charges', { token: merchantKey, body: { code, amount: 1_200, currency: 'CNY', idempotencyKey: idem() } });
    expect(charge.body).toMatchObject({ status: 'approved' });

    expect(await act({ type: 'set-limits', perPayment: 2_000, daily: 9_000 })).toMatchObject({ outcome: 'ok', limits: { perPayment: 2_000, daily: 9_000 } });
    const topUp = await act({ type: 'top-up', cardId, amount: 500 });
    expect(topUp).toMatchObject({ outcome: 'ok', cards: [{ id: cardId, balance: 1_500 }] });
    // The same action delivered again (the Zepp app may repeat a change) tops up once.
    await service.handleSettingsChange({ key: KEYS.action, newValue: storage.getItem(KEYS.action) });
    expect(parseStatus(storage.getItem(KEYS.status)).cards[0]!.balance).toBe(1_500);

    const credential = storage.getItem(KEYS.credential)!;
    expect(await act({ type: 'unbind' })).toMatchObject({ outcome: 'ok', bound: false });
    expect(storage.getItem(KEYS.credential)).toBeNull();
    expect((await call(h, 'GET', '/v1/sync', { token: credential })).status).toBe(401);
    expect(await service.handleSync(syncRequest('x'))).toMatchObject({ ok: false, failure: 'not-bound' });
  });

  it('tells the watch it was unbound when the issuer forgets the device, and drops the credential', async () => {
    const { storage, service, act } = setup();
    const { bindingCode } = seedAccount(h.ctx, { name: 'Bo', balance: 0, card: null });
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, bindingCode);
    await act({ type: 'bind' });
    await call(h, 'DELETE', '/v1/devices/self', { token: storage.getItem(KEYS.credential)! });
    expect(await service.handleSync(syncRequest('lease'))).toMatchObject({ ok: false, failure: 'unbound' });
    expect(storage.getItem(KEYS.credential)).toBeNull();
  });

  it('reports an unreachable issuer as such', async () => {
    const storage = mapStorage();
    storage.setItem(KEYS.issuerUrl, 'http://127.0.0.1:9');
    storage.setItem(KEYS.credential, 'x');
    const service = createWalletService({ storage, fetch: zeppFetch, now: Date.now });
    expect(await service.handleSync(syncRequest(null))).toMatchObject({ ok: false, failure: 'issuer-unreachable' });
  });

  it('ignores other keys and actions it does not understand', async () => {
    const { storage, service } = setup();
    await service.handleSettingsChange({ key: KEYS.issuerUrl, newValue: 'x' });
    await service.handleSettingsChange({ key: KEYS.action, newValue: '{"type":"format-disk","id":"1"}' });
    await service.handleSettingsChange({ key: KEYS.action, newValue: 'not json' });
    expect(storage.getItem(KEYS.status)).toBeNull();
  });
});
