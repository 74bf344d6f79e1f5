// The text-list pages (transit, limits): a title, then lines top to bottom; the page scrolls past the
// screen's bottom when there are more lines than fit.
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

export function renderList(group: WidgetGroup, geometry: (w: number, h: number) => ListGeometry, titleKey: string, body: (w: ListWriter) => void): void {
  group.clear();
  const screen = deviceScreen();
  const g = geometry(screen.width, screen.height);
  group.text(g.title, t(titleKey), g.titleSize, COLOR.text);
  let y = g.top;
  body({
    g,
    line(text, size, color) {
      const h = Math.round(size * 1.4);
      group.text(g.row(y, h), text, size, color);
      y += h;
    },
    gap() {
      y += g.gap;
    },
    note(text) {
      group.text(g.row(y, Math.round(screen.height * 0.4)), text, g.textSize, COLOR.dim, true);
    },
  });
}

/**
 * The options of a text-list page (for BasePage): it opens with what the watch stored, syncs, and
 * redraws `body` into its widgets; the widgets group goes with the page.
 */
export function listPage(layout: ListLayout, titleKey: string, body: (w: ListWriter) => void) {
  return {
    group: null as WidgetGroup | null,

    build() {
      this.group = new WidgetGroup();
      showThenSync(this);
    },

    render() {
      if (this.group) renderList(this.group, layout.geometry, titleKey, body);
    },

    onDestroy() {
      this.group?.dispose();
    },
  };
}
