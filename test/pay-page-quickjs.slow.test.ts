// Slow lane (npm run test:slow): the engine differential. The pay page's onInit and build, and a
// tap through each code mode, run in QuickJS (the watch's engine, sim/kernel/quickjs-page.ts: the
// realm's bundle against thin @zos stubs) and in the V8 watch realm, with the same stored wallet,
// the same screen and the same fixed time: the @zos/ui calls must be the same, call for call.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDevices } from '../reference/devices';
import { EMPTY_WALLET, WALLET_STORAGE_KEY, applySync } from '../lib/wallet/wallet';
import { lease, lockEntry, sync, T0 } from '../sim/fixtures/wallet';
import { FakeClock } from '../sim/kernel/clock';
import { silentLink } from '../sim/kernel/link';
import { openPageInQuickJS } from '../sim/kernel/quickjs-page';
import { createWatchRealm } from '../sim/kernel/watch-realm';
import { event } from '../sim/zos/constants';
import type { UiCall } from '../sim/zos/ui';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE = 'page/pay/index.page';

/** The white code area of the last drawing: the widget whose CLICK_UP toggles the mode. */
function codeArea(calls: readonly UiCall[]): number {
  const listened = calls.filter((c) => c.call === 'addEventListener' && c.event === event.CLICK_UP).map((c) => c.id);
  const id = listened[listened.length - 1];
  if (id === undefined) throw new Error('no CLICK_UP listener among the calls');
  return id;
}

for (const name of ['Amazfit Balance', 'Amazfit Bip 5 Unity']) {
  describe(`pay page in QuickJS and in the V8 realm on ${name}`, () => {
    it('makes the same @zos/ui calls in onInit, build and a tap through barcode, QR and EMV', async () => {
      const device = loadDevices().find((d) => d.name === name)!;
      const wallet = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
      const stored = () => new Map<string, unknown>([[WALLET_STORAGE_KEY, JSON.stringify(wallet)], lockEntry(T0)]);
      const watch = await createWatchRealm({
        device,
        clock: new FakeClock(T0),
        link: silentLink(),
        storage: stored(),
        appDir: ROOT,
        entryPage: PAGE,
      });
      const qjs = await openPageInQuickJS({ device, page: PAGE, now: T0, storage: stored(), appDir: ROOT });
      try {
        const v8Calls = () => JSON.parse(JSON.stringify(watch.uiCalls)) as UiCall[];
        // The code is one CANVAS drawn with many drawRect calls: both must be compared, not just widgets.
        expect(v8Calls().filter((c) => c.call === 'createWidget').length).toBeGreaterThanOrEqual(2);
        expect(v8Calls().filter((c) => c.call === 'canvas').length).toBeGreaterThan(20);
        expect(qjs.calls()).toEqual(v8Calls());
        for (let tap = 0; tap < 3; tap++) {
          const id = codeArea(v8Calls());
          expect(codeArea(qjs.calls())).toBe(id);
          const white = watch.snapshot().widgets.find((w) => w.id === id)!;
          const point = { x: Number(white.props.x) + 2, y: Number(white.props.y) + 2 };
          await watch.tap(point);
          qjs.fire(id, event.CLICK_UP, point);
          expect(qjs.calls()).toEqual(v8Calls());
        }
        expect(qjs.evalJson<string>('__page.state.mode')).toBe('barcode');
        expect(watch.errors).toEqual([]);
      } finally {
        qjs.dispose();
        await watch.close();
      }
    });
  });
}
