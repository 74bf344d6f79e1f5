// The real app end to end: issuer on loopback, simulated watch + phone + settings page, one clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { openDatabase } from '../../server/db/open';
import { addCard, createAccount, createBindingCode, createMerchant, createOperator } from '../../server/domain/admin';
import { startSimulator, type FullSimulator } from '../../sim/harness';
import { decodeBarcode, decodeQr } from '../../sim/scan/scanner';
import { degrade } from '../../sim/scan/degrade';
import { OPEN_LIMITS } from '../server/helpers';
import { WALLET_STORAGE_KEY } from '../../lib/wallet/wallet';

interface World {
  sim: FullSimulator;
  issuerUrl: string;
  merchantKey: string;
  operatorKey: string;
  cardId: string;
  bindingCode: string;
  close(): Promise<void>;
}

async function world(device: string): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'wallet-e2e-'));
  const db = openDatabase(join(dir, 'issuer.sqlite'));
  const start = Date.UTC(2026, 10, 25, 9, 0, 0);
  let sim: FullSimulator | undefined;
  // One clock for the issuer and the watch: the codes the watch makes are the issuer's "now".
  const { app, ctx } = await buildServer({ db, now: () => sim?.clock.now() ?? start, logger: false, config: { rateLimits: OPEN_LIMITS } });
  const issuerUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const { accountId } = await createAccount(ctx, { name: 'Li Wei', balance: 50_000, currency: 'CNY' });
  const { cardId } = await addCard(ctx, { accountId, name: 'Metro card', balance: 2_000 });
  sim = await startSimulator({ device, startMs: start });
  return {
    sim,
    issuerUrl,
    cardId,
    merchantKey: (await createMerchant(ctx, { name: 'Canteen' })).merchantKey,
    operatorKey: (await createOperator(ctx, { name: 'Metro' })).operatorKey,
    bindingCode: (await createBindingCode(ctx, accountId)).code,
    async close() {
      await sim!.close();
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function post(url: string, key: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

async function bind(w: World) {
  await w.sim.settings.type({ label: 'Wallet address' }, w.issuerUrl);
  await w.sim.settings.type({ label: 'Binding code' }, w.bindingCode.toLowerCase());
  await w.sim.settings.press({ label: 'Bind' });
  await w.sim.clock.until(() => w.sim.settings.texts().some((t) => t.startsWith('Bound.')), 10_000);
}

async function openPay(w: World) {
  await w.sim.watch.tap('Pay');
  await w.sim.clock.until(() => w.sim.watch.find({ type: 'FILL_RECT' }) !== undefined, 10_000);
}

let w: World;
afterEach(async () => w?.close());

describe.each(['Amazfit Balance', 'Amazfit Bip 5 Unity'])('the wallet on %s', (device) => {
  beforeEach(async () => {
    w = await world(device);
  });

  it('binds in the settings page, pays at the till with a scanned code, and refuses the same code twice', async () => {
    await bind(w);
    await openPay(w);
    const code = (await decodeBarcode(w.sim.screenImage())).zxing;
    expect(code).toMatch(/^\d{20}$/);
    const charge = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, { code, amount: 2_350, currency: 'CNY', idempotencyKey: 'r1' });
    expect(charge).toMatchObject({ status: 'approved', amount: 2_350 });
    const again = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, { code, amount: 100, currency: 'CNY', idempotencyKey: 'r2' });
    expect(again).toMatchObject({ status: 'declined', reason: 'used' });

    // The QR code after a tap carries the same code, and reads from a degraded copy.
    await w.sim.watch.tap({ type: 'FILL_RECT' });
    const qr = await decodeQr(degrade(w.sim.screenImage(), 0.8, 0.7));
    expect(qr.jsqr).toBe(code);

    // The watch brightened the screen for the scanner and restores it when the page closes.
    expect(w.sim.watch.display.brightness).toBe(100);
    await w.sim.watch.back();
    expect(w.sim.watch.display.autoBrightness).toBe(true);
  });

  it('shows an EMV consumer-presented QR code on a second tap, which the issuer charges', async () => {
    await bind(w);
    await openPay(w);
    await w.sim.watch.tap({ type: 'FILL_RECT' });
    await w.sim.watch.tap({ type: 'FILL_RECT' });
    expect(w.sim.watch.texts()).toContain('EMV');
    const qr = await decodeQr(degrade(w.sim.screenImage(), 0.8, 0.7));
    expect(qr.jsqr).toMatch(/^hQVDUFYw/); // base64 of 85 05 "CPV01"
    expect(qr.zxing).toBe(qr.jsqr);
    const charge = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, { code: qr.jsqr, amount: 800, currency: 'CNY', idempotencyKey: 'emv-1' });
    expect(charge).toMatchObject({ status: 'approved', amount: 800 });
  });

  it('keeps making fresh, valid codes with the phone out of reach', async () => {
    await bind(w);
    await openPay(w);
    const first = (await decodeBarcode(w.sim.screenImage())).zxing;
    w.sim.link.cut();
    await w.sim.clock.advance(60_000);
    const next = (await decodeBarcode(w.sim.screenImage())).zxing;
    expect(next).toMatch(/^\d{20}$/);
    expect(next).not.toBe(first);
    const charge = await post(`${w.issuerUrl}/v1/merchant/charges`, w.merchantKey, { code: next, amount: 500, currency: 'CNY', idempotencyKey: 'r3' });
    expect(charge).toMatchObject({ status: 'approved' });
  });

  it('shows a trip and the new balance on the transit page, and what is left today on the limits page', async () => {
    await bind(w);
    await post(`${w.issuerUrl}/v1/transit/taps`, w.operatorKey, { cardId: w.cardId, fare: 300, line: 'Line 2', idempotencyKey: 'g1' });
    await w.sim.watch.tap('Transit cards');
    await w.sim.clock.until(() => w.sim.watch.texts().some((t) => t.includes('Line 2')), 10_000);
    expect(w.sim.watch.texts()).toContain('¥17.00');
    await w.sim.watch.back();
    await w.sim.watch.tap('Limits');
    await w.sim.clock.until(() => w.sim.watch.texts().some((t) => t.startsWith('Spent today')), 10_000);
    expect(w.sim.watch.texts()).toContain('¥2,000.00');
  });
});

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
    const limits = await fetch(`${w.issuerUrl}/v1/limits`, { headers: { authorization: `Bearer ${w.sim.settingsStorage.getItem('device.credential')}` } });
    expect(await limits.json()).toMatchObject({ perPayment: 30_000, daily: 100_050 });

    await w.sim.settings.type({ label: 'Amount (CNY) from your wallet balance' }, '5.5');
    await w.sim.settings.press({ type: 'Button', label: 'Top up' });
    await settled();
    expect(w.sim.settings.texts()).toContain('Metro card: ¥25.50');

    // A top-up the wallet cannot pay is refused by the issuer, and the side service logs why.
    await w.sim.settings.type({ label: 'Amount (CNY) from your wallet balance' }, '100000');
    await w.sim.settings.press({ type: 'Button', label: 'Top up' });
    await settled();
    expect(w.sim.phone.logs.join('\n')).toMatch(/settings action top-up failed: IssuerRequestError 409 insufficient-funds/);
    // No secret in any log: not the credential, the binding code, the lease secret or a payment code.
    await w.sim.watch.tap('Pay');
    await w.sim.clock.until(() => w.sim.watch.find({ type: 'FILL_RECT' }) !== undefined, 10_000);
    const stored = JSON.parse(String(w.sim.watch.storage.get(WALLET_STORAGE_KEY))) as { lease: { secret: string; leaseNumber: string } };
    const logs = [...w.sim.phone.logs, ...w.sim.watch.logs].join('\n');
    for (const secret of [w.sim.settingsStorage.getItem('device.credential')!, w.bindingCode, stored.lease.secret, stored.lease.leaseNumber]) {
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
    // Title, three buttons, one status line: nothing left over from the pages opened before.
    expect(w.sim.watch.texts()).toEqual(['Wrist Wallet', 'Pay', 'Transit cards', 'Limits', expect.stringMatching(/^Phone not reachable/)]);
    expect(w.sim.watch.errors).toEqual([]);
    expect(w.sim.watch.logs.filter((l) => l.includes('no answer from the phone')).length).toBeGreaterThanOrEqual(2);
  });
});
