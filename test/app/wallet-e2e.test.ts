// The real app end to end (wallet-e2e.ts): issuer on loopback, simulated watch + phone + settings page, one clock.
// Fast lane: binding and paying on both devices (Balance, API 3.7; Bip 5 Unity, API 3.0), the other
// journeys on Bip 5 Unity, three of the six clock skews. wallet-e2e.slow.test.ts: the other journeys
// on Balance, the other three skews.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../../lib/wallet/settings-keys';
import { WALLET_STORAGE_KEY } from '../../lib/wallet/wallet';
import { LOCK_STORAGE_KEY } from '../../lib/wallet/pin';
import {
  bind,
  clockSkewSuite,
  openPay,
  TEST_PIN,
  FAST_SKEWS,
  JOURNEYS,
  SKEWS,
  walletSuite,
  world,
  type World,
} from './wallet-e2e';

let w: World;

walletSuite('Amazfit Balance', 3.7, ['bind-pay']);
walletSuite('Amazfit Bip 5 Unity', 3.0, JOURNEYS);

describe('the settings page', () => {
  afterEach(async () => w?.close());

  it('saves spending limits, refuses ones that make no sense, and tops up a transit card', async () => {
    w = await world('Amazfit Balance');
    await bind(w);
    const settled = () => w.sim.clock.until(() => !w.sim.settings.texts().includes('Working…'), 10_000);

    await w.sim.settings.type({ label: 'Per payment (CNY)' }, '300');
    await w.sim.settings.type({ label: 'Per day (CNY)' }, '100');
    await w.sim.settings.press({ type: 'Button', label: 'Save limits' });
    expect(w.sim.settings.texts()).toContain('The limit per payment cannot be above the daily limit');

    await w.sim.settings.type({ label: 'Per day (CNY)' }, '1000.50');
    await w.sim.settings.press({ type: 'Button', label: 'Save limits' });
    await settled();
    expect(w.sim.settings.texts()).toContain('Limits saved. The watch shows them after its next sync.');
    const limits = await fetch(`${w.issuerUrl}/v1/limits`, {
      headers: { authorization: `Bearer ${w.sim.settingsStorage.getItem('device.credential')}` },
    });
    expect(await limits.json()).toMatchObject({ perPayment: 30_000, daily: 100_050 });

    await w.sim.settings.type({ label: 'Amount (CNY) from your wallet balance' }, '5.5');
    await w.sim.settings.press({ type: 'Button', label: 'Top up' });
    await settled();
    expect(w.sim.settings.texts()).toContain('Metro card: ¥25.50');

    // A top-up the wallet cannot pay is refused by the issuer, and the side service logs why.
    await w.sim.settings.type({ label: 'Amount (CNY) from your wallet balance' }, '100000');
    await w.sim.settings.press({ type: 'Button', label: 'Top up' });
    await settled();
    expect(w.sim.phone.logs.join('\n')).toMatch(
      /settings action top-up failed: IssuerRequestError 409 insufficient-funds/,
    );
    // No secret in any log: not the credential, the binding code, the lease secret or a payment code.
    // The PIN (chosen on the way to the code) is in no log, in nothing the watch sent over Bluetooth
    // (lease ids taken out: random text), and in no stored record: only its salted hash is kept.
    const sent: string[] = [];
    w.sim.link.onWatchFrame((bytes) => sent.push(Buffer.from(bytes).toString('latin1')));
    await openPay(w, TEST_PIN);
    expect(w.sim.watch.page).toBe('page/pay/index.page');
    const pinAlone = new RegExp(`(?<![0-9])${TEST_PIN}(?![0-9])`);
    const airborne = sent.join('\n').replace(/"leaseId":\s*"[^"]*"/g, '');
    expect(sent.length).toBeGreaterThan(0);
    expect(airborne).not.toMatch(pinAlone);
    expect([...w.sim.phone.logs, ...w.sim.watch.logs].join('\n')).not.toMatch(pinAlone);
    const lockRecord = JSON.parse(String(w.sim.watch.storage.get(LOCK_STORAGE_KEY))) as {
      pin: Record<string, unknown>;
    };
    expect(Object.keys(lockRecord.pin).sort()).toEqual(['alg', 'hash', 'iterations', 'salt']);
    for (const value of [...w.sim.watch.storage.values(), ...Object.values(w.sim.settingsStorage.toObject())]) {
      expect(String(value)).not.toContain(`"${TEST_PIN}"`);
    }
    const stored = JSON.parse(String(w.sim.watch.storage.get(WALLET_STORAGE_KEY))) as {
      lease: { secret: string; leaseNumber: string };
    };
    const logs = [...w.sim.phone.logs, ...w.sim.watch.logs].join('\n');
    for (const secret of [
      w.sim.settingsStorage.getItem('device.credential')!,
      w.bindingCode,
      stored.lease.secret,
      stored.lease.leaseNumber,
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('the wallet when the phone is away', () => {
  afterEach(async () => w?.close());

  it('draws the status line once when pages are left before their sync fails', async () => {
    w = await world('Amazfit Balance');
    w.sim.link.dropNext(10); // every shake lost: each page's sync fails at ZML's 5 s shake timeout
    await w.sim.watch.tap('Pay');
    await w.sim.watch.back();
    await w.sim.clock.advance(20_000);
    // Title, four buttons, one status line: nothing left over from the pages opened before.
    expect(w.sim.watch.texts()).toEqual([
      'Wrist Wallet',
      'Pay',
      'Transit cards',
      'Limits',
      'History',
      expect.stringMatching(/^Phone not reachable/),
    ]);
    expect(w.sim.watch.errors).toEqual([]);
    expect(w.sim.watch.logs.filter((l) => l.includes('no answer from the phone')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('the side service started by a settings change', () => {
  afterEach(async () => w?.close());

  it('binds once when Bind starts it (ZML hands the change over twice) and stays bound', async () => {
    // Each issuer request takes 80 ms of clock time, longer than ZML's 1 ms before launchArgs.
    w = await world('Amazfit Balance', { phoneFetchLatencyMs: 80 });
    await w.sim.settings.type({ label: 'Wallet address' }, w.issuerUrl);
    await w.sim.settings.type({ label: 'Binding code' }, w.bindingCode);
    await w.sim.phone.kill();
    await w.sim.settings.press({ label: 'Bind' });
    const action = w.sim.settingsStorage.getItem(KEYS.action)!;
    await w.sim.phone.restart({ settingsChanged: { key: KEYS.action, newValue: action, oldValue: null } });
    await w.sim.clock.advance(5_000);
    expect(w.sim.settings.texts().some((t) => t.startsWith('Bound.'))).toBe(true);
    expect(w.sim.phone.fetches.filter((f) => f.url.endsWith('/v1/devices/bind'))).toEqual([
      expect.objectContaining({ status: 201 }),
    ]);
    expect(w.sim.phone.errors).toEqual([]);
  });
});

clockSkewSuite(SKEWS.filter(([name]) => FAST_SKEWS.includes(name)));
