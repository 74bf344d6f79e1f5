// The text-list pages (transit, limits): a title, then lines top to bottom, in one VIEW_CONTAINER that
// scrolls when there are more lines than fit. Why a VIEW_CONTAINER and not the page's own scrolling:
// at API 3.0 (app.json minVersion) its docs (ui/widget/VIEW_CONTAINER.mdx, API 2.0) say it "supports
// scrolling" and scroll_enable "1: allow scrolling (default)" once its content is taller than it; the
// @zos/page docs (setScrollMode.mdx, 2.0) only call SCROLL_MODE_FREE the "system default scrolling
// mode", never that a page whose widgets run past the screen scrolls.
import type { ListGeometry, ListLayout } from './list-layout';
import { deviceScreen } from './screen';
import { COLOR, t, WidgetGroup } from './ui';
import { showThenSync } from './wallet-page';

export interface ListWriter {
  g: ListGeometry;
  line(text: string, size: number, color: number): void;
  gap(): void;
  /** A wrapped paragraph filling the rest of the screen: for "nothing here yet". */
  note(text: string): void;
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
  titleKey: string,
  body: (w: ListWriter) => void,
  scrollY = 0,
): ListScroll | null {
  group.clear();
  const screen = deviceScreen();
  const g = geometry(screen.width, screen.height);
  const list = group.scroller(g.view);
  if (!list) return null;
  const inner = list.group;
  inner.text(g.title, t(titleKey), g.titleSize, COLOR.text);
  let y = g.top;
  body({
    g,
    line(text, size, color) {
      const h = Math.round(size * 1.4);
      inner.text(g.row(y, h), text, size, color);
      y += h;
    },
    gap() {
      y += g.gap;
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
