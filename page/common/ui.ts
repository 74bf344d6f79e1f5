// Small helpers every page uses to turn state into widgets.
import { createWidget, deleteWidget, widget, align, prop, text_style } from '@zos/ui';
import { getText } from '@zos/i18n';
import { getLanguage } from '@zos/settings';
import type { Language } from '../../lib/format/money';
import type { Rect } from '../../lib/codes/rects';
import { appLanguage, BASE_COLOR, fillArgs } from '../../lib/format/ui';

export const COLOR = { ...BASE_COLOR, warn: 0xf2a33a } as const;

/** getText with %s filled in order. */
export function t(key: string, ...args: string[]): string {
  return fillArgs(getText(key), args);
}

/** The watch's language, among those the app speaks (docs: related-resources/language-list). */
export function language(): Language {
  return appLanguage(getLanguage());
}

/**
 * Widgets a page drew for one state, removed together when the state changes. Disposed with its
 * page: an answer that arrives after the page is gone (a sync, a timer) then draws nothing.
 */
/** What createWidget makes; a VIEW_CONTAINER has its own createWidget for its children (VIEW_CONTAINER.mdx). */
type MakeWidget = typeof createWidget;

export class WidgetGroup {
  private widgets: unknown[] = [];
  private disposed = false;

  /** make: the screen's createWidget, or a scrolling container's (see `scroller`). */
  constructor(private readonly make: MakeWidget = createWidget) {}

  get alive(): boolean {
    return !this.disposed;
  }

  add<T>(w: T): T {
    this.widgets.push(w);
    return w;
  }

  clear(): void {
    if (this.disposed) return;
    for (const w of this.widgets) deleteWidget(w);
    this.widgets = [];
  }

  /** The page is being destroyed: the OS removes its widgets. */
  dispose(): void {
    this.disposed = true;
    this.widgets = [];
  }

  text(box: Rect, text: string, size: number, color: number = COLOR.text, wrap = false) {
    if (this.disposed) return null;
    return this.add(
      this.make(widget.TEXT, {
        ...box,
        text,
        text_size: size,
        color,
        align_h: align.CENTER_H,
        align_v: align.CENTER_V,
        text_style: wrap ? text_style.WRAP : text_style.ELLIPSIS,
      }),
    );
  }

  /**
   * A VIEW_CONTAINER filling `box`, and a group drawing into it. Its content scrolls when it reaches
   * below the box (scroll_enable defaults to 1, API 2.0: docs ui/widget/VIEW_CONTAINER.mdx); `scrollY`
   * (0 or negative: how far it is scrolled down) reads and sets its pos_y. The container goes with
   * this group's clear(), its children with it.
   */
  scroller(box: Rect): { group: WidgetGroup; scrollY(y?: number): number } | null {
    if (this.disposed) return null;
    const view = this.add(createContainer(this.make, box));
    return {
      group: new WidgetGroup(view.createWidget.bind(view) as MakeWidget),
      scrollY(y) {
        if (y !== undefined) view.setProperty(prop.MORE, { pos_y: y });
        const now = view.getProperty(prop.POS_Y);
        return typeof now === 'number' ? now : 0;
      },
    };
  }

  /** A rounded button in the app's colours. */
  button(box: Rect, text: string, size: number, onTap: () => void) {
    if (this.disposed) return null;
    return this.add(
      this.make(widget.BUTTON, {
        ...box,
        text,
        text_size: size,
        color: COLOR.text,
        normal_color: COLOR.button,
        press_color: COLOR.buttonPressed,
        radius: Math.round(box.h / 2),
        click_func: onTap,
      }),
    );
  }

  rect(box: Rect, color: number, radius = 0) {
    if (this.disposed) return null;
    return this.add(this.make(widget.FILL_RECT, { ...box, color, radius, angle: 0 }));
  }
}

/** The widget createWidget(widget.VIEW_CONTAINER) returns: device-types leave out its createWidget. */
interface Container {
  createWidget: MakeWidget;
  setProperty(p: typeof prop.MORE, v: Record<string, unknown>): unknown;
  getProperty(p: typeof prop.POS_Y): unknown;
}

function createContainer(make: MakeWidget, box: Rect): Container {
  return make(widget.VIEW_CONTAINER, { ...box, scroll_enable: 1 }) as unknown as Container;
}
