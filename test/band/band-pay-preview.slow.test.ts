// The band pay page's and keypad's preview states (sim/cli/preview-states.ts, as npm run preview opens them)
// on both bands in all three languages: what each state is about is on screen, nothing is cut or past the
// rounded edges (screenProblems), no call failed. Slow lane: 54 pages.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../sim/kernel/contracts';
import { BAND_PREVIEW_DEVICES, bandFiles, PREVIEW_NOW, PREVIEW_STATES } from '../../sim/cli/preview-states';
import { screenProblems } from '../../sim/render/problems';
import { openPageOffline } from '../../sim/render/page';

const BAND_APP = fileURLToPath(new URL('../../band', import.meta.url));

/** Page, state, and a text that shows (in English) that the state is drawn. */
const STATES: Array<[string, string, string | null]> = [
  ['page/pay/index.page', 'locked', 'Unlock'],
  ['page/pay/index.page', 'paid', 'Paid'],
  ['page/pay/index.page', 'declined', 'Declined'],
  ['page/pay/index.page', 'erased', 'Code erased'],
  ['page/pay/index.page', 'wait-next-code', null],
  ['page/pin/index.page', 'new', 'Choose a PIN'],
  ['page/pin/index.page', 'unlock', 'Enter PIN'],
  ['page/pin/index.page', 'wrong', 'Enter PIN'],
  ['page/pin/index.page', 'erased', 'OK'],
];

describe('band pay page and keypad pictures', () => {
  for (const device of BAND_PREVIEW_DEVICES)
    for (const language of ['en-US', 'zh-CN', 'ru-RU'] as Language[])
      it(`${device}, ${language}`, async () => {
        for (const [page, name, text] of STATES) {
          const state = PREVIEW_STATES[page]!.find((s) => s.name === name)!;
          const open = await openPageOffline({
            device,
            page,
            language,
            startMs: PREVIEW_NOW,
            appDir: BAND_APP,
            band: { files: bandFiles(state.storage), sysPro: new Map() },
            ...(state.taps ? { taps: state.taps } : {}),
            ...(state.wear !== undefined ? { wear: state.wear } : {}),
            ...(state.phone ? { phone: state.phone } : {}),
          });
          try {
            const what = `${page} ${name}`;
            expect(open.watch.errors, what).toEqual([]);
            expect(screenProblems(open.snapshot()), what).toEqual([]);
            if (text && language === 'en-US') expect(open.watch.texts(), what).toContain(text);
            // Locked, erased, paid, declined: no code on screen (its white quiet zone).
            if (page.startsWith('page/pay') && name !== 'wait-next-code')
              expect(open.snapshot().widgets.some((w) => w.type === 'FILL_RECT' && w.props.color === 0xffffff)).toBe(
                false,
              );
          } finally {
            await open.close();
          }
        }
      });
});
