// Where things go on the two bands (pure: no platform calls, so tests read it in Node). Amazfit Band 7 is
// 194x368 with corners of 25 px, Xiaomi Mi Band 7 192x490 with corners of 96 px (reference/zepp-devices.tsv);
// both are about 192 px wide, so the layouts differ only in height and in how far the rounded ends reach.
import type { PayGeometry } from '../../../lib/wallet/pay-view';
import type { CodeMode } from '../../../lib/wallet/pay-view';
import type { Rect } from '../../../lib/codes/rects';
import type { Screen } from '../../../lib/codes/layout';

/** Corner radius by screen height: hmSetting.getDeviceInfo() has none (hmSetting/getDeviceInfo.mdx). */
const CORNER_BY_HEIGHT: Record<number, number> = { 368: 25, 490: 96 };

export function bandScreen(width: number, height: number): Screen {
  return { width, height, cornerRadius: CORNER_BY_HEIGHT[height] ?? Math.ceil(width / 4) };
}

export interface BandText {
  title: number;
  text: number;
  small: number;
  big: number;
  /** Payment code digits: a cashier types them when the scanner fails. */
  digits: number;
}

export interface BandLayout {
  screen: Screen;
  size: BandText;
  /** Kept clear at each side. */
  side: number;
  /** Where the first line goes below the rounded top, and how much room the last keeps above the bottom. */
  top: number;
  bottom: number;
  title: Rect;
}

export function bandLayout(width: number, height: number): BandLayout {
  const screen = bandScreen(width, height);
  // The Mi Band's ends are half circles: text starts where the screen is about 150 px wide.
  const top = screen.cornerRadius > 50 ? 44 : 10;
  const l: BandLayout = {
    screen,
    size: { title: 26, text: 20, small: 17, big: 30, digits: 20 },
    side: 6,
    top,
    bottom: top,
    title: { x: 6, y: top, w: width - 12, h: 34 },
  };
  // The title's box narrowed to the rounded top (the Mi Band 7's is 156 px wide there), so a long title is
  // drawn smaller rather than cut by the outline.
  l.title = boxInside(l, top, 34);
  return l;
}

/**
 * Code geometry per mode. The digits are not left to payView's line under the code (one line of 24
 * characters does not fit 192 px at a readable size); the page draws them itself in `digits`:
 * - barcode: turned along the long side, the digits in a column of 4-digit groups to its right;
 * - QR and EMV QR: the digits in two lines under the code.
 * `digitsSize: 0` makes payView reserve nothing for its own line.
 */
export interface BandPayGeometry extends PayGeometry {
  digits: Rect;
  /** One row per group of the column (barcode) or one row per line (QR). */
  digitRows: number;
  hint: Rect;
  hintSize: number;
}

export function bandPayGeometry(l: BandLayout, mode: CodeMode): BandPayGeometry {
  const { width, height } = l.screen;
  const rowH = Math.round(l.size.digits * 1.3);
  const hintH = Math.round(l.size.small * 1.5);
  const below = l.title.y + l.title.h;
  // Full width: the hint is short and centred, so its ink stays clear of the rounded bottom (the preview's
  // outline check); a box narrowed to the outline would draw it smaller than needed.
  const hint = { x: l.side, y: height - l.bottom - hintH, w: width - 2 * l.side, h: hintH };
  if (mode === 'barcode') {
    const column = Math.ceil(l.size.digits * 0.6 * 4) + 8; // "1234" plus room either side
    const digits = { x: width - l.side - column, y: 0, w: column, h: height };
    const codeW = digits.x - 2;
    return {
      area: { x: 0, y: below, w: codeW, h: hint.y - below },
      fullArea: { x: 0, y: 0, w: codeW, h: height },
      digitsSize: 0,
      margin: 2,
      digits,
      digitRows: 5,
      hint,
      hintSize: l.size.small,
    };
  }
  const digitsH = 2 * rowH;
  const digits = { x: l.side, y: hint.y - digitsH - 4, w: width - 2 * l.side, h: digitsH };
  return {
    area: { x: 0, y: below, w: width, h: digits.y - below },
    fullArea: { x: 0, y: 0, w: width, h: height - digitsH - 8 },
    digitsSize: 0,
    margin: 2,
    digits,
    digitRows: 2,
    hint,
    hintSize: l.size.small,
  };
}

/** The code's digits ('1234 5678 9012 3456 7890') in `rows` rows of whole groups. */
export function digitRows(digits: string, rows: number): string[] {
  const groups = digits.split(' ');
  const per = Math.ceil(groups.length / rows);
  const out: string[] = [];
  for (let i = 0; i < groups.length; i += per) out.push(groups.slice(i, i + per).join(' '));
  return out;
}

