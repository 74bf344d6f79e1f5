// The list pages (transit, limits) on every preview device, round and square: with as many cards and
// trips as a sync carries (5 x 5), every line can be scrolled into view and read whole there (in view,
// not cut by its box, not hidden by the screen's outline: sim/render/problems.ts textsOnScreen).
// list-scroll.test.ts (fast lane) runs it on the smallest round and the smallest square preview
// screen; list-scroll.slow.test.ts (slow lane) on all five preview devices.
import { describe, expect, it } from 'vitest';
import { MANY_CARDS, PREVIEW_NOW, PREVIEW_STATES } from '../../sim/cli/preview-states';
import { openPageOffline } from '../../sim/render/page';
import { textsOnScreen } from '../../sim/render/problems';

const SYNCED = PREVIEW_STATES['page/limits/index.page']!.find((s) => s.name === 'synced')!.storage!;

/**
 * Swipes up a fifth of the screen at a time from the top to the end of the list; returns every text
 * of the page with whether it was readable on some screen on the way, and how many screens it took.
 */
async function readByScrolling(device: string, page: string, storage: Record<string, string>) {
  const open = await openPageOffline({ device, page, storage, startMs: PREVIEW_NOW });
  try {
    const readable = new Map<number, { text: string; seen: boolean }>();
    const step = Math.round(open.watch.device.height / 5);
    let screens = 0;
    for (;;) {
      screens++;
      for (const t of textsOnScreen(open.snapshot())) {
        const r = readable.get(t.node.id) ?? { text: t.text, seen: false };
        r.seen ||= t.readable;
        readable.set(t.node.id, r);
      }
      if ((await open.watch.swipe({ dy: -step })) === 0) break;
      if (screens > 200) throw new Error('the list never ends');
    }
    expect(open.watch.errors).toEqual([]);
    return { texts: [...readable.values()], screens };
  } finally {
    await open.close();
  }
}

/** The list pages on each of `devices`. */
export function listScrollSuite(devices: string[]): void {
  describe.each(devices)('list pages on %s', (device) => {
    it('transit, 5 cards of 5 trips: every line can be scrolled to and read whole', async () => {
      const { texts, screens } = await readByScrolling(device, 'page/transit/index.page', MANY_CARDS);
      // Title, "as of", and per card its name, balance and 5 trips of two rows.
      expect(texts.length).toBe(2 + 5 * 12);
      expect(texts.filter((t) => !t.seen).map((t) => t.text)).toEqual([]);
      expect(screens).toBeGreaterThan(1);
    });

    it('limits: every line can be read', async () => {
      const { texts } = await readByScrolling(device, 'page/limits/index.page', SYNCED);
      expect(texts.length).toBe(7);
      expect(texts.filter((t) => !t.seen).map((t) => t.text)).toEqual([]);
    });
  });
}
