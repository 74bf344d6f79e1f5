// The till in a real browser (headless Chromium driven by playwright-core) against a real issuer,
// paid with codes that the simulated watch rendered: keyboard-wedge input (digits + Enter into the
// focused field), the same code twice, a refund, the camera (Chromium's fake capture fed a Y4M made
// from the watch's screen: barcode, then QR code), and exactly-once under a double Enter, a reload
// mid-request, a network drop and a timeout. Screenshots at 360 and 1280 px: test-output/till/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, startLocalIssuer, type LocalIssuer, type World } from '../../server/world';
import { startSimulator, type FullSimulator } from '../../sim/harness';
import { decodeBarcode, decodeQr } from '../../sim/scan/scanner';
import { findChromium, y4mFromImage } from './browser';
import { TEST_PIN } from '../app/wallet-e2e';

// The callbacks given to page.evaluate run in the browser; this file is compiled without the DOM types.
declare const document: any, localStorage: any, sessionStorage: any;

const OUT = fileURLToPath(new URL('../../test-output/till/', import.meta.url));
const CHROMIUM = findChromium();
if (!CHROMIUM) {
  if (process.env.CI)
    throw new Error('till browser tests: Chromium is missing (CI must install it: apt-get install -y chromium)');
  console.warn('till browser tests skipped: no Chromium on this machine (apt-get install chromium)');
}

let issuer: LocalIssuer;
let sim: FullSimulator | undefined;
let world: World;
let browser: Browser;
let page: Page;

async function watchCode(): Promise<string> {
  const image = sim!.screenImage();
  const read = await decodeBarcode(image);
  if (!read.zxing || !/^\d{20}$/.test(read.zxing))
    throw new Error(`the watch's barcode did not read: ${JSON.stringify(read)}`);
  return read.zxing;
}

/** The next minute's code: the one before it is spent. */
async function nextCode(): Promise<string> {
  await sim!.clock.advance(60_000);
  return watchCode();
}

const chargeCount = async (): Promise<number> =>
  Number(
    (await issuer.ctx.db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM charges WHERE merchant_id = ?',
      world.merchantId,
    ))!.n,
  );

async function openTill(p: Page): Promise<void> {
  await p.goto(`${issuer.url}/till`);
  await p.waitForSelector('body[data-ready="yes"]');
  if (await p.isVisible('#signin')) {
    await p.fill('#key', world.merchantKey);
    await p.click('#signin button[type="submit"]');
  }
  await p.waitForSelector('#till:not([hidden])');
}

async function newSale(p: Page, amountDigits: string): Promise<void> {
  await p.click('#clear');
  for (const d of amountDigits) await p.click(`[data-key="${d}"]`);
  expect(await p.evaluate(() => document.activeElement?.id)).toBe('code');
}

async function outcome(p: Page): Promise<{ kind: string; title: string; detail: string }> {
  await p.waitForFunction(
    () => ['approved', 'declined'].includes(document.getElementById('result')?.dataset.kind ?? ''),
    undefined,
    { timeout: 30_000 },
  );
  return p.evaluate(() => ({
    kind: document.getElementById('result')!.dataset.kind!,
    title: document.getElementById('result-title')!.textContent ?? '',
    detail: document.getElementById('result-detail')!.textContent ?? '',
  }));
}

/** A keyboard-wedge scanner: the digits and Enter, typed into whatever has the focus. */
async function wedge(p: Page, code: string): Promise<void> {
  await p.keyboard.type(code, { delay: 5 });
  await p.keyboard.press('Enter');
}

