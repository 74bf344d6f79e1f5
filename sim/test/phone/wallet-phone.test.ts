// The real settings page and the real side service, each in its realm, sharing settingsStorage,
// against the real issuer on loopback: the user binds in the settings page, the side service binds
// with the issuer, the page shows it; then a watch (the wire-level stand-in) syncs over the link
// and gets its record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS } from '../../../lib/wallet/settings-keys';
import { syncRequest } from '../../../lib/wallet/watch-phone';
import { FakeClock } from '../../kernel/clock';
import { createLink, FRAME_TYPE } from '../../kernel/link';
import { createPhoneRealm, type SideServiceRealm } from '../../kernel/phone-realm';
import { createSettingsRealm, type AppSettingsRealm } from '../../settings/settings-realm';
import { createSettingsStorage } from '../../settings/settings-storage';
import { seedAccount, startLocalIssuer, type LocalIssuer } from '../../../server/world';
import { WireWatch } from './wire-watch';

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
let h: LocalIssuer;
const open: Array<SideServiceRealm | AppSettingsRealm> = [];
beforeAll(async () => {
  h = await startLocalIssuer({ now: () => T0 });
});
afterAll(async () => {
  for (const r of open) r.close();
  await h.close();
});

describe('wallet on the phone (real side service and settings page)', () => {
  it('binds from the settings page, shows the outcome, and syncs a watch over the link', async () => {
    const clock = new FakeClock(T0);
    const link = createLink(clock);
    const storage = createSettingsStorage();
    const phone = await createPhoneRealm({ clock, link, storage });
    open.push(phone);
    const settings = await createSettingsRealm({ storage, clock });
    open.push(settings);

    const { bindingCode: code } = await seedAccount(h.ctx, { name: 'Ann', card: { name: 'Metro', balance: 1_000 } });

    // A bad code never leaves the page.
    await settings.type({ label: 'Wallet address' }, h.url);
    await settings.type({ label: 'Binding code' }, 'abc');
    await settings.press({ label: 'Bind' });
    expect(settings.texts().join('\n')).toMatch(/8 letters/);
    expect(phone.fetches).toEqual([]);

    await settings.type({ label: 'Binding code' }, code);
    await settings.type({ label: 'Name of this watch' }, 'Ann’s watch');
    await settings.press({ label: 'Bind' });
    await clock.until(() => settings.find({ type: 'Section', label: 'Account' }) !== undefined, 10_000);
    expect(settings.texts()).toContain(`Bound to ${h.url}`);
    expect(settings.texts()).toContain('Metro: ¥10.00');
    expect(phone.fetches[0]).toMatchObject({ method: 'POST', url: `${h.url}/v1/devices/bind`, status: 201 });
    expect(storage.getItem(KEYS.credential)).toMatch(/.{16,}/);
    // No secret in the side service's logs.
    expect(phone.logs.join('\n')).not.toContain(storage.getItem(KEYS.credential)!);

    const watch = new WireWatch(link, 1093117);
    watch.shake();
    let reply: unknown;
    void watch.request('wallet.sync', syncRequest(null).params).then((r) => (reply = r));
    await clock.until(() => reply !== undefined, 10_000);
    expect(reply).toMatchObject({ jsonrpc: 'hmrpcv1', result: { ok: true } });
    const dataBack = link.frames.filter((f) => f.direction === 'phone->watch' && f.type === FRAME_TYPE.data);
    // One frame: link header + ZML message header + the JSON answer.
    expect(dataBack.map((f) => [f.fate, f.size])).toEqual([
      ['delivered', 16 + 66 + new TextEncoder().encode(JSON.stringify(reply)).byteLength],
    ]);
  });
});
