// Every page in each of its preview states (sim/cli/preview-states.ts) on all five preview devices, in
// Chinese and Russian: no text runs past the screen's edge, is cut, or overlaps the status bar
// (sim/render/problems.ts screenProblems, as `npm run preview` reports them), and no page throws. The one
// cut allowed is the history page's merchant name made longer than a line on purpose (its ellipsis).
import { afterEach, describe, expect, it } from 'vitest';
import { manifestPages, readAppManifest } from '../../sim/kernel/app-manifest';
import { PROJECT_ROOT } from '../../sim/kernel/bundle';
import type { Language } from '../../sim/kernel/contracts';
import { PREVIEW_DEVICES, PREVIEW_NOW, statesFor } from '../../sim/cli/preview-states';
import { openPageOffline, type OfflinePage } from '../../sim/render/page';
import { screenProblems } from '../../sim/render/problems';

const manifest = readAppManifest(PROJECT_ROOT);
const PAGES = [...manifestPages(manifest, 'preview'), ...manifest.appWidgets.map((w) => w.path)];
/** The preview's deliberately long merchant name (MERCHANT_NAME_MAX_LENGTH characters) ends in "…" on one line. */
const ALLOWED = (page: string, problem: string) =>
  page === 'page/history/index.page' && /is cut: ellipsis$/.test(problem);

let open: OfflinePage | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

describe.each(['zh-CN', 'ru-RU'] as Language[])('every preview screen in %s', (language) => {
  it.each(PREVIEW_DEVICES)('reads whole on %s', async (device) => {
    const found: string[] = [];
    for (const page of PAGES)
      for (const state of statesFor(page)) {
        const card = page.startsWith('app-widget/');
        open = await openPageOffline({
          device,
          page,
          card,
          language,
          startMs: PREVIEW_NOW,
          ...(state.storage ? { storage: state.storage } : {}),
          ...(state.taps ? { taps: state.taps } : {}),
          ...(state.params !== undefined ? { params: state.params } : {}),
          ...(state.scroll !== undefined ? { scroll: state.scroll } : {}),
          ...(state.wear !== undefined ? { wear: state.wear } : {}),
        });
        const how = { locale: language, ...(card ? { screenRadius: open.watch.cardSize.radius } : {}) };
        for (const p of screenProblems(open.snapshot(), how))
          if (!ALLOWED(page, p)) found.push(`${page} ${state.name}: ${p}`);
        for (const e of open.watch.errors) found.push(`${page} ${state.name}: error ${String(e)}`);
        await open.close();
        open = null;
      }
    expect(found).toEqual([]);
  });
});