describe.skipIf(!CHROMIUM)('the till in Chromium', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    issuer = await startLocalIssuer({ tmpPrefix: 'till-e2e-', now: () => sim?.clock.now() ?? Date.now() });
    world = await seedWorld(issuer.ctx, { balance: 50_000, merchantName: 'Campus canteen' });
    sim = await startSimulator({ device: 'Amazfit Balance', startMs: Date.now(), utcOffsetMinutes: 480 });
    await sim.settings.type({ label: 'Wallet address' }, issuer.url);
    await sim.settings.type({ label: 'Binding code' }, world.bindingCode);
    await sim.settings.press({ label: 'Bind' });
    await sim.clock.until(() => sim!.settings.texts().some((t) => /^Bound\./.test(t)), 30_000);
    await sim.watch.tap('Pay');
    // First use after binding: the keypad asks for a PIN, twice (page/pin).
    await sim.clock.until(() => sim!.watch.page === 'page/pin/index.page', 30_000);
    for (const d of TEST_PIN + TEST_PIN) await sim.watch.tap({ type: 'BUTTON', text: d });
    await sim.clock.until(
      () => sim!.watch.page === 'page/pay/index.page' && sim!.watch.find({ type: 'CANVAS' }) !== undefined,
      30_000,
    );
    await sim.clock.advance(500);
    browser = await chromium.launch({ executablePath: CHROMIUM!, headless: true });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.on('pageerror', (e) => console.error(`till page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && console.error(`till console: ${m.text()}`));
    await openTill(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await issuer?.close();
  });

  let firstCode = '';

  it('a sale by keyboard-wedge input of the code the watch shows: APPROVED with the amount', async () => {
    firstCode = await watchCode();
    await newSale(page, '1250');
    await wedge(page, firstCode);
    expect(await outcome(page)).toEqual({ kind: 'approved', title: 'APPROVED', detail: '¥12.50' });
    await page.waitForFunction(() => document.querySelectorAll('#charges li').length === 1);
    expect(await page.textContent('#takings')).toContain('¥12.50');
    await page.screenshot({ path: join(OUT, 'approved-1280.png'), fullPage: true });
  });

  it('the same code again: DECLINED, with what to do', async () => {
    await newSale(page, '300');
    await wedge(page, firstCode);
    const o = await outcome(page);
    expect(o.kind).toBe('declined');
    expect(o.title).toBe('DECLINED');
    expect(o.detail).toContain('Code already used: ask for a new code.');
    await page.screenshot({ path: join(OUT, 'declined-1280.png'), fullPage: true });
  });

  it('a refund: part of the charge, confirmed', async () => {
    await page.click('#charges li.approved button.refund', { timeout: 5000 });
    await page.waitForSelector('#refund-dialog[open]', { timeout: 5000 });
    expect(await page.inputValue('#refund-amount')).toBe('12.50');
    await page.fill('#refund-amount', '2.50');
    await page.click('#refund-confirm', { timeout: 5000 });
    await page.waitForSelector('#refund-dialog:not([open])', { state: 'attached', timeout: 5000 });
    await page.waitForFunction(
      () => document.querySelector('#charges li.approved .note')?.textContent?.includes('2.50'),
      undefined,
      { timeout: 5000 },
    );
    const row = (await issuer.ctx.db.get<{ refunded: number }>(
      "SELECT refunded FROM charges WHERE merchant_id = ? AND status = 'approved'",
      world.merchantId,
    ))!;
    expect(row.refunded).toBe(250);
    expect(await page.textContent('#takings')).toContain('¥10.00');
  });

  it('a code typed by hand with a wrong digit is caught by the Luhn check and never sent', async () => {
    const code = await nextCode();
    const before = await chargeCount();
    const wrong = code.slice(0, 12) + String((Number(code[12]) + 1) % 10) + code.slice(13);
    await newSale(page, '100');
    await wedge(page, wrong);
    await page.waitForFunction(() => document.getElementById('result-detail')?.textContent?.includes('check digit'));
    expect(await chargeCount()).toBe(before);
    await page.fill('#code', '');
    await wedge(page, code);
    expect((await outcome(page)).kind).toBe('approved');
    expect(await chargeCount()).toBe(before + 1);
  });

  it('a double Enter and a double click charge once', async () => {
    const code = await nextCode();
    const before = await chargeCount();
    await newSale(page, '200');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.dispatchEvent('#charge', 'click'); // a click that reaches the page even though the button is disabled
    expect((await outcome(page)).kind).toBe('approved');
    await new Promise((r) => setTimeout(r, 500));
    expect(await chargeCount()).toBe(before + 1);

    const second = await nextCode();
    await newSale(page, '210');
    await page.keyboard.type(second);
    await page.dblclick('#charge');
    expect((await outcome(page)).detail).toBe('¥2.10');
    await new Promise((r) => setTimeout(r, 500));
    expect(await chargeCount()).toBe(before + 2);
  });

  it('a reload while the charge is on its way: the page finishes the same sale, charged once', async () => {
    const code = await nextCode();
    const before = await chargeCount();
    let held = 0;
    await page.route('**/till/api/charges', async (route) => {
      if (route.request().method() === 'POST' && held++ === 0) {
        await route.fetch(); // it reaches the issuer and is charged; the answer never reaches the page
        return;
      }
      await route.continue();
    });
    await newSale(page, '450');
    await wedge(page, code);
    await expect.poll(chargeCount, { timeout: 10_000 }).toBe(before + 1);
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]');
    expect(await outcome(page)).toEqual({ kind: 'approved', title: 'APPROVED', detail: '¥4.50' });
    expect(held).toBe(2);
    expect(await chargeCount()).toBe(before + 1);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  it('a network drop after the issuer charged: retried with the same key, charged once', async () => {
    const code = await nextCode();
    const before = await chargeCount();
    let tries = 0;
    await page.route('**/till/api/charges', async (route) => {
      if (route.request().method() === 'POST' && tries++ === 0) {
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await newSale(page, '520');
    await wedge(page, code);
    expect((await outcome(page)).detail).toBe('¥5.20');
    expect(tries).toBe(2);
    expect(await chargeCount()).toBe(before + 1);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  it('a timeout: the page gives up waiting, retries with the same key, charged once', async () => {
    const code = await nextCode();
    const before = await chargeCount();
    const keys: string[] = [];
    await page.route('**/till/api/charges', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(JSON.parse(route.request().postData() ?? '{}').idempotencyKey);
      if (keys.length === 1) {
        await route.fetch();
        await new Promise((r) => setTimeout(r, 10_000)); // longer than the page's 8 s timeout
        await route.abort('timedout').catch(() => undefined);
        return;
      }
      await route.continue();
    });
    await newSale(page, '610');
    await wedge(page, code);
    await page.waitForFunction(
      () => document.getElementById('result-detail')?.textContent?.includes('trying again'),
      undefined,
      { timeout: 15_000 },
    );
    expect((await outcome(page)).detail).toBe('¥6.10');
    expect(keys.length).toBe(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await chargeCount()).toBe(before + 1);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  }, 40_000);

  async function cameraSale(name: string, code: string, imageBuffer: Buffer): Promise<void> {
    const file = join(OUT, `${name}.y4m`);
    writeFileSync(file, imageBuffer);
    const camBrowser = await chromium.launch({
      executablePath: CHROMIUM!,
      headless: true,
      args: [
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${file}`,
      ],
    });
    try {
      const ctx = await camBrowser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['camera'] });
      const p = await ctx.newPage();
      const fetched: string[] = [];
      p.on('request', (r) => fetched.push(new URL(r.url()).pathname));
      await openTill(p);
      const before = await chargeCount();
      await newSale(p, '880');
      await p.click('#camera');
      const o = await outcome(p);
      expect(o, `camera sale of ${code}`).toEqual({ kind: 'approved', title: 'APPROVED', detail: '¥8.80' });
      // Linux Chromium has no BarcodeDetector: the page read the code with zxing-wasm, served by the issuer.
      const native = await p.evaluate(() => 'BarcodeDetector' in globalThis);
      if (!native) expect(fetched).toContain('/till/zxing_reader.wasm');
      expect(fetched.every((path) => path.startsWith('/till'))).toBe(true);
      expect(await chargeCount()).toBe(before + 1);
      const last = (await issuer.ctx.db.get<{ amount: number }>(
        'SELECT amount FROM charges WHERE merchant_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
        world.merchantId,
      ))!;
      expect(last.amount).toBe(880);
      await p.screenshot({ path: join(OUT, `${name}-1280.png`), fullPage: true });
    } finally {
      await camBrowser.close();
    }
  }

  it('a sale by camera: the watch barcode, read by zxing-wasm from the page own files', async () => {
    const code = await nextCode();
    const image = sim!.screenImage();
    await cameraSale('camera-barcode', code, y4mFromImage(image, 960, 720, 2, 1));
  }, 60_000);

  it('a sale by camera: the watch QR code', async () => {
    await sim!.clock.advance(60_000);
    await sim!.watch.tap({ type: 'CANVAS' });
    await sim!.clock.advance(100);
    const image = sim!.screenImage();
    const qr = await decodeQr(image);
    expect(qr.zxing ?? qr.jsqr).toBeTruthy();
    writeFileSync(join(OUT, 'watch-qr.png'), sim!.screenshot());
    await cameraSale('camera-qr', qr.zxing ?? qr.jsqr!, y4mFromImage(image, 960, 720, 2, 1));
  }, 60_000);

  it('a sale by camera: the watch EMV consumer-presented QR code, sent to the issuer as it is', async () => {
    await sim!.clock.advance(60_000);
    let text: string | null = null;
    for (let taps = 0; taps < 3 && !text?.startsWith('hQVDUFY'); taps++) {
      await sim!.watch.tap({ type: 'CANVAS' });
      await sim!.clock.advance(100);
      const qr = await decodeQr(sim!.screenImage());
      text = qr.zxing ?? qr.jsqr;
    }
    expect(text).toMatch(/^hQVDUFY/);
    writeFileSync(join(OUT, 'watch-emv.png'), sim!.screenshot());
    await cameraSale('camera-emv', text!, y4mFromImage(sim!.screenImage(), 960, 720, 2, 1));
  }, 60_000);

  it('the page at 360 px and 1280 px, in English, Chinese and Russian', async () => {
    for (const [width, height] of [
      [360, 800],
      [1280, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const lang of ['en-US', 'zh-CN', 'ru-RU']) {
        await page.selectOption('#lang', lang);
        await page.click('#clear');
        for (const d of '1880') await page.click(`[data-key="${d}"]`);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `horizontal overflow at ${width} px, ${lang}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(OUT, `till-${width}-${lang}.png`), fullPage: true });
      }
    }
    await page.selectOption('#lang', 'en-US');
    await page.setViewportSize({ width: 360, height: 800 });
    await newSale(page, '990');
    await wedge(page, firstCode);
    expect((await outcome(page)).kind).toBe('declined');
    await page.screenshot({ path: join(OUT, 'declined-360.png'), fullPage: true });
  });

  it('signing out ends the session: a reload shows the sign-in', async () => {
    await page.click('#signout');
    await page.waitForSelector('#signin:not([hidden])');
    await page.reload();
    await page.waitForSelector('body[data-ready="yes"]');
    expect(await page.isVisible('#signin')).toBe(true);
    await page.screenshot({ path: join(OUT, 'signin-360.png'), fullPage: true });
    expect(await page.evaluate(() => document.cookie)).toBe(''); // HttpOnly: the page never sees the session
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toContain('wm_');
  });
});
