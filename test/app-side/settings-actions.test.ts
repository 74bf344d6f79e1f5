// The side service's settings actions against the real issuer on loopback, with settingsStorage as a Map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, parseStatus } from '../../lib/wallet/settings-keys';
import { syncRequest } from '../../lib/wallet/watch-phone';
import { addCard, createAccount, createBindingCode } from '../../server/domain/admin';
import { call, startIssuer, type Harness } from '../server/helpers';
import { sideService } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer();
});
afterAll(async () => h.close());

const setup = () => sideService(() => h.clock.now);

describe('side service: settings actions', () => {
  it('a bad binding code or issuer address gets a clear message', async () => {
    const { storage, act } = setup();
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, 'abc');
    expect(await act({ type: 'bind' })).toMatchObject({
      outcome: 'error',
      message: expect.stringMatching(/8 letters/),
      bound: false,
    });
    storage.setItem(KEYS.issuerUrl, 'ftp://x');
    expect(await act({ type: 'bind' })).toMatchObject({
      outcome: 'error',
      message: expect.stringMatching(/issuer address/),
    });
  });

  it('binds, sets limits, tops up once per action and unbinds', async () => {
    const { storage, sync, actions, act } = setup();
    const { accountId } = await createAccount(h.ctx, { name: 'Ann', balance: 50_000, currency: 'CNY' });
    const cardId = (await addCard(h.ctx, { accountId, name: 'Metro', balance: 1_000 })).cardId;
    storage.setItem(KEYS.issuerUrl, `${h.url}/`);
    storage.setItem(KEYS.bindingCode, (await createBindingCode(h.ctx, accountId)).code.toLowerCase());
    const bound = await act({ type: 'bind' });
    expect(bound).toMatchObject({
      outcome: 'ok',
      bound: true,
      currency: 'CNY',
      cards: [{ id: cardId, name: 'Metro', balance: 1_000 }],
    });
    expect(storage.getItem(KEYS.credential)).toBeTruthy();
    expect(storage.getItem(KEYS.bindingCode)).toBeNull();

    expect(await act({ type: 'set-limits', perPayment: 2_000, daily: 9_000 })).toMatchObject({
      outcome: 'ok',
      limits: { perPayment: 2_000, daily: 9_000 },
    });
    const topUp = await act({ type: 'top-up', cardId, amount: 500 });
    expect(topUp).toMatchObject({ outcome: 'ok', cards: [{ id: cardId, balance: 1_500 }] });
    // The same action delivered again (the Zepp app may repeat a change) tops up once.
    await actions.handleSettingsChange({ key: KEYS.action, newValue: storage.getItem(KEYS.action) });
    expect(parseStatus(storage.getItem(KEYS.status)).cards[0]!.balance).toBe(1_500);

    const credential = storage.getItem(KEYS.credential)!;
    expect(await act({ type: 'unbind' })).toMatchObject({ outcome: 'ok', bound: false });
    expect(storage.getItem(KEYS.credential)).toBeNull();
    expect((await call(h, 'GET', '/v1/sync', { token: credential })).status).toBe(401);
    expect(await sync.handleSync(syncRequest('x'))).toMatchObject({ ok: false, failure: 'not-bound' });
  });

  it("sets a card's options and keeps them, with how the last automatic top-up went, in the status", async () => {
    const { storage, act } = setup();
    const { accountId } = await createAccount(h.ctx, { name: 'Cy', balance: 50_000, currency: 'CNY' });
    const cardId = (await addCard(h.ctx, { accountId, name: 'Metro', balance: 1_000 })).cardId;
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, (await createBindingCode(h.ctx, accountId)).code);
    await act({ type: 'bind' });
    expect(await act({ type: 'card-options', cardId, low: 1_500, autoTopUp: 2_000 })).toMatchObject({
      outcome: 'ok',
      cards: [{ id: cardId, balance: 1_000, low: 1_500, auto: { amt: 2_000 } }],
    });
    // The issuer refuses what the page should have caught: the message reaches the page.
    expect(await act({ type: 'card-options', cardId, low: 0, autoTopUp: 2_000 })).toMatchObject({
      outcome: 'error',
      message: expect.stringMatching(/threshold/),
    });
    const off = await act({ type: 'card-options', cardId, low: 0, autoTopUp: null });
    expect(off.cards[0]).toEqual({ id: cardId, name: 'Metro', balance: 1_000 });
  });

  it('runs an action delivered twice once, even when the second comes while the first is still working (a cold start: listener and launchArgs)', async () => {
    const { storage, actions } = setup();
    const { accountId } = await createAccount(h.ctx, { name: 'Bo', balance: 50_000, currency: 'CNY' });
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, (await createBindingCode(h.ctx, accountId)).code);
    storage.setItem(KEYS.action, JSON.stringify({ type: 'bind', id: 'cold-1' }));
    const change = { key: KEYS.action, newValue: storage.getItem(KEYS.action), oldValue: null };
    // ZML: the listener hears the change, and 1 ms later onSettingsChange(sideService.launchArgs).
    const first = actions.handleSettingsChange(change);
    const second = actions.handleSettingsChange({ ...change });
    await Promise.all([first, second]);
    expect(parseStatus(storage.getItem(KEYS.status))).toMatchObject({ actionId: 'cold-1', outcome: 'ok', bound: true });
    // launchArgs of a shape nobody documented: the stored action is the one, already done.
    await actions.handleSettingsChange(undefined);
    await actions.handleSettingsChange({ reason: 'settings' });
    expect(parseStatus(storage.getItem(KEYS.status))).toMatchObject({ actionId: 'cold-1', outcome: 'ok', bound: true });
  });

  it('takes an action from storage when the change it is handed does not name a key (launchArgs)', async () => {
    const { storage, actions } = setup();
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, 'abc');
    storage.setItem(KEYS.action, JSON.stringify({ type: 'bind', id: 'cold-2' }));
    await actions.handleSettingsChange(undefined);
    expect(parseStatus(storage.getItem(KEYS.status))).toMatchObject({
      actionId: 'cold-2',
      outcome: 'error',
      message: expect.stringMatching(/8 letters/),
    });
  });

  it('ignores other keys and actions it does not understand, and logs the refused action', async () => {
    const { storage, actions, log } = setup();
    await actions.handleSettingsChange({ key: KEYS.issuerUrl, newValue: 'x' });
    await actions.handleSettingsChange({ key: KEYS.action, newValue: '{"type":"format-disk","id":"1"}' });
    await actions.handleSettingsChange({ key: KEYS.action, newValue: 'not json' });
    expect(storage.getItem(KEYS.status)).toBeNull();
    expect(log.lines).toEqual([
      'settings: ignored an action it does not understand',
      'settings: ignored an action it does not understand',
    ]);
  });
});
