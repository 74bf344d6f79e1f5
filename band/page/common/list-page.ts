// The text-list pages (transit, limits): a title, then lines top to bottom on the page's default layer,
// which scrolls when they reach below the screen (hmUI.setLayerScrolling(true), hmUI/setLayerScrolling.mdx;
// 1.0 has no VIEW_CONTAINER). A redraw after a sync keeps the place (hmApp.getLayerY / setLayerY).
import { showThenSync } from './sync';
import { COLOR, layout, t, WidgetGroup } from './ui';
import { fitSize, textWidth, type BandLayout } from './layout';

/** A list button's height: a finger's width on a band (the home page's buttons are 56). */
const BUTTON_H = 48;

export interface ListWriter {
  l: BandLayout;
  line(text: string, size: number, color?: number): void;
  /** One row of two: `left` flush left, `right` flush right (a trip's time and fare). */
  pair(left: string, right: string, size: number, color?: number): void;
  gap(): void;
  /** A wrapped paragraph: for "nothing here yet". */
  note(text: string): void;
  /** A wrapped paragraph at `size` in `color` (a card's low-balance and top-up lines). */
  wrapped(text: string, size: number, color?: number): void;
  /** A full-width button (a card on the transit page, "Ride code" on a card's page). */
  button(text: string, onTap: () => void): void;
  /**
   * The rows `write` adds belong together (a trip's two rows, a payment's three). The page scrolls, so
   * nothing keeps them apart here; a list page that breaks into pages keeps them on one.
   */
  together(write: () => void): void;
}

/** `title`: an i18n key, or a function giving the text (a card's page is titled with the card's name). */
export function listPage(title: string | (() => string), body: (w: ListWriter) => void) {
  const group = new WidgetGroup();

  function render() {
    if (!group.alive) return;
    const scrolled = hmApp.getLayerY();
    group.clear();
    const l = layout();
    const x = l.side;
    const w = l.screen.width - 2 * l.side;
    group.text(l.title, typeof title === 'string' ? t(title) : title(), l.size.title);
    let y = l.title.y + l.title.h + 6;
    body({
      l,
      line(text, size, color = COLOR.text) {
        const h = Math.round(size * 1.4);
        group.text({ x, y, w, h }, text, size, color);
        y += h;
      },
      pair(left, right, size, color = COLOR.text) {
        const h = Math.round(size * 1.4);
        // The right text gets what it needs (fares are short), the left the rest.
        const rightW = Math.min(Math.round(w * 0.45), Math.ceil(textWidth(right, size)) + 6);
        group.text({ x, y, w: w - rightW, h }, left, size, color, hmUI.align.LEFT);
        group.text({ x: x + w - rightW, y, w: rightW, h }, right, size, color, hmUI.align.RIGHT);
        y += h;
      },
      gap() {
        y += 10;
      },
      note(text) {
        y = group.paragraph(x, y, w, text, l.size.text, COLOR.dim);
      },
      wrapped(text, size, color = COLOR.text) {
        y = group.paragraph(x, y, w, text, size, color);
      },
      together(write) {
        write();
      },
      button(text, onTap) {
        y += 4;
        // 1.0's BUTTON has no ELLIPSIS (hmUI/widget/BUTTON.mdx): a long card name is drawn smaller instead.
        group.button({ x, y, w, h: BUTTON_H }, text, fitSize(text, l.size.text, w - 24), onTap);
        y += BUTTON_H + 4;
      },
    });
    // Room under the last line, so it scrolls clear of the rounded bottom.
    group.rect({ x: 0, y, w: l.screen.width, h: l.bottom + 20 }, COLOR.background);
    hmApp.setLayerY(scrolled);
  }

  return {
    build() {
      hmUI.setLayerScrolling(true);
      showThenSync({ render, alive: () => group.alive });
    },
    onDestroy() {
      group.dispose();
    },
  };
}
