// The watch realm on a fixture app (sim/fixtures/watch-basic) and on the real app.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDevices } from '../../../reference/devices';
import { silentLink } from '../../kernel/link';
import { FakeClock } from '../../kernel/clock';
import { createWatchRealm, type FullWatchRealm } from '../../kernel/watch-realm';
import { bundleEntry } from '../../kernel/bundle';

const FIXTURE = fileURLToPath(new URL('../../fixtures/watch-basic', import.meta.url));
const T0 = Date.UTC(2026, 0, 15, 9);
const device = (name: string) => {
  const d = loadDevices().find((x) => x.name === name);
  if (!d) throw new Error(`no device ${name}`);
  return d;
};

let realms: FullWatchRealm[] = [];
afterEach(async () => {
  for (const r of realms) await r.close();
  realms = [];
});

async function start(
  opts: {
    device?: string;
    appDir?: string;
    entryPage?: string;
    storage?: Map<string, unknown>;
    language?: 'en-US' | 'ru-RU';
  } = {},
) {
  const clock = new FakeClock(T0);
  const realm = await createWatchRealm({
    device: device(opts.device ?? 'Amazfit Balance'),
    clock,
    link: silentLink(),
    appDir: opts.appDir ?? FIXTURE,
    ...(opts.entryPage ? { entryPage: opts.entryPage } : {}),
    ...(opts.storage ? { storage: opts.storage } : {}),
    ...(opts.language ? { language: opts.language } : {}),
  });
  realms.push(realm);
  return { realm, clock };
}

describe('watch realm on the fixture app', () => {
  it('a tap on a button opens the next page with its params, and back returns; lifecycle in the documented order', async () => {
    const { realm } = await start();
    expect(realm.page).toBe('page/first/index.page');
    await realm.tap('Next');
    expect(realm.page).toBe('page/second/index.page');
    expect(realm.stack).toEqual(['page/first/index.page', 'page/second/index.page']);
    expect(realm.texts()).toContain('params {"from":"first"}');
    await realm.pause();
    await realm.resume();
    await realm.tap('Back');
    expect(realm.page).toBe('page/first/index.page');
    expect(realm.texts()).toContain('Next');
    await realm.back();
    expect(realm.page).toBeNull();
    expect(realm.lifecycle).toEqual([
      'app onCreate',
      'page/first/index.page onInit',
      'page/first/index.page build',
      'page/first/index.page onDestroy',
      'page/second/index.page onInit',
      'page/second/index.page build',
      'page/second/index.page onPause',
      'page/second/index.page onResume',
      'page/second/index.page onDestroy',
      'page/first/index.page onInit',
      'page/first/index.page build',
      'page/first/index.page onDestroy',
      'app onDestroy',
    ]);
    await expect(realm.tap('Next')).rejects.toThrow(/not running/);
  });

  it('an unknown widget prop throws out of the page build', async () => {
    await expect(start({ entryPage: 'page/typo/index.page' })).rejects.toThrow(/widget.TEXT has no prop 'txet'/);
  });

  it('CLICK_UP listeners and setProperty update what the screen shows; timers run on the clock', async () => {
    const { realm, clock } = await start();
    await realm.tap({ x: 300, y: 190 });
    await realm.tap({ x: 300, y: 190 });
    expect(realm.texts()).toContain('taps 2');
    expect(realm.texts()).toContain('ticks 0');
    await clock.advance(3000);
    expect(realm.texts()).toContain('ticks 3');
    await expect(realm.tap({ x: 5, y: 470 })).rejects.toThrow(/nothing clickable/);
    await expect(realm.tap('Nowhere')).rejects.toThrow(/no widget matches "Nowhere"/);
  });

  it('a timer of an ended app never runs into it', async () => {
    const { realm, clock } = await start();
    await realm.close();
    await clock.advance(5000);
    expect(realm.errors).toEqual([]);
    expect(clock.errors).toEqual([]);
  });

  it('picks the layout of the device shape and the watch language', async () => {
    const round = await start({ device: 'Amazfit Active Edge' });
    expect(round.realm.snapshot()).toMatchObject({ width: 360, height: 360, shape: 'round' });
    expect(round.realm.texts().slice(0, 2)).toEqual(['round layout', 'Hello']);
    const square = await start({ device: 'Amazfit Bip 5', language: 'ru-RU' });
    expect(square.realm.snapshot()).toMatchObject({ width: 320, height: 380, shape: 'square' });
    expect(square.realm.texts().slice(0, 2)).toEqual(['square layout', 'Привет']);
  });

  it('LocalStorage survives a relaunch', async () => {
    const storage = new Map<string, unknown>();
    const { realm } = await start({ storage });
    expect(storage.get('launches')).toBe(1);
    await realm.relaunch();
    expect(storage.get('launches')).toBe(2);
    expect(realm.page).toBe('page/first/index.page');
    expect(realm.lifecycle.filter((l) => l === 'app onCreate')).toHaveLength(2);
  });
});

describe('watch realm on the real app', () => {
  it('home -> pay by a tap on "Pay", and back to home', async () => {
    const { realm } = await start({ appDir: fileURLToPath(new URL('../../..', import.meta.url)) });
    expect(realm.page).toBe('page/home/index.page');
    expect(realm.texts()).toEqual(expect.arrayContaining(['Wrist Wallet', 'Pay', 'Transit cards', 'Limits']));
    await realm.tap('Pay');
    expect(realm.page).toBe('page/pay/index.page');
    expect(realm.texts()[0]).toBe('Pay');
    await realm.back();
    expect(realm.page).toBe('page/home/index.page');
    expect(realm.texts()).toContain('Transit cards');
    expect(realm.errors).toEqual([]);
  });

  it('the pay page sets full brightness and screen-on while it shows, and restores brightness when it goes', async () => {
    const { realm } = await start({ appDir: fileURLToPath(new URL('../../..', import.meta.url)) });
    const before = { brightness: realm.display.brightness, auto: realm.display.autoBrightness };
    await realm.tap('Pay');
    expect(realm.display).toMatchObject({
      brightness: 100,
      autoBrightness: false,
      pageBrightTime: 120_000,
      dropWristPaused: 120_000,
    });
    await realm.back();
    expect(realm.display).toMatchObject({
      brightness: before.brightness,
      autoBrightness: before.auto,
      pageBrightTime: null,
      dropWristPaused: null,
    });
    const calls = realm.display.history.map((h) => h.call);
    expect(calls).toContain('resetDropWristScreenOff');
    expect(realm.display.history.every((h) => h.page === 'page/pay/index.page')).toBe(true);
  });
});

describe('bundleEntry', () => {
  it('leaves @zos modules to __zosRequire and picks the layout of the shape', async () => {
    const code = await bundleEntry('page/first/index.page.ts', { shape: 's', root: FIXTURE });
    expect(code).toContain('__zosRequire("@zos/ui")');
    expect(code).toContain('square layout');
    expect(code).not.toContain('round layout');
  });

  it('says which layout file is missing for a shape', async () => {
    await expect(bundleEntry('page/first/index.page.ts', { shape: 'b', root: FIXTURE })).rejects.toThrow(
      /no .*index\.b\.layout\.ts for shape 'b'/,
    );
    await expect(bundleEntry('page/nope.ts', { root: FIXTURE })).rejects.toThrow(/does not exist/);
  });
});
