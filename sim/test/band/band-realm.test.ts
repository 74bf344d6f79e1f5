// The API 1.0 watch realm (app.json configVersion v2, hm* globals) on the band fixture
// (sim/fixtures/band-basic), through the harness as a test starts any app.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type FullSimulator, type FullSimulatorOptions } from '../../harness';
import { decodeQr } from '../../scan/scanner';
import { degrade } from '../../scan/degrade';
import { screenProblems, textsOnScreen } from '../../render/problems';
import { openPageOffline } from '../../render/page';

const BAND = fileURLToPath(new URL('../../fixtures/band-basic', import.meta.url));
/** A 1.0 app without ZML: the engine's globals as a page finds them. */
const BARE = fileURLToPath(new URL('../../fixtures/band-bare', import.meta.url));

let sims: FullSimulator[] = [];
afterEach(async () => {
  for (const s of sims) await s.close();
  sims = [];
});

async function band(opts: Partial<FullSimulatorOptions> = {}): Promise<FullSimulator> {
  const s = await startSimulator({ device: 'Xiaomi Mi Band 7', appDir: BAND, ...opts });
  sims.push(s);
  return s;
}

describe('API 1.0 watch realm on a band', () => {
  it('opens the first page of the target that lists the device, with gettext and px', async () => {
    const s = await band();
    expect(s.watch.page).toBe('page/home/index');
    expect(s.watch.texts()).toEqual(['Hello band', 'launches 1', 'idle', 'Next', 'Ask']);
    expect(s.watch.snapshot()).toMatchObject({ width: 192, height: 490, shape: 'band' });
    expect(s.watch.errors).toEqual([]);
  });

  it('navigates with hmApp.gotoPage (param to onInit) and goBack, in the 1.0 lifecycle order', async () => {
    const s = await band({ device: 'Amazfit Band 7', language: 'ru-RU' });
    expect(s.watch.texts()[0]).toBe('Привет, браслет');
    await s.watch.tap('Далее');
    expect(s.watch.page).toBe('page/detail/index');
    expect(s.watch.texts()[0]).toBe('param from-home');
    await s.clock.advance(3000);
    expect(s.watch.texts()[1]).toBe('ticks 3');
    await s.watch.tap('Back');
    expect(s.watch.page).toBe('page/home/index');
    expect(s.watch.toasts).toEqual(['bye']);
    expect(s.watch.lifecycle).toEqual([
      'app onCreate',
      'page/home/index onInit',
      'page/home/index build',
      'page/home/index onDestroy',
      'page/detail/index onInit',
      'page/detail/index build',
      'page/detail/index onDestroy',
      'page/home/index onInit',
      'page/home/index build',
    ]);
  });

  it('asks the side service through ZML 1.0 messaging and shows the answer', async () => {
    const s = await band();
    await s.watch.tap('Ask');
    await s.clock.until(() => s.watch.texts()[2] !== 'asking', 20_000);
    expect(s.watch.texts()[2]).toBe('echo {"n":7}');
    expect(s.watch.errors).toEqual([]);
  });

  it("runs the app's settings page, whose changes reach its side service", async () => {
    const s = await band({ device: 'Amazfit Band 7' });
    await s.settings.type({ label: 'Greeting' }, 'hi there');
    await s.clock.advance(10);
    expect(s.settingsStorage.getItem('seen.greeting')).toBe('hi there');
  });
});

