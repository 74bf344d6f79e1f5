// npm start: the whole of Wrist Wallet in one run, on this machine, with nothing downloaded.
// A reference issuer on loopback; a simulated watch, phone and Zepp settings page running the real app;
// the user binds the watch, opens the pay page, a register scans the code off the rendered screen and
// charges it, a metro gate records a trip, and the watch shows it. Screens go to demo/*.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../server/app';
import { openDatabase } from '../../server/db/open';
import { addCard, createAccount, createBindingCode, createMerchant, createOperator } from '../../server/domain/admin';
import { formatMoney } from '../../lib/format/money';
import { startSimulator, type FullSimulator } from '../harness';
import { renderScreen, renderToImage } from '../render/render';
import { decodeBarcode, decodeQr } from '../scan/scanner';

const DEVICE = process.argv[2] ?? 'Amazfit Balance';
const outDir = fileURLToPath(new URL('../../demo/', import.meta.url));
const started = Date.now();
const say = (what: string) => console.log(`[demo ${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);
const money = (minor: number) => formatMoney(minor, 'CNY', 'en-US');

async function post(url: string, key: string, body: unknown): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

function shot(sim: FullSimulator, name: string): string {
  const path = join(outDir, `${name}.png`);
  writeFileSync(path, renderScreen(sim.watch.snapshot()));
  return path;
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const dbDir = mkdtempSync(join(tmpdir(), 'wrist-wallet-demo-'));
  let sim: FullSimulator | undefined;
  // The issuer and the watch share one clock, so the codes the watch makes are the issuer's "now".
  const now = () => sim?.clock.now() ?? Date.now();
  const db = openDatabase(join(dbDir, 'issuer.sqlite'));
  const { app, ctx } = await buildServer({ db, now, logger: false });
  const issuerUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    say(`issuer listening on ${issuerUrl} (database in ${dbDir})`);
    const { accountId } = await createAccount(ctx, { name: 'Li Wei', balance: 50_000, currency: 'CNY' });
    const { cardId } = await addCard(ctx, { accountId, name: 'Metro card', balance: 2_000 });
    const { merchantKey } = await createMerchant(ctx, { name: 'Campus canteen' });
    const { operatorKey } = await createOperator(ctx, { name: 'City metro' });
    const { code: bindingCode } = await createBindingCode(ctx, accountId);
    say(`operator: account with ${money(50_000)}, a metro card with ${money(2_000)}, binding code ${bindingCode}`);

    sim = await startSimulator({ device: DEVICE, startMs: Date.now(), utcOffsetMinutes: 480 });
    say(`${DEVICE}: watch app started on ${sim.watch.page}`);

    await sim.settings.type({ label: 'Wallet address' }, issuerUrl);
    await sim.settings.type({ label: 'Binding code' }, bindingCode);
    await sim.settings.press({ label: 'Bind' });
    await sim.clock.until(() => sim!.settings.texts().some((t) => /^Bound\./.test(t) || /wrong|invalid|not/i.test(t)), 30_000);
    say(`settings page: ${sim.settings.texts().find((t) => /Bound|wrong|invalid/i.test(t))}`);

    await sim.watch.tap('Pay');
    await sim.clock.until(() => sim!.watch.page === 'page/pay/index.page' && sim!.watch.find({ type: 'FILL_RECT' }) !== undefined, 30_000);
    await sim.clock.advance(500); // the sync behind the code
    const barcodePng = shot(sim, 'pay-barcode');
    const scanned = (await decodeBarcode(renderToImage(sim.watch.snapshot()))).zxing;
    say(`pay page: barcode ${barcodePng}; the register scans ${scanned ?? 'nothing'}`);
    if (!scanned) throw new Error('the register could not read the barcode');

    const charge = await post(`${issuerUrl}/v1/merchant/charges`, merchantKey, { code: scanned, amount: 2_350, currency: 'CNY', idempotencyKey: 'till-1-receipt-1' });
    say(`register charges ${money(2_350)}: ${charge.status}${charge.reason ? ` (${charge.reason})` : ''}`);
    const again = await post(`${issuerUrl}/v1/merchant/charges`, merchantKey, { code: scanned, amount: 2_350, currency: 'CNY', idempotencyKey: 'till-1-receipt-2' });
    say(`the same code charged again: ${again.status}${again.reason ? ` (${again.reason})` : ''}`);

    await sim.watch.tap({ type: 'FILL_RECT' });
    await sim.clock.advance(100);
    const qrPng = shot(sim, 'pay-qr');
    const qr = await decodeQr(renderToImage(sim.watch.snapshot()));
    say(`tap: QR code ${qrPng}; jsQR reads ${qr.jsqr ?? 'nothing'}, zxing reads ${qr.zxing ?? 'nothing'}`);

    // A minute later the watch shows a new code; the phone can be away for that.
    sim.link.cut();
    await sim.clock.advance(60_000);
    const offline = (await decodeBarcode(renderToImage(sim.watch.snapshot()))).zxing ?? (await decodeQr(renderToImage(sim.watch.snapshot()))).jsqr;
    say(`a minute later, phone out of reach: new code ${offline ?? 'unreadable'} (${offline && offline !== scanned ? 'fresh' : 'NOT fresh'})`);
    sim.link.restore();

    const tap = await post(`${issuerUrl}/v1/transit/taps`, operatorKey, { cardId, fare: 300, line: 'Line 2', idempotencyKey: 'gate-7-1' });
    say(`metro gate: fare ${money(300)}, card balance now ${money(tap.balance)}`);

    await sim.watch.back();
    await sim.watch.tap('Transit cards');
    await sim.clock.until(() => sim!.watch.texts().some((t) => t.includes('Line 2')), 30_000);
    say(`transit page: ${shot(sim, 'transit')}: ${sim.watch.texts().slice(1, 4).join(' | ')}`);

    await sim.watch.back();
    await sim.watch.tap('Limits');
    await sim.clock.until(() => sim!.watch.texts().some((t) => t.startsWith('Spent today')), 30_000);
    say(`limits page: ${shot(sim, 'limits')}: ${sim.watch.texts().slice(1, 5).join(' | ')}`);
    say('done: the pictures are in demo/');
  } finally {
    await sim?.close();
    await app.close();
    db.close();
    rmSync(dbDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`demo failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