/**
 * Splits text into lines no wider than `width` px at `size` (1.0's TEXT has no wrapping: hmUI/widget/TEXT.mdx
 * lists ELLIPSIS and NONE only). Widths are estimated: CJK 1 em, capitals, m, w and Cyrillic 0.68 (a
 * lowercase m or w is as wide as a capital), others 0.56; words break at spaces, CJK anywhere, and a word
 * longer than a line is cut.
 */
function em(ch: string): number {
  if (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch)) return 1;
  if (/[A-Z\u0400-\u04ff@%mw]/.test(ch)) return 0.68;
  return 0.56;
}

/** The estimated width of `text` at `size` px (wrapText's estimate). */
export function textWidth(text: string, size: number): number {
  return [...text].reduce((a, ch) => a + em(ch), 0) * size;
}

/**
 * The size at which one line of `text` fits `width`: `size`, or smaller down to 70% of it (a longer
 * translation on a 192 px screen); below that the line is cut (ELLIPSIS) rather than unreadable.
 */
export function fitSize(text: string, size: number, width: number): number {
  // A pixel to spare: an estimate exactly at the box's width (six CJK characters at 26 px in the Mi Band 7's
  // 156 px title box) is cut by the font's own rounding.
  const room = width - 1;
  const w = textWidth(text, size);
  if (w <= room) return size;
  return Math.max(Math.ceil(size * 0.7), Math.floor((size * room) / w));
}

