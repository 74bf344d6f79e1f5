// The band pages' geometry (band/page/common/layout.ts) with the same pay view the watches use: every code
// mode fits both bands at the sizes a scanner needs, clear of the digits and the hint; text wrapping and
// digit rows keep every character.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandLayout,
  bandPayGeometry,
  bandScreen,
  digitRows,
  insideOutline,
  listFrame,
  outlineInset,
  paginate,
  wrapText,
  type ListRow,
} from '../../band/page/common/layout';
import type { Rect } from '../../lib/codes/rects';
import { CODE_MODES, MIN_PX_PER_MODULE, payView } from '../../lib/wallet/pay-view';
import { applySync, EMPTY_WALLET } from '../../lib/wallet/wallet';
import { loadBandDevices } from '../../reference/devices';
import { arbLease } from '../../sim/fixtures/lease';
import { lease, sync, T0 } from '../../sim/fixtures/wallet';

const BANDS = loadBandDevices();
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Rect, w: number, h: number) => a.x >= 0 && a.y >= 0 && a.x + a.w <= w && a.y + a.h <= h;

describe('band layouts', () => {
  it('are the two bands of the device table, with their corner radius', () => {
    expect(BANDS.map((d) => `${d.name} ${d.width}x${d.height}`).sort()).toEqual([
      'Amazfit Band 7 194x368',
      'Xiaomi Mi Band 7 192x490',
    ]);
    for (const d of BANDS) expect(bandScreen(d.width, d.height).cornerRadius).toBe(d.screenRadius);
  });

  it('keep the title inside the rounded screen', () => {
    for (const d of BANDS) {
      const l = bandLayout(d.width, d.height);
      expect(insideOutline(l.screen, l.title), d.name).toBe(true);
    }
  });

  for (const d of BANDS) {
    describe(d.name, () => {
      const l = bandLayout(d.width, d.height);
      const wallet = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);

      for (const mode of CODE_MODES) {
        it(`${mode}: at least ${MIN_PX_PER_MODULE[mode]} px a module, on screen, clear of digits and hint`, () => {
          const g = bandPayGeometry(l, mode);
          const view = payView(wallet, T0, mode, l.screen, g);
          expect(view.kind).toBe('code');
          if (view.kind !== 'code') return;
          const { bounds, pxPerModule, rotation } = view.layout;
          expect(pxPerModule).toBeGreaterThanOrEqual(MIN_PX_PER_MODULE[mode]);
          // The barcode runs along the long side (the bands are tall).
          if (mode === 'barcode') expect(rotation).toBe(90);
          expect(inside(bounds, d.width, d.height)).toBe(true);
          expect(overlaps(bounds, g.digits)).toBe(false);
          if (!view.compact) {
            expect(overlaps(bounds, g.hint)).toBe(false);
            expect(overlaps(bounds, l.title)).toBe(false);
          }
          // The digits' rows fit their box at the digit size (digits are at most 0.6 em wide).
          for (const row of digitRows(view.digits, g.digitRows))
            expect(row.length * 0.6 * l.size.digits).toBeLessThanOrEqual(g.digits.w);
          expect(g.digitRows * Math.round(l.size.digits * 1.3)).toBeLessThanOrEqual(
            mode === 'barcode' ? bounds.h : g.digits.h,
          );
        });
      }

      it('every lease and time: each mode keeps its minimum size and stays on screen', () => {
        fc.assert(
          fc.property(
            arbLease,
            fc.constantFrom(...CODE_MODES),
            fc.integer({ min: 0, max: 3600_000 }),
            (ls, mode, dt) => {
              const now = ls.notBefore + dt;
              const w = applySync(
                EMPTY_WALLET,
                sync({ lease: { ...ls, expiresAt: Math.max(ls.expiresAt, now + 1) }, now, asOf: now }),
                now,
              );
              const view = payView(w, now, mode, l.screen, bandPayGeometry(l, mode));
              if (view.kind !== 'code') return;
              expect(view.layout.pxPerModule).toBeGreaterThanOrEqual(MIN_PX_PER_MODULE[mode]);
              expect(inside(view.layout.bounds, d.width, d.height)).toBe(true);
            },
          ),
          { numRuns: 25 },
        );
      });
    });
  }
});

describe('digitRows', () => {
  it('splits whole groups into at most the rows asked for, keeping every digit in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^\d{4}$/), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        (groups, rows) => {
          const out = digitRows(groups.join(' '), rows);
          expect(out.length).toBeLessThanOrEqual(rows);
          expect(out.join(' ')).toBe(groups.join(' '));
        },
      ),
    );
    expect(digitRows('1234 5678 9012 3456 7890', 2)).toEqual(['1234 5678 9012', '3456 7890']);
    expect(digitRows('EMV', 2)).toEqual(['EMV']);
  });
});

