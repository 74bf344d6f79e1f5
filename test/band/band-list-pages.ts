// The band's list pages (band/page/common/list-page.ts) with as many cards and trips as a sync carries
// (5 x 5), on both bands and in the three languages: a swipe up turns to the next page, and on every
// page the user can reach every text is whole on the screen (in view, not cut by its box, not hidden by
// the rounded ends: sim/render/problems.ts textsOnScreen); together the pages show every line once.
// band-list-pages.test.ts (fast lane) runs it in en-US, band-list-pages.slow.test.ts in zh-CN and ru-RU.
import { describe, expect, it } from 'vitest';
import type { Language } from '../../sim/kernel/contracts';
import { bandFiles, MANY_CARDS, PREVIEW_NOW, PREVIEW_STATES } from '../../sim/cli/preview-states';
import { openPageOffline } from '../../sim/render/page';
import { textsOnScreen } from '../../sim/render/problems';
import { loadBandDevices } from '../../reference/devices';
import { fileURLToPath } from 'node:url';

const BAND_APP = fileURLToPath(new URL('../../band', import.meta.url));
const SYNCED = PREVIEW_STATES['page/limits/index.page']!.find((s) => s.name === 'synced')!.storage!;

/** Every page of a list page, first to last by swipes up, then back by swipes down: the texts of each. */
export async function readPages(
  device: string,
  page: string,
  storage: Record<string, string>,
  language: Language,
  params?: string,
) {
  const open = await openPageOffline({
    device,
    page,
    language,
    startMs: PREVIEW_NOW,
    appDir: BAND_APP,
    band: { files: bandFiles(storage), sysPro: new Map() },
    ...(params !== undefined ? { params } : {}),
  });
  try {
    const h = open.watch.device.height;
    const read = () => {
      const texts = textsOnScreen(open.snapshot(), { locale: language });
      return { all: texts.map((t) => t.text), unreadable: texts.filter((t) => !t.readable).map((t) => t.text) };
    };
    const pages = [read()];
    for (;;) {
      // The page layer never scrolls: the swipe moves nothing, it turns the page.
      expect(await open.watch.swipe({ dy: -Math.round(h / 2) })).toBe(0);
      await open.clock.settle();
      const now = read();
      if (JSON.stringify(now.all) === JSON.stringify(pages.at(-1)!.all)) break;
      pages.push(now);
      if (pages.length > 30) throw new Error('the list never ends');
    }
    const back: string[][] = [];
    for (let i = 1; i < pages.length; i++) {
      await open.watch.swipe({ dy: Math.round(h / 2) });
      await open.clock.settle();
      back.push(read().all);
    }
    expect(open.watch.errors).toEqual([]);
    return { pages, back };
  } finally {
    await open.close();
  }
}

export function bandListSuite(languages: readonly Language[]): void {
  describe.each(loadBandDevices().map((d) => d.name))('band list pages on %s', (device) => {
    for (const language of languages) {
      it(`transit, 5 cards of 5 trips, ${language}: page by page, every line whole on screen, each once`, async () => {
        const { pages, back } = await readPages(device, 'page/transit/index.page', MANY_CARDS, language);
        expect(pages.length).toBeGreaterThan(1);
        for (const [i, p] of pages.entries()) {
          expect(p.unreadable).toEqual([]);
          expect(p.all.at(-1)).toBe(`${i + 1}/${pages.length}`);
        }
        // Every page after the first starts with a card's name: a new card, or the card whose trips go on
        // (its name again above them).
        const cards = ['Shanghai Metro', 'City Bus', 'Airport Express', 'Harbour Ferry', 'Tram'];
        const bodies = pages.map((p) => p.all.slice(1, -1));
        for (const body of bodies.slice(1)) expect(cards).toContain(body[0]);
        // Less the title, the page mark and the repeated names: "as of", then per card its name, balance and
        // 5 trips of 3 texts.
        const lines = bodies.flatMap((body, i) =>
          i > 0 && bodies.slice(0, i).some((b) => b.includes(body[0]!)) ? body.slice(1) : body,
        );
        expect(lines).toHaveLength(1 + 5 * 17);
        expect(lines.filter((t) => cards.includes(t))).toEqual(cards);
        // Swipes down go back page by page to the first.
        expect(back).toEqual(
          pages
            .slice(0, -1)
            .reverse()
            .map((p) => p.all),
        );
      });
    }

    it('limits: one page, every line whole', async () => {
      const { pages } = await readPages(device, 'page/limits/index.page', SYNCED, languages[0]!);
      expect(pages).toHaveLength(1);
      expect(pages[0]!.unreadable).toEqual([]);
      expect(pages[0]!.all.length).toBe(10);
    });
  });
}