export function wrapText(text: string, size: number, width: number): string[] {
  const fits = (s: string) => textWidth(s, size) <= width;
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // Tokens: words with their trailing space, or single CJK characters.
    const tokens = paragraph.match(
      /[\u2e80-\u9fff\uff00-\uffef][，。、：；！？]?|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+/g,
    ) ?? [''];
    let line = '';
    for (const token of tokens) {
      if (fits((line + token).trimEnd())) {
        line += token;
        continue;
      }
      if (line.trim()) lines.push(line.trimEnd());
      line = token.trimStart();
      while (!fits(line.trimEnd()) && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && !fits(line.slice(0, cut))) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/**
 * The ride page: the card's name on top, the ride code (QR version 8, 49 modules, 340 digits) in the
 * middle, the hint under it. On a 192-194 px wide band the code is 3 px a module with its 4-module quiet
 * zone (57 x 3 = 171 px): 4 px would need 196 px for the symbol alone, so no placement (turned, a narrower
 * quiet zone, the Mi Band's extra height) gives more. That is under the 4 px the watches keep
 * (MIN_PX_PER_MODULE.qr), so ride-view calls it `compact`; the band still has the height for title and
 * hint, and the page draws them where the code leaves room (docs/ride-codes.md, "On a band").
 */
export interface BandRideGeometry extends PayGeometry {
  title: Rect;
  hint: Rect;
  hintSize: number;
}

export function bandRideGeometry(l: BandLayout): BandRideGeometry {
  const { width, height } = l.screen;
  // Two lines: "Hold to the gate reader" in Russian is wider than 180 px at a readable size.
  const hintH = 2 * Math.round(l.size.small * 1.35);
  const below = l.title.y + l.title.h;
  const hint = { x: l.side, y: height - l.bottom - hintH, w: width - 2 * l.side, h: hintH };
  const area = { x: 0, y: below, w: width, h: hint.y - below };
  return { area, fullArea: area, digitsSize: 0, margin: 2, title: l.title, hint, hintSize: l.size.small };
}

/**
 * How far the screen's rounded outline reaches in from each side at row y (0 outside the rounded ends,
 * Infinity off the screen). The outline is the screen rectangle with corners of `cornerRadius`
 * (reference/zepp-devices.tsv screenRadius; the Mi Band 7's 96 px makes its ends half circles).
 */
export function outlineInset(screen: Screen, y: number): number {
  const { width, height } = screen;
  if (y < 0 || y > height) return Infinity;
  const r = Math.min(screen.cornerRadius, width / 2, height / 2);
  const d = y < r ? r - y : y > height - r ? y - (height - r) : 0;
  return r - Math.sqrt(Math.max(0, r * r - d * d));
}

/** Whether the whole of `box` lies inside the screen's rounded outline (its corners do: the outline is convex). */
export function insideOutline(screen: Screen, box: Rect): boolean {
  const inset = Math.max(outlineInset(screen, box.y), outlineInset(screen, box.y + box.h));
  return box.x >= inset && box.x + box.w <= screen.width - inset;
}

/**
 * Where a list page (list-page.ts) puts things, the same on every page of it: the title in the top
 * rounded end, rows of full width (side to side) between `top` and `bottom`, where the outline is no
 * nearer than `side`, and the page mark ("2/3") in the bottom end. Nothing scrolls: a swipe shows the
 * next page, so each line is drawn where it is read, never through the rounded ends.
 */
export interface ListFrame {
  title: Rect;
  top: number;
  bottom: number;
  row: { x: number; w: number };
  pageMark: Rect;
}

/** The box of width inside the outline from y to y + h, at least `side` from it (centred). */
export function boxInside(l: BandLayout, y: number, h: number): Rect {
  const inset = Math.max(outlineInset(l.screen, y), outlineInset(l.screen, y + h));
  const x = Math.max(l.side, Math.ceil(inset) + 2);
  return { x, y, w: l.screen.width - 2 * x, h };
}

export function listFrame(l: BandLayout): ListFrame {
  const { width, height } = l.screen;
  const r = Math.min(l.screen.cornerRadius, width / 2, height / 2);
  // The first row where the outline is `side` or less from each edge: full-width rows start there.
  const safe = r > l.side ? Math.ceil(r - Math.sqrt(r * r - (r - l.side) ** 2)) : 0;
  const titleH = l.title.h;
  const titleY = Math.max(10, safe - titleH - 2);
  const markH = Math.round(l.size.small * 1.3);
  const pageMark = boxInside(l, height - titleY - markH, markH);
  return {
    title: boxInside(l, titleY, titleH),
    top: Math.max(safe, titleY + titleH + 4),
    bottom: Math.min(height - safe, pageMark.y - 4),
    row: { x: l.side, w: width - 2 * l.side },
    pageMark,
  };
}

/** One row of a list page, as paginate sees it. */
export interface ListRow {
  h: number;
  /** Space between rows: left out at the top of a page. */
  gap?: boolean;
  /** Goes on the page of the row after it when both fit on a page (a card's name stays with its balance). */
  keepWithNext?: boolean;
  /** The index of an earlier row (a card's name) drawn again above this one when this one starts a page. */
  repeat?: number;
}

/** Where paginate put the rows: `at[i]` row i's page and y (null: a gap left out); `repeats` the rows drawn again. */
export interface Pages {
  pages: number;
  at: Array<{ page: number; y: number } | null>;
  repeats: Array<{ row: number; page: number; y: number }>;
}

/**
 * Splits rows into pages of the frame, in order: `at[i]` is row i's page and y (null: a gap dropped at
 * the top of a page). A run of rows kept together moves whole to the next page when it does not fit
 * the rest of this one but fits a page; a row taller than a page still gets a page of its own. A row
 * that starts a page under a heading (`repeat`) gets the heading again above it, so a card's trips on the
 * next page still say whose they are.
 */
export function paginate(frame: ListFrame, rows: readonly ListRow[]): Pages {
  const at: Pages['at'] = [];
  const repeats: Pages['repeats'] = [];
  const room = frame.bottom - frame.top;
  let page = 0;
  let y = frame.top;
  /** The heading row i would get above it on a new page (its height), or 0. */
  const headingH = (i: number): number => {
    const r = rows[i]?.repeat;
    if (r === undefined || r >= i || rows[r]!.gap) return 0;
    return rows[r]!.h + rows[i]!.h <= room ? rows[r]!.h : 0;
  };
  const newPage = (next: number): void => {
    page++;
    y = frame.top;
    const h = headingH(next);
    if (h > 0) {
      repeats.push({ row: rows[next]!.repeat!, page, y });
      y += h;
    }
  };
  let i = 0;
  while (i < rows.length) {
    // The run from i: rows joined by keepWithNext.
    let end = i;
    while (end < rows.length - 1 && rows[end]!.keepWithNext) end++;
    const run = rows.slice(i, end + 1);
    const runH = run.reduce((a, r) => a + r.h, 0);
    if (y + runH > frame.bottom && runH + headingH(i) <= room && y > frame.top) newPage(i);
    for (let k = i; k <= end; k++) {
      const row = rows[k]!;
      if (row.gap && y === frame.top) {
        at.push(null);
        continue;
      }
      if (y + row.h > frame.bottom && y > frame.top) {
        if (row.gap) {
          // A gap at the end of a page is not needed on the next.
          at.push(null);
          continue;
        }
        newPage(k);
      }
      at.push({ page, y });
      y += row.h;
    }
    i = end + 1;
  }
  return { pages: page + 1, at, repeats };
}
