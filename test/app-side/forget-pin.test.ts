// "Forgot PIN": the settings action, the wipe the side service sends with each sync answer until the
// watch reports it done (lib/wallet/watch-phone.ts), against the real issuer on loopback; and the
// contract's checks of the wipe fields.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, parseAction } from '../../lib/wallet/settings-keys';
import { parseSyncReply, parseSyncRequest, syncRequest, WIPE_ID_MAX } from '../../lib/wallet/watch-phone';
import { createAccount, createBindingCode } from '../../server/domain/admin';
import { startIssuer, type Harness } from '../server/helpers';
import { sideService } from './helpers';
import { sync as syncDoc } from '../../sim/fixtures/wallet';
import type { SyncResponse } from '../../lib/issuer-api/types';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer();
});
afterAll(async () => h.close());

describe('side service: Forgot PIN', () => {
  it('sends the wipe with a new lease until the watch reports it done', async () => {
    const { storage, sync, act } = sideService(() => h.clock.now);
    expect(await act({ type: 'forget-pin' })).toMatchObject({ outcome: 'error', message: 'Bind this watch first' });
    const { accountId } = await createAccount(h.ctx, { name: 'Di', balance: 1_000, currency: 'CNY' });
    storage.setItem(KEYS.issuerUrl, h.url);
    storage.setItem(KEYS.bindingCode, (await createBindingCode(h.ctx, accountId)).code);
    await act({ type: 'bind' });
    const first = await sync.handleSync(syncRequest(null));
    if (!first.ok) throw new Error(first.message);
    expect(first.wipe).toBeUndefined();
    const leaseId = first.sync.lease!.leaseId;

    expect(await act({ type: 'forget-pin' })).toMatchObject({ outcome: 'ok' });
    const wipe = storage.getItem(KEYS.pinReset);
    expect(wipe).toMatch(/^a\d+$/);
    // The watch still holds its lease: the answer carries the wipe and a new lease all the same.
    const second = await sync.handleSync(syncRequest(leaseId));
    if (!second.ok) throw new Error(second.message);
    expect(second.wipe).toBe(wipe);
    expect(second.sync.lease?.leaseId).toBeDefined();
    expect(second.sync.lease!.leaseId).not.toBe(leaseId);
    // Lost on the way: the next request does not report it, so it comes again.
    const again = await sync.handleSync(syncRequest(second.sync.lease!.leaseId));
    expect(again).toMatchObject({ ok: true, wipe });
    // Reported done: the phone forgets it.
    const done = await sync.handleSync(syncRequest(second.sync.lease!.leaseId, wipe));
    expect(done.ok).toBe(true);
    expect('wipe' in done).toBe(false);
    expect(storage.getItem(KEYS.pinReset)).toBeNull();
  });
});

describe('watch-phone contract: the wipe fields', () => {
  const trust = (x: unknown) => x as SyncResponse;

  it('reads "forget-pin" actions', () => {
    expect(parseAction(JSON.stringify({ type: 'forget-pin', id: 'x1' }))).toEqual({ type: 'forget-pin', id: 'x1' });
  });

  it('a request carries wiped only when it is a short string (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (wiped) => {
        const ok = typeof wiped === 'string' && wiped.length > 0 && wiped.length <= WIPE_ID_MAX;
        const read = () => parseSyncRequest({ method: 'wallet.sync', params: { leaseId: 'l', wiped } });
        if (ok) expect(read().params).toEqual({ leaseId: 'l', wiped });
        else if (wiped === undefined || wiped === null) expect(read().params).toEqual({ leaseId: 'l' });
        else expect(read).toThrow(/wiped/);
      }),
    );
    expect(parseSyncRequest(syncRequest('l', 'w'))).toEqual(syncRequest('l', 'w'));
  });

  it('a reply carries wipe only when it is a short string (property)', () => {
    const doc = syncDoc();
    fc.assert(
      fc.property(fc.anything(), (wipe) => {
        const ok = typeof wipe === 'string' && wipe.length > 0 && wipe.length <= WIPE_ID_MAX;
        const read = () => parseSyncReply({ ok: true, sync: doc, wipe }, trust);
        if (ok) expect(read()).toEqual({ ok: true, sync: doc, wipe });
        else if (wipe === undefined) expect(read()).toEqual({ ok: true, sync: doc });
        else expect(read).toThrow(/wipe/);
      }),
    );
  });
});
