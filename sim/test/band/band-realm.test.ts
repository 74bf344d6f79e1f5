// The API 1.0 watch realm (app.json configVersion v2, hm* globals) on the band fixture
// (sim/fixtures/band-basic), through the harness as a test starts any app.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type FullSimulator, type FullSimulatorOptions } from '../../harness';

const BAND = fileURLToPath(new URL('../../fixtures/band-basic', import.meta.url));

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
});
