// The text-list pages (transit, limits): a title, then lines top to bottom, split into pages that each fit
// between the screen's rounded ends (layout.ts listFrame / paginate). The page layer does not scroll
// (hmUI.setLayerScrolling(false)): a continuous scroll would carry lines through the Mi Band 7's half-circle
// ends, where they are cut. A swipe up shows the next page and a swipe down the one before
// (hmApp.registerGestureEvent, hmApp/gestureEvent/registerGestureEvent.mdx); "2/3" under the lines says
// where the user is. A redraw after a sync keeps the page.
import { showThenSync } from './sync';
import { COLOR, layout, t, WidgetGroup } from './ui';
import { fitSize, listFrame, paginate, textWidth, wrapText, type BandLayout, type ListRow } from './layout';

export interface ListWriter {
  l: BandLayout;
  line(text: string, size: number, color?: number): void;
  /** One row of two: `left` flush left, `right` flush right (a trip's time and fare). */
  pair(left: string, right: string, size: number, color?: number): void;
  gap(): void;
  /** A wrapped paragraph: for "nothing here yet". */
  note(text: string): void;
  /** The rows `write` adds stay on one page when they fit on one (a card's name and balance; a trip's two rows). */
  together(write: () => void): void;
  /**
   * A line that heads the rows after it, up to the next gap: when they go on to another page, it is drawn
   * again at the top of that page (a card's name above the rest of its trips).
   */
  heading(text: string, size: number, color?: number): void;
  /** A wrapped paragraph at `size` in `color` (a card's low-balance and top-up lines). */
  wrapped(text: string, size: number, color?: number): void;
  /**
   * A full-width button (a card on the transit page, "Ride code" on a card's page); `asHeading`: it heads
   * the rows after it as heading() does (a card's name, drawn again above its trips on the next page).
   */
  button(text: string, onTap: () => void, asHeading?: boolean): void;
}

/** A list button's height: a finger's width on a band (the home page's buttons are 44-56). */
const BUTTON_H = 48;

type Row = ListRow & { draw?: (y: number) => void };

/** `title`: an i18n key, or a function giving the text (a card's page is titled with the card's name). */
export function listPage(title: string | (() => string), body: (w: ListWriter) => void) {
  const group = new WidgetGroup();
  /** The page shown, from 0. */
  let page = 0;
  let pages = 1;

  function render() {
    if (!group.alive) return;
    group.clear();
    const l = layout();
    const frame = listFrame(l);
    const { x, w } = frame.row;
    const rows: Row[] = [];
    /** The heading the rows written now belong to (an index in rows), until a gap. */
    let heading: number | undefined;
    const push = (row: Row) => rows.push(heading === undefined ? row : { ...row, repeat: heading });
    const line = (text: string, size: number, color: number = COLOR.text) => {
      const h = Math.round(size * 1.4);
      push({ h, draw: (y) => group.text({ x, y, w, h }, text, size, color) });
    };
    body({
      l,
      line,
      heading(text, size, color = COLOR.text) {
        heading = undefined;
        line(text, size, color);
        heading = rows.length - 1;
      },
      pair(left, right, size, color = COLOR.text) {
        const h = Math.round(size * 1.4);
        // The right text gets what it needs (fares are short), the left the rest.
        const rightW = Math.min(Math.round(w * 0.45), Math.ceil(textWidth(right, size)) + 6);
        push({
          h,
          draw: (y) => {
            group.text({ x, y, w: w - rightW, h }, left, size, color, hmUI.align.LEFT);
            group.text({ x: x + w - rightW, y, w: rightW, h }, right, size, color, hmUI.align.RIGHT);
          },
        });
      },
      gap() {
        heading = undefined;
        rows.push({ h: 10, gap: true });
      },
      note(text) {
        const size = l.size.text;
        const h = Math.round(size * 1.35);
        for (const part of wrapText(text, size, w))
          push({ h, draw: (y) => group.text({ x, y, w, h }, part, size, COLOR.dim) });
      },
      wrapped(text, size, color = COLOR.text) {
        const h = Math.round(size * 1.35);
        for (const part of wrapText(text, size, w))
          push({ h, draw: (y) => group.text({ x, y, w, h }, part, size, color) });
      },
      button(text, onTap, asHeading = false) {
        if (asHeading) heading = undefined;
        // 1.0's BUTTON has no ELLIPSIS (hmUI/widget/BUTTON.mdx): a long card name is drawn smaller instead.
        const size = fitSize(text, l.size.text, w - 24);
        push({ h: BUTTON_H + 8, draw: (y) => group.button({ x, y: y + 4, w, h: BUTTON_H }, text, size, onTap) });
        if (asHeading) heading = rows.length - 1;
      },
      together(write) {
        const from = rows.length;
        write();
        for (let i = from; i < rows.length - 1; i++) rows[i]!.keepWithNext = true;
      },
    });
    const placed = paginate(frame, rows);
    pages = placed.pages;
    page = Math.min(page, pages - 1);
    group.text(frame.title, typeof title === 'string' ? t(title) : title(), l.size.title);
    for (const r of placed.repeats) if (r.page === page) rows[r.row]!.draw?.(r.y);
    rows.forEach((row, i) => {
      const at = placed.at[i];
      if (at && at.page === page) row.draw?.(at.y);
    });
    if (pages > 1) group.text(frame.pageMark, `${page + 1}/${pages}`, l.size.small, COLOR.dim);
  }

  return {
    build() {
      hmUI.setLayerScrolling(false);
      // Up: the next page; down: the one before. true keeps the system's default (none for UP / DOWN) from running.
      hmApp.registerGestureEvent((event) => {
        const next = event === hmApp.gesture.UP ? page + 1 : event === hmApp.gesture.DOWN ? page - 1 : page;
        if (next === page || next < 0 || next >= pages) return false;
        page = next;
        render();
        return true;
      });
      showThenSync({ render, alive: () => group.alive });
    },
    onDestroy() {
      // One handler per app (registerGestureEvent.mdx): the next page must not reach this one's.
      hmApp.unregisterGestureEvent();
      group.dispose();
    },
  };
}
