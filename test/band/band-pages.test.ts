// The band's card, ride and history pages (band/page/card, ride, history): the ride code's geometry on
// both bands for any lease and time (3 px a module, the most 192 px holds, with its full quiet zone, on
// screen, clear of the title and the hint), the card id handed from page to page as gotoPage's string
// param, the hint in every language, and the card page as the band draws it (its "Ride code" only for a
// card the lease certifies, opening the ride page). The code read off the degraded screen by a gate:
// band-e2e.ts (slow lane) and band-ride-scan.slow.test.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandLayout, bandRideGeometry, wrapText } from '../../band/page/common/layout';
import type { Rect } from '../../lib/codes/rects';
import { QR_QUIET_ZONE } from '../../lib/codes/qr';
import { cardIdFromParams } from '../../lib/wallet/views';
import { rideParam, rideView } from '../../lib/wallet/ride-view';
import { applySync, EMPTY_WALLET } from '../../lib/wallet/wallet';
import { loadBandDevices } from '../../reference/devices';
import { bandFiles, PREVIEW_NOW, PREVIEW_STATES } from '../../sim/cli/preview-states';
import { CARD_A, NOW, rideLease } from '../../sim/fixtures/ride';
import { sync } from '../../sim/fixtures/wallet';
import { openPageOffline } from '../../sim/render/page';
import { textsOnScreen } from '../../sim/render/problems';
import { parsePo } from '../../sim/zos/i18n';

const BANDS = loadBandDevices();
const BAND_APP = fileURLToPath(new URL('../../band', import.meta.url));
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

/** Inside the screen's rounded rectangle (corner radius r): each corner of the box. */
function inOutline(b: Rect, w: number, h: number, r: number): boolean {
  const ok = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, r), w - r);
    const cy = Math.min(Math.max(y, r), h - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  return ok(b.x, b.y) && ok(b.x + b.w, b.y) && ok(b.x, b.y + b.h) && ok(b.x + b.w, b.y + b.h);
}

describe('the band ride page', () => {
  for (const d of BANDS) {
    const l = bandLayout(d.width, d.height);
    const g = bandRideGeometry(l);

    it(`${d.name}: 3 px a module for any lease and time, 4-module quiet zone, on screen, under the title, over the hint`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: -3_599, max: 86_399 }), (seed, s) => {
          const now = NOW + s * 1000;
          const lease = rideLease(seed);
          const wallet = applySync(EMPTY_WALLET, sync({ lease, now, asOf: now }), now);
          const v = rideView(wallet, now, CARD_A, l.screen, g);
          expect(v.kind).toBe('code');
          if (v.kind !== 'code') return;
          expect(v.payload).toMatch(/^\d{340}$/);
          const { bounds, pxPerModule } = v.layout;
          expect(pxPerModule).toBe(3);
          // Version 8 (49 modules) and its quiet zone: 57 modules a side.
          expect(bounds.w).toBe((49 + 2 * QR_QUIET_ZONE) * 3);
          expect(inside(bounds, g.area)).toBe(true);
          expect(inOutline(bounds, d.width, d.height, l.screen.cornerRadius)).toBe(true);
          expect(bounds.y).toBeGreaterThanOrEqual(g.title.y + g.title.h);
          expect(g.hint.y).toBeGreaterThanOrEqual(bounds.y + bounds.h);
          // The dark modules inside the quiet zone.
          const q = QR_QUIET_ZONE * 3;
          for (const r of v.layout.rects)
            expect(inside(r, { x: bounds.x + q, y: bounds.y + q, w: bounds.w - 2 * q, h: bounds.h - 2 * q })).toBe(
              true,
            );
        }),
        { numRuns: 4 },
      );
    });

    it(`${d.name}: 4 px a module cannot fit: the symbol alone would be 196 px`, () => {
      expect(49 * 4).toBeGreaterThan(d.width);
      expect((49 + 2 * QR_QUIET_ZONE) * 3).toBeLessThanOrEqual(d.width);
    });
  }

  it('the hint wraps into its two lines in every language', () => {
    for (const lang of ['en-US', 'zh-CN', 'ru-RU']) {
      const hint = parsePo(readFileSync(`${BAND_APP}/page/i18n/${lang}.po`, 'utf8')).get('ride.hint');
      expect(hint, lang).toBeTruthy();
      for (const d of BANDS) {
        const g = bandRideGeometry(bandLayout(d.width, d.height));
        const lines = wrapText(hint!, g.hintSize, g.hint.w);
        expect(lines.length * Math.round(g.hintSize * 1.35), `${lang} ${d.name}`).toBeLessThanOrEqual(g.hint.h);
      }
    }
  });
});

describe('a card id handed from page to page (gotoPage param: a string)', () => {
  it('JSON {"card": id} reads back on the card page and the ride page, for any id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (id) => {
        const param = JSON.stringify({ card: id });
        expect(cardIdFromParams(param)).toBe(id);
        expect(rideParam(param)).toBe(id);
      }),
    );
  });
});

describe('the band card page', () => {
  const states = PREVIEW_STATES['page/card/index.page']!;
  const open = (state: string) => {
    const s = states.find((x) => x.name === state)!;
    return openPageOffline({
      device: 'Amazfit Band 7',
      page: 'page/card/index.page',
      startMs: PREVIEW_NOW,
      appDir: BAND_APP,
      params: s.params!,
      band: { files: bandFiles(s.storage), sysPro: new Map() },
    });
  };

  it('shows the card of its param, and "Ride code" opens that card\'s ride page', async () => {
    const page = await open('normal');
    try {
      const texts = page.watch.texts();
      expect(texts[0]).toBe('Metro');
      expect(texts).toEqual(expect.arrayContaining(['¥88.20', 'As of 08:35', 'Ride code', 'Last trips']));
      await page.watch.tap('Ride code');
      await page.clock.settle();
      expect(page.watch.page).toBe('page/ride/index.page');
      expect(page.watch.texts()[0]).toBe('Metro');
      expect(page.watch.find({ type: 'FILL_RECT' })).toBeDefined();
      expect(page.watch.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('warns when the automatic top-up failed, and offers no ride code for a card the lease does not certify', async () => {
    const page = await open('auto-failed');
    try {
      const texts = page.watch.texts();
      expect(texts[0]).toBe('Airport Express');
      expect(texts.join(' ')).toContain('Auto top-up failed');
      expect(texts).not.toContain('Ride code');
      expect(page.watch.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('the band home with its fourth button (History)', () => {
  for (const language of ['en-US', 'zh-CN', 'ru-RU'] as const)
    for (const device of ['Amazfit Band 7', 'Xiaomi Mi Band 7'])
      it(`${device}, ${language}, not bound: every text fits the screen whole, buttons 44 px or taller`, async () => {
        const page = await openPageOffline({
          device,
          page: 'page/home/index.page',
          startMs: PREVIEW_NOW,
          appDir: BAND_APP,
          language,
          band: { files: new Map(), sysPro: new Map() },
        });
        try {
          const texts = textsOnScreen(page.snapshot(), { locale: language });
          expect(texts.length).toBeGreaterThan(6);
          expect(texts.filter((t) => !t.readable).map((t) => t.text)).toEqual([]);
          const buttons = page.snapshot().widgets.filter((n) => n.type === 'BUTTON');
          expect(buttons).toHaveLength(4);
          for (const b of buttons) expect(Number(b.props.h)).toBeGreaterThanOrEqual(44);
          expect(page.watch.errors).toEqual([]);
        } finally {
          await page.close();
        }
      });
});