describe('API 1.0 band screens', () => {
  it('render to PNG at the band resolution, and the QR code scans from a degraded copy', async () => {
    for (const device of ['Amazfit Band 7', 'Xiaomi Mi Band 7']) {
      const s = await band({ device });
      const png = s.screenshot();
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(s.watch.device.width);
      expect(png.readUInt32BE(20)).toBe(s.watch.device.height);
      expect(screenProblems(s.watch.snapshot()), device).toEqual([]);
      // The fixture draws its QRCODE on the Mi Band 7 only (the Band 7 has none: QRCODE.mdx).
      if (device === 'Amazfit Band 7') continue;
      const read = await decodeQr(degrade(s.screenImage(), 0.8));
      expect(read.zxing, device).toBe('band-basic');
    }
  });

  it('keeps the screen bright on the home page and cancels it when the page goes', async () => {
    const s = await band();
    expect(s.watch.display).toMatchObject({ keepScreenOn: true, pageBrightTime: 60_000 });
    await s.watch.tap('Next');
    expect(s.watch.display).toMatchObject({ keepScreenOn: false, pageBrightTime: null });
    expect(s.watch.display.history.map((h) => h.call)).toEqual([
      'hmSetting.setBrightScreen',
      'hmSetting.setBrightScreenCancel',
    ]);
  });
});

describe('API 1.0 storage', () => {
  it('/data files and SysPro values survive a relaunch and a new simulator given the same band store', async () => {
    const s = await band();
    s.watch.band.sysPro.set('kept', 'yes');
    expect(s.watch.texts()[1]).toBe('launches 1');
    await s.watch.relaunch();
    expect(s.watch.texts()[1]).toBe('launches 2');
    expect(new TextDecoder().decode(s.watch.band.files.get('launches.txt'))).toBe('2');
    const again = await band({ band: s.watch.band });
    expect(again.watch.texts()[1]).toBe('launches 3');
    expect(again.watch.band.sysPro.get('kept')).toBe('yes');
    const fresh = await band();
    expect(fresh.watch.texts()[1]).toBe('launches 1');
  });
});

describe('API 1.0 refusals: what 1.0 lacks fails as on the band', () => {
  const refuse = (what: string) =>
    band({ entryPage: 'page/refuse/index', band: { files: new Map(), sysPro: new Map([['refuse', what]]) } });

  it.each([
    ['view-container', /hmUI: createWidget: unknown widget type undefined/],
    ['fill-rect-alpha', /hmUI: widget\.FILL_RECT prop 'alpha' is not on Xiaomi Mi Band 7 \(API level 1\.0\)/],
    ['set-interval', /setInterval is not a function/],
    ['router-params', /hmApp: gotoPage has no option params \(it takes \{url, param\}\)/],
    ['get-current-page', /getCurrentPage is not a function/],
    ['text-layout', /getTextLayout is not a function/],
  ])('%s', async (what, message) => {
    await expect(refuse(what)).rejects.toThrow(message);
  });

  it('QRCODE: refused on the Amazfit Band 7 (QRCODE.mdx caution), drawn on the Mi Band 7', async () => {
    const sysPro = () => new Map([['refuse', 'qrcode']]);
    await expect(
      band({ device: 'Amazfit Band 7', entryPage: 'page/refuse/index', band: { files: new Map(), sysPro: sysPro() } }),
    ).rejects.toThrow(/widget\.QRCODE is not supported on Amazfit Band 7 \(API level 1\.0\): QRCODE\.mdx/);
    const mi = await band({ entryPage: 'page/refuse/index', band: { files: new Map(), sysPro: sysPro() } });
    expect(mi.watch.snapshot().widgets.map((w) => w.type)).toEqual(['QRCODE']);
  });

  it('no Promise and no timers in the engine itself (js-support.md); a generator function keeps a page from loading', async () => {
    const bare = await band({ appDir: BARE });
    expect(bare.watch.texts()).toEqual(['Promise undefined setTimeout undefined']);
    await expect(band({ appDir: BARE, entryPage: 'page/generator/index' })).rejects.toThrow(
      /page\/generator\/index.*a generator function, which Xiaomi Mi Band 7's API 1\.0 engine does not run/,
    );
  });

  it('the page itself runs when it asks for nothing 1.0 lacks', async () => {
    const s = await refuse('none');
    expect(s.watch.texts()).toEqual(['nothing to refuse: none']);
  });

  it('an @zos import fails as the page loads', async () => {
    await expect(band({ entryPage: 'page/zos-import/index' })).rejects.toThrow(
      /@zos\/ui: Xiaomi Mi Band 7 is API level 1\.0, which has no @zos modules/,
    );
  });

  it('refuses a 2.0+ app on a band, a band app on a 3.x watch, and a device no target lists', async () => {
    await expect(startSimulator({ device: 'Xiaomi Mi Band 7' })).rejects.toThrow(
      /minVersion 3\.0 is above Xiaomi Mi Band 7's API level 1\.0: the app does not install on it/,
    );
    await expect(startSimulator({ device: 'Amazfit Balance', appDir: BAND })).rejects.toThrow(
      /no target lists a deviceSource of Amazfit Balance/,
    );
    await expect(startSimulator({ device: 'Amazfit GTS 3', appDir: BAND })).rejects.toThrow(
      /no target lists a deviceSource of Amazfit GTS 3/,
    );
  });
});

