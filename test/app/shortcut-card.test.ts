// The shortcut card (shortcut-card.ts) on the smallest round and square preview screens.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDevices } from '../../reference/devices';
import { FakeClock } from '../../sim/kernel/clock';
import { silentLink } from '../../sim/kernel/link';
import { createWatchRealm } from '../../sim/kernel/watch-realm';
import { shortcutCardSuite } from './shortcut-card';

shortcutCardSuite(['Amazfit Active Edge', 'Amazfit Bip 5 Unity']);

describe('what a shortcut card may not do (sim/fixtures/card-rules)', () => {
  const FIXTURE = fileURLToPath(new URL('../../sim/fixtures/card-rules', import.meta.url));
  const open = async (what: string, extra: Array<[string, unknown]> = []) => {
    const d = loadDevices().find((x) => x.name === 'Amazfit Balance')!;
    return createWatchRealm({
      device: d,
      clock: new FakeClock(0),
      link: silentLink(),
      storage: new Map<string, unknown>([['do', what], ...extra]),
      appDir: FIXTURE,
      card: 'app-widget/index',
    });
  };

  it('a GROUP in a card is refused', async () => {
    await expect(open('group')).rejects.toThrow(/widget\.GROUP cannot be used in a shortcut card/);
  });

  it('messaging from a card is refused; the page it opens may message', async () => {
    await expect(open('ble')).rejects.toThrow(/connectStatus\(\) from a shortcut card/);
    const w = await open('ble-on-tap');
    await expect(w.tap('open')).rejects.toThrow(/from a shortcut card: cards have no Bluetooth/);
    await w.close();
    const ok = await open('');
    await ok.tap('open');
    expect(ok.page).toBe('page/home/index.page');
    expect(ok.texts()).toEqual(['linked']);
    await ok.close();
  });

  it('setAppWidgetSize takes 20-60% of the screen height and refuses the rest', async () => {
    // Balance: 480 px high, so 96..288 (default 240).
    await expect(open('size', [['h', 300]])).rejects.toThrow(/h 300 is outside 20-60% of the screen height \(96-288\)/);
    await expect(open('size', [['h', 95]])).rejects.toThrow(/outside 20-60%/);
    const w = await open('size', [['h', 288]]);
    expect(w.cardSize.h).toBe(288);
    expect(w.snapshot().height).toBe(288);
    await w.close();
  });
});
