// Slow lane: the band's card and history pages (band/page/card, band/page/history) page by page on both
// bands in en, zh and ru, as band-list-pages.ts reads the transit page: every line whole on screen, and
// all of it there (history: the balance and all 10 payments; card: its balance, notes, "Ride code", trips).
import { describe, expect, it } from 'vitest';
import { loadBandDevices } from '../../reference/devices';
import { PREVIEW_STATES } from '../../sim/cli/preview-states';
import { readPages } from './band-list-pages';

const LANGUAGES = ['en-US', 'zh-CN', 'ru-RU'] as const;
const state = (page: string, name: string) => PREVIEW_STATES[page]!.find((s) => s.name === name)!;

describe.each(loadBandDevices().map((d) => d.name))('band card and history pages on %s', (device) => {
  for (const language of LANGUAGES) {
    it(`history, 10 payments, ${language}: every line whole, every payment there`, async () => {
      const history = state('page/history/index.page', 'ten-top');
      const { pages } = await readPages(device, 'page/history/index.page', history.storage!, language);
      for (const p of pages) expect(p.unreadable).toEqual([]);
      const all = pages.flatMap((p) => p.all);
      // Ten amounts, one a refund (+), each once.
      expect(all.filter((t) => /^[-+]/.test(t) && /\d/.test(t))).toHaveLength(10);
      expect(all.filter((t) => t.startsWith('+'))).toHaveLength(1);
    });

    it(`card with automatic top-up and a ride code, ${language}: every line whole`, async () => {
      const card = state('page/card/index.page', 'normal');
      const { pages } = await readPages(device, 'page/card/index.page', card.storage!, language, card.params);
      for (const p of pages) expect(p.unreadable).toEqual([]);
      const all = pages.flatMap((p) => p.all);
      expect(all[0]).toBe('Metro');
      expect(all.some((t) => /88[.,]20/.test(t))).toBe(true);
      expect(all).toContain({ 'en-US': 'Ride code', 'zh-CN': '乘车码', 'ru-RU': 'Код проезда' }[language]);
    });
  }
});
