// The side service's answer to the pay page's wallet.activity question, against the real issuer on
// loopback: one issuer request per question, and failures in the watch's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPhoneStore } from '../../app-side/phone-store';
import { createWatchActivity } from '../../app-side/watch-activity';
import type { ZeppFetch } from '../../app-side/issuer-client';
import { codeForStep } from '../../lib/payment/code';
import { leaseStepAt } from '../../lib/payment/lease';
import { activityRequest } from '../../lib/wallet/activity';
import { KEYS } from '../../lib/wallet/settings-keys';
import { syncRequest } from '../../lib/wallet/watch-phone';
import { createAccount, createBindingCode, createMerchant } from '../../server/domain/admin';
import { call, idem, startIssuer, type Harness } from '../server/helpers';
import { mapStorage, recordingLog, sideService, zeppFetch } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer();
});
afterAll(async () => h.close());

describe('side service: wallet.activity', () => {
  it('answers not-bound before binding, without a request', async () => {
    const urls: string[] = [];
    const fetch: ZeppFetch = async (r) => (urls.push(r.url), zeppFetch(r));
    const store = createPhoneStore({ storage: mapStorage(), fetch, now: () => h.clock.now });
    const a = createWatchActivity(store, recordingLog());
    expect(await a.handleActivity(activityRequest(0))).toEqual({ ok: false, failure: 'not-bound' });
    expect(urls).toEqual([]);
    await expect(a.handleActivity({ method: 'wallet.activity', params: {} })).rejects.toThrow(/since/);
  });

  it("relays a charge of the watch's code, one GET /v1/activity per question", async () => {
    const storage = mapStorage();
    const { sync, act } = sideService(() => h.clock.now, storage);
    const { accountId } = await createAccount(h.ctx, { name: 'Ann', balance: 50_000, currency: 'CNY' });
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, (await createBindingCode(h.ctx, accountId)).code);
    await act({ type: 'bind' });
    const reply = await sync.handleSync(syncRequest(null));
    if (!reply.ok) throw new Error(reply.message);
    const lease = reply.sync.lease!;

    const urls: string[] = [];
    const fetch: ZeppFetch = async (r) => (urls.push(r.url), zeppFetch(r));
    const a = createWatchActivity(createPhoneStore({ storage, fetch, now: () => h.clock.now }), recordingLog());
    const since = h.clock.now;
    const { merchantKey } = await createMerchant(h.ctx, { name: 'Campus canteen' });
    const step = leaseStepAt(lease, h.clock.now);
    await call(h, 'POST', '/v1/merchant/charges', {
      token: merchantKey,
      body: { code: codeForStep(lease, step), amount: 2350, currency: 'CNY', idempotencyKey: idem() },
    });
    const answer = await a.handleActivity(activityRequest(since));
    expect(answer).toMatchObject({
      ok: true,
      activity: { items: [{ status: 'approved', amount: 2350, merchant: 'Campus canteen', step }] },
    });
    expect(urls).toEqual([`${h.url}/v1/activity?since=${since}`]);

    // Issuer gone: the watch hears "unreachable".
    const down = createWatchActivity(
      createPhoneStore({ storage, fetch: async () => Promise.reject(new Error('ECONNREFUSED')), now: () => 0 }),
      recordingLog(),
    );
    expect(await down.handleActivity(activityRequest(since))).toEqual({ ok: false, failure: 'issuer-unreachable' });
  });
});