describe('wrapText', () => {
  const em = (ch: string) =>
    /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : /[A-Z\u0400-\u04ff@%MW]/.test(ch) ? 0.68 : 0.56;
  const width = (s: string, size: number) => [...s].reduce((a, ch) => a + em(ch), 0) * size;

  it('keeps every non-space character in order, and each line fits unless it is one character', () => {
    const words = fc.oneof(
      fc.stringMatching(/^[a-zA-Z0-9.:>]{1,14}$/),
      fc.stringMatching(/^[а-яА-ЯёЁ]{1,18}$/),
      fc.stringMatching(/^[\u4e00-\u4fff]{1,12}$/),
    );
    fc.assert(
      fc.property(
        fc.array(words, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 12, max: 30 }),
        fc.integer({ min: 60, max: 190 }),
        (ws, size, w) => {
          const text = ws.join(' ');
          const lines = wrapText(text, size, w);
          expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
          for (const line of lines) if ([...line].length > 1) expect(width(line, size)).toBeLessThanOrEqual(w + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('breaks at spaces when the words fit', () => {
    expect(wrapText('Bind this watch in the Zepp app', 20, 180)).toEqual(['Bind this watch', 'in the Zepp app']);
    expect(wrapText('a\nb', 20, 120)).toEqual(['a', 'b']);
  });
});

describe('list pages (listFrame, paginate)', () => {
  // Rows as list-page.ts writes them: lines and pairs at the band's sizes (1.4 x size), note lines
  // (1.35 x size), gaps of 10; runs kept together of up to 3 rows.
  const arbRows: fc.Arbitrary<ListRow[]> = fc
    .array(
      fc.record({
        h: fc.constantFrom(...[15, 17, 20, 26, 30].map((s) => Math.round(s * 1.4)), 27, 10),
        gap: fc.boolean(),
        keepWithNext: fc.boolean(),
        heading: fc.option(fc.nat(), { nil: undefined }),
      }),
      { maxLength: 80 },
    )
    .map((rs) =>
      rs.map(({ h, gap, keepWithNext, heading }, i): ListRow => {
        if (gap) return { h: 10, gap: true };
        return {
          h,
          keepWithNext,
          ...(heading !== undefined && i > 0 ? { repeat: i - 1 - (heading % i) } : {}),
        };
      }),
    );
  for (const d of BANDS) {
    const l = bandLayout(d.width, d.height);
    const frame = listFrame(l);
    it(`${d.name}: title, page mark, every row and every repeated heading of every page lie inside the rounded screen, in order, apart`, () => {
      expect(insideOutline(l.screen, frame.title)).toBe(true);
      expect(insideOutline(l.screen, frame.pageMark)).toBe(true);
      expect(frame.top).toBeGreaterThanOrEqual(frame.title.y + frame.title.h);
      expect(frame.bottom).toBeLessThanOrEqual(frame.pageMark.y);
      fc.assert(
        fc.property(arbRows, (rows) => {
          const { pages, at, repeats } = paginate(frame, rows);
          expect(at).toHaveLength(rows.length);
          const boxes: Array<{ page: number; y: number; h: number }> = [];
          let last = { page: 0, y: -Infinity };
          rows.forEach((row, i) => {
            const p = at[i];
            if (p === null) {
              // Only a gap is left out.
              expect(row.gap).toBe(true);
              return;
            }
            expect(p!.page).toBeLessThan(pages);
            // In order: on the same page below the row before, or on a later page.
            if (p!.page === last.page) expect(p!.y).toBeGreaterThanOrEqual(last.y);
            else expect(p!.page).toBeGreaterThan(last.page);
            boxes.push({ page: p!.page, y: p!.y, h: row.h });
            last = { page: p!.page, y: p!.y + row.h };
          });
          for (const r of repeats) {
            // A heading again only at the top of a page whose first row is under it, and not on its own page.
            expect(r.y).toBe(frame.top);
            expect(at[r.row]?.page).not.toBe(r.page);
            boxes.push({ page: r.page, y: r.y, h: rows[r.row]!.h });
          }
          for (const b of boxes) {
            const box = { x: frame.row.x, y: b.y, w: frame.row.w, h: b.h };
            expect(insideOutline(l.screen, box)).toBe(true);
            expect(box.y).toBeGreaterThanOrEqual(frame.top);
            expect(box.y + box.h).toBeLessThanOrEqual(frame.bottom);
          }
          // No two boxes of a page overlap.
          for (let p = 0; p < pages; p++) {
            const on = boxes.filter((b) => b.page === p).sort((a, b) => a.y - b.y);
            for (let k = 1; k < on.length; k++) expect(on[k]!.y).toBeGreaterThanOrEqual(on[k - 1]!.y + on[k - 1]!.h);
          }
          // Every page shows at least one row.
          const used = new Set(boxes.map((b) => b.page));
          expect(used.size).toBe(rows.some((r) => !r.gap) ? pages : 0);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('keeps a run together on the next page when it does not fit the rest of this one', () => {
    const frame = listFrame(bandLayout(192, 490));
    const room = frame.bottom - frame.top;
    const rows: ListRow[] = [{ h: room - 30 }, { h: 28, keepWithNext: true }, { h: 42 }];
    expect(paginate(frame, rows).at).toEqual([
      { page: 0, y: frame.top },
      { page: 1, y: frame.top },
      { page: 1, y: frame.top + 28 },
    ]);
  });

  it('draws the heading again above the rows under it that start a page', () => {
    const frame = listFrame(bandLayout(192, 490));
    const room = frame.bottom - frame.top;
    const rows: ListRow[] = [{ h: 28 }, { h: room - 30, repeat: 0 }, { h: 24, repeat: 0 }];
    const { at, repeats } = paginate(frame, rows);
    expect(at[2]).toEqual({ page: 1, y: frame.top + 28 });
    expect(repeats).toEqual([{ row: 0, page: 1, y: frame.top }]);
  });

  it("outlineInset: the Mi Band 7's ends are half circles", () => {
    const mi = bandScreen(192, 490);
    expect(outlineInset(mi, 0)).toBe(96);
    expect(outlineInset(mi, 96)).toBe(0);
    expect(outlineInset(mi, 245)).toBe(0);
    expect(outlineInset(mi, 490)).toBe(96);
    expect(outlineInset(mi, -1)).toBe(Infinity);
    // A full-width line (6 px from each side) through the top end is cut; the list frame keeps rows below it.
    expect(insideOutline(mi, { x: 6, y: 44, w: 180, h: 34 })).toBe(false);
  });
});