describe('API 1.0 page scrolling', () => {
  it('a swipe scrolls the page layer within its content; taps and the picture follow it', async () => {
    const s = await band({ entryPage: 'page/long/index' });
    const visible = () =>
      textsOnScreen(s.watch.snapshot())
        .filter((t) => t.readable)
        .map((t) => t.text);
    expect(visible()).toContain('row 0');
    expect(visible()).not.toContain('Where');
    expect(() => s.watch.find('Where')).not.toThrow();
    // Content reaches 930 px on a 490 px screen: 440 px of scrolling, no more.
    expect(await s.watch.swipe({ dy: -1000 })).toBe(-440);
    expect(await s.watch.swipe({ dy: -10 })).toBe(0);
    expect(visible()).toContain('Where');
    expect(visible()).not.toContain('row 0');
    await s.watch.tap('Where');
    expect(s.watch.texts()).toContain('layer -440');
    await s.watch.tap('Top');
    expect(visible()).toContain('row 0');
    expect(await s.watch.swipe({ dy: 100 })).toBe(0);
  });
});

describe('API 1.0 gestures (hmApp.registerGestureEvent)', () => {
  it('a swipe that scrolls nothing reaches the callback as UP or DOWN, from a quarter of the screen on, until unregistered', async () => {
    const s = await band({ entryPage: 'page/swipe/index' });
    const status = () => s.watch.texts()[0];
    // 490 px screen: a quarter is 122.5 px. The layer does not scroll (the page fits), so nothing moves.
    expect(await s.watch.swipe({ dy: -200 })).toBe(0);
    expect(status()).toBe('up 1 down 0');
    await s.watch.swipe({ dy: -100 });
    expect(status()).toBe('up 1 down 0');
    await s.watch.swipe({ dy: 130 });
    expect(status()).toBe('up 1 down 1');
    expect(s.watch.errors).toEqual([]);
    await s.watch.tap('Off');
    await s.watch.swipe({ dy: -300 });
    expect(status()).toBe('up 1 down 1');
  });
});

describe('API 1.0 pages offline (what npm run preview stands on)', () => {
  it('opens a band page with its stored /data files, scrolled', async () => {
    const files = new Map([['launches.txt', new TextEncoder().encode('41')]]);
    const page = await openPageOffline({
      device: 'Amazfit Band 7',
      page: 'page/home/index',
      appDir: BAND,
      band: { files, sysPro: new Map() },
    });
    try {
      expect(page.watch.texts()[1]).toBe('launches 42');
      expect(page.snapshot()).toMatchObject({ width: 194, height: 368, shape: 'band' });
    } finally {
      await page.close();
    }
    const long = await openPageOffline({
      device: 'Xiaomi Mi Band 7',
      page: 'page/long/index',
      appDir: BAND,
      scroll: 1,
    });
    try {
      expect(long.watch.texts()).toContain('Where');
      expect(textsOnScreen(long.snapshot()).find((t) => t.text === 'row 0')?.readable).toBeFalsy();
    } finally {
      await long.close();
    }
  });
});
