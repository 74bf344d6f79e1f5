// The text-list pages (transit, limits): a title, then lines top to bottom, in one VIEW_CONTAINER that
// scrolls when there are more lines than fit. Why a VIEW_CONTAINER and not the page's own scrolling:
// at API 3.0 (app.json minVersion) its docs (ui/widget/VIEW_CONTAINER.mdx, API 2.0) say it "supports
// scrolling" and scroll_enable "1: allow scrolling (default)" once its content is taller than it; the
// @zos/page docs (setScrollMode.mdx, 2.0) only call SCROLL_MODE_FREE the "system default scrolling
// mode", never that a page whose widgets run past the screen scrolls.
import { event } from '@zos/ui';
import type { ListGeometry, ListLayout } from './list-layout';
import { deviceScreen } from './screen';
import { COLOR, t, WidgetGroup } from './ui';
import { showThenSync } from './wallet-page';

export interface ListWriter {
  g: ListGeometry;
  /** A row of text; `onTap`: the row opens something (a card's page) when tapped. */
  line(text: string, size: number, color: number, onTap?: () => void): void;
  gap(): void;
  /** A wrapped paragraph filling the rest of the screen: for "nothing here yet". */
  note(text: string): void;
  /** Text that may take up to `rows` lines (it wraps; a longer one is cut by the watch). */
  wrapped(text: string, size: number, color: number, rows: number): void;
  /** A button row: an action on what the page shows (a card's ride code). */
  button(text: string, onTap: () => void): void;
}

/** The list's scrolling container: how far it is scrolled (0 or negative), or scrolls it. */
export type ListScroll = (y?: number) => number;

/**
 * Draws the list into `group` and returns its scroll; `scrollY` (from the list this one replaces)
 * keeps the user's place when a sync redraws it, as far as the new list reaches.
 */
export function renderList(
  group: WidgetGroup,
  geometry: (w: number, h: number) => ListGeometry,
  titleKey: string | { text: string },
  body: (w: ListWriter) => void,
  scrollY = 0,
): ListScroll | null {
  group.clear();
  const screen = deviceScreen();
  const g = geometry(screen.width, screen.height);
  const list = group.scroller(g.view);
  if (!list) return null;
  const inner = list.group;
  inner.text(g.title, typeof titleKey === 'string' ? t(titleKey) : titleKey.text, g.titleSize, COLOR.text);
  let y = g.top;
  body({
    g,
    line(text, size, color, onTap) {
      const h = Math.round(size * 1.4);
      const row = inner.text(g.row(y, h), text, size, color);
      // CLICK_UP on the row's TEXT (ui/addEventListener.mdx, API 2.0): the top-most widget under the finger takes the tap.
      if (row && onTap) row.addEventListener(event.CLICK_UP, onTap);
      y += h;
    },
    gap() {
      y += g.gap;
    },
    wrapped(text, size, color, rows) {
      // As many rows as the text looks to need, at most `rows`: the watch's font widths are not published,
      // so a guess of 0.6 em a Latin or Cyrillic letter and 1 em a CJK one (as lib/wallet/pay-view.ts guesses).
      let ems = 0;
      for (const ch of text) ems += ch.charCodeAt(0) >= 0x2e80 ? 1 : 0.6;
      const need = Math.max(1, Math.ceil((ems * size) / Math.max(1, g.row(y, size).w)));
      const h = Math.round(size * 1.3 * Math.min(rows, need));
      inner.text(g.row(y, h), text, size, color, true);
      y += h;
    },
    button(text, onTap) {
      const h = Math.round(g.textSize * 2.2);
      const box = g.row(y + g.gap, h);
      inner.button(box, text, g.textSize, onTap);
      y += h + 2 * g.gap;
    },
    note(text) {
      const h = Math.round(screen.height * 0.4);
      inner.text(g.row(y, h), text, g.textSize, COLOR.dim, true);
      y += h;
    },
  });
  // Blank room under the last line (the container scrolls as far as its lowest widget).
  inner.rect({ x: 0, y, w: g.view.w, h: g.end }, COLOR.background);
  const lowest = Math.min(0, g.view.h - (y + g.end));
  if (scrollY < 0) list.scrollY(Math.max(scrollY, lowest));
  return list.scrollY;
}
/**
 * The options of a text-list page (for BasePage): it opens with what the watch stored, syncs, and
 * redraws `body` into its widgets; the widgets group goes with the page.
 */
export function listPage(layout: ListLayout, titleKey: string, body: (w: ListWriter) => void) {
  return {
    group: null as WidgetGroup | null,
    scroll: null as ListScroll | null,

    build() {
      this.group = new WidgetGroup();
      showThenSync(this);
    },

    render() {
      if (this.group) this.scroll = renderList(this.group, layout.geometry, titleKey, body, this.scroll?.() ?? 0);
    },

    onDestroy() {
      this.group?.dispose();
    },
  };
}
