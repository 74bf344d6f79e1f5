// npm start: the whole of Wrist Wallet in one run, on this machine, with nothing downloaded.
// A reference issuer on loopback; a simulated watch, phone and Zepp settings page running the real app;
// the user binds the watch, chooses a PIN, opens the pay page, a register scans the code off the rendered screen and
// charges it, a metro gate records a trip, and the watch shows it; then the card's page opens its ride
// code, a gate with its network cut accepts it offline and uploads the tap once back online, and the
// card's page shows the fare. Screens go to demo/*.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Reader } from '../../server/reader/reader';
import { seedWorld, startLocalIssuer } from '../../server/world';
import { formatMoney } from '../../lib/format/money';
import { cardKeys } from '../../lib/wallet/settings-keys';
import { loadDevices } from '../../reference/devices';
import { startSimulator, type FullSimulator } from '../harness';
import { silentLink } from '../kernel/link';
import { createWatchRealm } from '../kernel/watch-realm';
import { renderScreen, renderToImage } from '../render/render';
import { degrade } from '../scan/degrade';
import { decodeBarcode, decodeQr } from '../scan/scanner';

// `npm start -- [device] [--serve]`; `npm run till` is `npm start -- --serve`.
const ARGS = process.argv.slice(2);
const DEVICE = ARGS.find((a) => !a.startsWith('--')) ?? 'Amazfit Balance';
/** Keep the issuer and the watch running at the end, for a sale at the till (/till) by hand. */
const SERVE = ARGS.includes('--serve');
/** A band (API 1.0) runs the band app, band/ (npm start -- 'Xiaomi Mi Band 7'). */
const BAND = loadDevices().find((d) => d.name === DEVICE)?.shape === 'band';
const BAND_APP = fileURLToPath(new URL('../../band', import.meta.url));
const outDir = fileURLToPath(new URL('../../demo/', import.meta.url));
const started = Date.now();
const say = (what: string) => console.log(`[demo ${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);
const money = (minor: number) => formatMoney(minor, 'CNY', 'en-US');

/** The fields of the issuer's answers the demo prints (charge: status, reason; tap: balance). */
interface Answer {
  status?: string;
  reason?: string;
  balance: number;
}

async function post(url: string, key: string, body: unknown): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Answer;
}

/** The pay page shows a code: the watches draw it on a CANVAS; a band's has its digits as 4-digit texts. */
const codeShown = (sim: FullSimulator): boolean =>
  sim.watch.page === 'page/pay/index.page' &&
  (BAND
    ? sim.watch.texts().some((t) => /^\d{4}( \d{4})*$/.test(t) || t === 'EMV')
    : sim.watch.find({ type: 'CANVAS' }) !== undefined);

/** A tap on the code: the watches' CANVAS; on a band, the screen's middle (the code's rectangles take taps). */
const tapCode = (sim: FullSimulator) =>
  BAND
    ? sim.watch.tap({ x: Math.round(sim.watch.device.width / 2), y: Math.round(sim.watch.device.height / 2) })
    : sim.watch.tap({ type: 'CANVAS' });

const PIN_PAGE = 'page/pin/index.page';
/** The demo user's PIN (never a log line of the app's: only this demo prints it). */
const DEMO_PIN = '4826';

async function typePin(sim: FullSimulator, pin: string): Promise<void> {
  for (const d of pin) await sim.watch.tap({ type: 'BUTTON', text: d });
}

function shot(sim: FullSimulator, name: string): string {
  const path = join(outDir, `${name}.png`);
  writeFileSync(path, renderScreen(sim.watch.snapshot()));
  return path;
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  let sim: FullSimulator | undefined;
  // The issuer and the watch share one clock, so the codes the watch makes are the issuer's "now".
  const now = () => sim?.clock.now() ?? Date.now();
  const issuer = await startLocalIssuer({ tmpPrefix: 'wrist-wallet-demo-', now });
  const issuerUrl = issuer.url;
  try {
    say(`issuer listening on ${issuerUrl} (database in ${issuer.dir})`);
    const { cardId, merchantKey, operatorKey, bindingCode } = await seedWorld(issuer.ctx, {
      name: 'Li Wei',
      balance: 50_000,
      card: { name: 'Metro card', balance: 2_000 },
      merchantName: 'Campus canteen',
      operatorName: 'City metro',
    });
    say(`operator: account with ${money(50_000)}, a metro card with ${money(2_000)}, binding code ${bindingCode}`);

    sim = await startSimulator({
      device: DEVICE,
      startMs: Date.now(),
      utcOffsetMinutes: 480,
      ...(BAND ? { appDir: BAND_APP } : {}),
    });
    say(`${DEVICE}: watch app started on ${sim.watch.page}`);

    await sim.settings.type({ label: 'Wallet address' }, issuerUrl);
    await sim.settings.type({ label: 'Binding code' }, bindingCode);
    await sim.settings.press({ label: 'Bind' });
    await sim.clock.until(
      () => sim!.settings.texts().some((t) => /^Bound\./.test(t) || /wrong|invalid|not/i.test(t)),
      30_000,
    );
    say(`settings page: ${sim.settings.texts().find((t) => /Bound|wrong|invalid/i.test(t))}`);

    // First use after binding: the pay page's sync brings the lease, and the keypad asks for a PIN, twice.
    await sim.watch.tap('Pay');
    // The band app has its own keypad (band/page/pin) at the same url.
    await sim.clock.until(() => sim!.watch.page === PIN_PAGE, 30_000);
    const keypadPng = shot(sim, 'pin-keypad');
    await typePin(sim, DEMO_PIN);
    await typePin(sim, DEMO_PIN);
    await sim.clock.until(() => codeShown(sim!), 30_000);
    say(`PIN set: the keypad ${keypadPng} took ${DEMO_PIN} twice; the watch keeps only its salted hash`);
    await sim.clock.advance(500); // the sync behind the code
    const barcodePng = shot(sim, 'pay-barcode');
    const scanned = (await decodeBarcode(renderToImage(sim.watch.snapshot()))).zxing;
    say(`pay page: barcode ${barcodePng}; the register scans ${scanned ?? 'nothing'}`);
    if (!scanned) throw new Error('the register could not read the barcode');

    const charge = await post(`${issuerUrl}/v1/merchant/charges`, merchantKey, {
      code: scanned,
      amount: 2_350,
      currency: 'CNY',
      idempotencyKey: 'till-1-receipt-1',
    });
    say(`register charges ${money(2_350)}: ${charge.status}${charge.reason ? ` (${charge.reason})` : ''}`);
    const again = await post(`${issuerUrl}/v1/merchant/charges`, merchantKey, {
      code: scanned,
      amount: 2_350,
      currency: 'CNY',
      idempotencyKey: 'till-1-receipt-2',
    });
    say(`the same code charged again: ${again.status}${again.reason ? ` (${again.reason})` : ''}`);

    // The watch asks the phone while the pay page is open: the payment shows within seconds.
    {
      const asked = sim.clock.now();
      await sim.clock.until(() => sim!.watch.texts().includes('Paid'), 5_000);
      const paidPng = shot(sim, 'pay-paid');
      say(
        `watch: ${sim.watch.texts().join(' · ')} after ${((sim.clock.now() - asked) / 1000).toFixed(1)} s, buzz: ${sim.watch.vibrationLog.at(-1)?.scene ?? 'none'} (${paidPng})`,
      );
      await sim.clock.until(() => codeShown(sim!), 10_000);
      const nextCode = (await decodeBarcode(renderToImage(sim.watch.snapshot()))).zxing;
      say(`the next code: ${nextCode ?? 'unreadable'} (${nextCode && nextCode !== scanned ? 'a new one' : 'NOT new'})`);
    }

    await tapCode(sim);
    await sim.clock.advance(100);
    const qrPng = shot(sim, 'pay-qr');
    const qr = await decodeQr(renderToImage(sim.watch.snapshot()));
    say(`tap: QR code ${qrPng}; jsQR reads ${qr.jsqr ?? 'nothing'}, zxing reads ${qr.zxing ?? 'nothing'}`);

    // A minute later the watch shows a new code; the phone can be away for that.
    sim.link.cut();
    await sim.clock.advance(60_000);
    const offline =
      (await decodeBarcode(renderToImage(sim.watch.snapshot()))).zxing ??
      (await decodeQr(renderToImage(sim.watch.snapshot()))).jsqr;
    say(
      `a minute later, phone out of reach: new code ${offline ?? 'unreadable'} (${offline && offline !== scanned ? 'fresh' : 'NOT fresh'})`,
    );
    sim.link.restore();

    // Off the wrist, the code goes at once; back on, it stays locked until the PIN.
    {
      await sim.watch.setWear(0);
      // A band's pay page reads the wrist every 0.5 s (1.0 has no wear event): gone at the next read.
      if (BAND) await sim.clock.advance(500);
      const gone = !codeShown(sim);
      await sim.watch.setWear(1);
      const lockedPng = shot(sim, 'pay-locked');
      say(
        `taken off and put on: the code ${gone ? (BAND ? 'vanished at the next read of the wrist, 0.5 s' : 'vanished at once') : 'DID NOT vanish'}, the watch shows ${sim.watch.texts().join(' | ')} (${lockedPng})`,
      );
      await sim.watch.tap('Unlock');
      await typePin(sim, DEMO_PIN);
      await sim.clock.until(() => codeShown(sim!), 30_000);
      say(`unlocked: the PIN on the keypad, the code is back (${shot(sim, 'pay-unlocked')})`);
    }

    const tap = await post(`${issuerUrl}/v1/transit/taps`, operatorKey, {
      cardId,
      fare: 300,
      line: 'Line 2',
      idempotencyKey: 'gate-7-1',
    });
    say(`metro gate: fare ${money(300)}, card balance now ${money(tap.balance)}`);

    await sim.watch.back();
    await sim.watch.tap('Transit cards');
    await sim.clock.until(() => sim!.watch.texts().some((t) => t.includes('Line 2')), 30_000);
    say(`transit page: ${shot(sim, 'transit')}: ${sim.watch.texts().slice(1, 4).join(' | ')}`);

    // The ride code opens from the card's page (on a band too: band/page/card and ride).
    {
      // A ride: the watch shows the card's ride code; a gate whose network is cut checks it offline
      // (issuer keys and revocation list fetched earlier), then uploads the tap when the network is back.
      const net = { up: true };
      const gate = new Reader({
        file: join(issuer.dir, 'gate-line-1.sqlite'),
        id: 'gate-line-1',
        line: 'Line 1',
        fare: 200,
        issuer: issuerUrl,
        operatorKey,
        now,
        fetch: (async (...a: Parameters<typeof fetch>) => {
          if (!net.up) throw new TypeError('fetch failed (network cut)');
          return fetch(...a);
        }) as typeof fetch,
      });
      await gate.refresh();
      net.up = false;
      await sim.watch.tap('Metro card');
      await sim.clock.settle();
      await sim.watch.tap('Ride code');
      // The watches draw the code on a CANVAS, a band as FILL_RECTs (1.0 has no CANVAS).
      await sim.clock.until(
        () =>
          sim!.watch.page === 'page/ride/index.page' &&
          sim!.watch.find({ type: BAND ? 'FILL_RECT' : 'CANVAS' }) !== undefined,
        30_000,
      );
      await sim.clock.advance(500);
      const ridePng = shot(sim, 'ride');
      const rideRead = await decodeQr(degrade(renderToImage(sim.watch.snapshot()), 0.8, 0.7));
      const rideCode = rideRead.zxing ?? rideRead.jsqr ?? '';
      say(
        `ride page: ${ridePng}; the gate scans ${rideCode ? `${rideCode.slice(0, 12)}... (${rideCode.length} digits)` : 'nothing'}`,
      );
      const verdict = gate.read(rideCode);
      say(
        `gate on Line 1, network cut: ${verdict.ok ? `ACCEPT (tap ${verdict.tap}, certificate ${verdict.serial})` : `REFUSE ${verdict.reason}: ${verdict.message}`}`,
      );
      if (!verdict.ok) throw new Error('the gate refused the ride code');
      const copy = gate.read(rideCode);
      say(`the same code again at this gate: ${copy.ok ? 'ACCEPT (wrong)' : `REFUSE ${copy.reason}`}`);
      await gate
        .upload()
        .catch((e: unknown) => say(`gate upload: ${(e as Error).message}; ${gate.pending()} tap kept`));
      net.up = true;
      const up = await gate.upload();
      say(`network back: the gate uploads ${up.sent} tap: ${up.charged} charged`);
      gate.close();
      await sim.watch.back(); // the card's page opens anew and syncs
      await sim.clock.until(() => sim!.watch.texts().some((t) => t.includes('Line 1')), 30_000);
      say(`card page after the ride: ${shot(sim, 'card-ride')}: ${sim.watch.texts().slice(0, 3).join(' | ')}`);
      await sim.watch.back();

      await lowBalanceAndAutoTopUp(sim, issuerUrl, operatorKey, cardId!);
    }

    await sim.watch.back();
    await sim.watch.tap('Limits');
    await sim.clock.until(() => sim!.watch.texts().some((t) => t.startsWith('Spent today')), 30_000);
    say(`limits page: ${shot(sim, 'limits')}: ${sim.watch.texts().slice(1, 5).join(' | ')}`);

    await sim.watch.back();
    await sim.watch.tap('History');
    await sim.clock.until(() => sim!.watch.texts().some((t) => t.startsWith('Balance')), 30_000);
    say(`history page: ${shot(sim, 'history')}: ${sim.watch.texts().slice(1, 6).join(' | ')}`);
    // A band has no shortcut cards (app-widget is API 2.0).
    if (!BAND) await shortcutCard(sim);
    say('done: the pictures are in demo/');
    if (SERVE) await serve(sim, issuerUrl, merchantKey);
    else
      say(
        `the till (a web page for the cashier) is at ${issuerUrl}/till while the issuer runs: npm run till keeps it running`,
      );
  } finally {
    await sim?.close();
    await issuer.close();
  }
}

/**
 * The shortcut card (app-widget/index.ts) on the same watch: a second run of the app, started from the card
 * as the watch does from its shortcut-card screen, over the same stored wallet; one tap opens the pay page.
 */
async function shortcutCard(sim: FullSimulator): Promise<void> {
  const card = await createWatchRealm({
    device: sim.watch.device,
    clock: sim.clock,
    link: silentLink(),
    storage: sim.watch.storage,
    card: 'app-widget/index',
  });
  try {
    const path = join(outDir, 'shortcut-card.png');
    writeFileSync(path, renderScreen(card.snapshot(), { screenRadius: card.cardSize.radius }));
    say(`shortcut card: ${path}: ${card.texts().join(' | ')}`);
    await card.tap('Left today');
    await sim.clock.until(
      () => card.find({ type: 'CANVAS' }) !== undefined || card.page !== 'page/pay/index.page',
      30_000,
    );
    say(`one tap on the card: the app opens at ${card.page}${card.find({ type: 'CANVAS' }) ? ', the code shows' : ''}`);
  } finally {
    await card.close();
  }
}

/**
 * A low-balance threshold set in the settings page; a ride takes the card under it and the watch (transit
 * page, card page) and the settings page warn; with automatic top-up on, the next crossing tops it up.
 * Starts and ends on the transit page.
 */
async function lowBalanceAndAutoTopUp(sim: FullSimulator, issuerUrl: string, operatorKey: string, cardId: string) {
  const settled = () => sim.clock.until(() => !sim.settings.texts().includes('Working…'), 30_000);
  const keys = cardKeys(cardId);
  const ride = (fare: number, key: string) =>
    post(`${issuerUrl}/v1/transit/taps`, operatorKey, { cardId, fare, line: 'Line 2', idempotencyKey: key });
  /** A page's sync: on a band it takes clock time (ZML's 1.0 messaging runs on timer.createTimer). */
  const synced = async () => {
    await sim.clock.settle();
    if (BAND) await sim.clock.advance(3_000);
  };
  /** Back to home, then the transit page (a fresh sync); optionally the card's page. */
  const reopen = async (card: boolean) => {
    while (sim.watch.page !== 'page/home/index.page') await sim.watch.back();
    await sim.watch.tap('Transit cards');
    await synced();
    if (card) {
      await sim.watch.tap('Metro card');
      await synced();
    }
  };

  await sim.settings.type({ settingsKey: keys.low }, '15');
  await sim.settings.press({ type: 'Button', label: 'Save Metro card options' });
  await settled();
  say(
    `settings page: warn under ${money(1_500)} on the metro card: ${sim.settings.texts().find((t) => t.startsWith('Saved'))}`,
  );

  const low = await ride(300, 'gate-7-2');
  say(`metro gate: fare ${money(300)}, card balance now ${money(low.balance)}, under ${money(1_500)}`);
  await reopen(false);
  say(
    `transit page: ${shot(sim, 'transit-low')}: ${sim.watch.texts().find((t) => t.startsWith('Low:')) ?? 'NO WARNING'}`,
  );
  await sim.watch.tap('Metro card');
  await synced();
  say(`card page (${sim.watch.page}): ${shot(sim, 'card-low')}: ${sim.watch.texts().slice(0, 4).join(' | ')}`);
  await sim.settings.press({ label: 'Refresh' });
  await settled();
  say(`settings page: ${sim.settings.texts().find((t) => t.startsWith('Under ')) ?? 'NO WARNING'}`);

  // Back over the threshold by hand, automatic top-up on: the next ride under it tops the card up.
  await sim.settings.type({ label: /^Amount/ }, '10');
  await sim.settings.press({ type: 'Button', label: 'Top up' });
  await settled();
  await sim.settings.toggle({ settingsKey: keys.auto });
  await sim.settings.type({ settingsKey: keys.autoAmount }, '50');
  await sim.settings.press({ type: 'Button', label: 'Save Metro card options' });
  await settled();
  say(`settings page: topped up ${money(1_000)} by hand, automatic top-up of ${money(5_000)} on`);
  const crossing = await ride(1_000, 'gate-7-3');
  say(
    `metro gate: fare ${money(1_000)} takes the card under ${money(1_500)}; the issuer tops it up: balance ${money(crossing.balance)}`,
  );
  await reopen(true);
  say(
    `card page: ${shot(sim, 'card-topped-up')}: ${sim.watch
      .texts()
      .filter((t) => /^¥|Topped up|Auto top-up/.test(t))
      .join(' | ')}`,
  );
  await sim.watch.back();
}

/**
 * Until Ctrl-C: the watch shows its pay page, its clock (the issuer's too) runs at real speed, and
 * each new code is printed and drawn to demo/pay-now.png, for a person to charge at the till.
 */
async function serve(sim: FullSimulator, issuerUrl: string, merchantKey: string): Promise<void> {
  await sim.watch.back();
  await sim.watch.tap('Pay');
  await sim.clock.until(() => codeShown(sim), 30_000);
  await sim.clock.advance(500);
  say(`the till: open ${issuerUrl}/till in a browser and sign in with the merchant key ${merchantKey}`);
  say('type an amount, then type the code below (or scan demo/pay-now.png) and press Enter; Ctrl-C stops');
  let shown = '';
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await sim.clock.advance(1000);
      const code = (await decodeBarcode(renderToImage(sim.watch.snapshot()))).zxing;
      if (code && code !== shown) {
        shown = code;
        shot(sim, 'pay-now');
        say(`the watch shows ${code} (demo/pay-now.png)`);
      }
    } finally {
      busy = false;
    }
  };
  await tick();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => void tick().catch((e: unknown) => say(`watch: ${String(e)}`)), 1000);
    const stop = () => {
      clearInterval(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  say('stopping');
}

main().catch((e) => {
  console.error(`demo failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
