// Small helpers every page uses to turn state into widgets.
import { createWidget, deleteWidget, widget, align, text_style } from '@zos/ui';
import { getText } from '@zos/i18n';
import { getLanguage } from '@zos/settings';
import type { Language } from '../../lib/format/money';
import type { Rect } from '../../lib/codes/rects';

export const COLOR = {
  background: 0x000000,
  text: 0xffffff,
  dim: 0x9aa5a0,
  accent: 0x1db36b,
  button: 0x1f2a25,
  buttonPressed: 0x2e3d36,
  warn: 0xf2a33a,
  codeDark: 0x000000,
  codeLight: 0xffffff,
} as const;

/** getText with %s filled in order. */
export function t(key: string, ...args: string[]): string {
  let i = 0;
  return getText(key).replace(/%s/g, () => args[i++] ?? '');
}

/** The watch's language, among those the app speaks (docs: related-resources/language-list). */
export function language(): Language {
  const code = getLanguage();
  if (code === 0) return 'zh-CN';
  if (code === 4) return 'ru-RU';
  return 'en-US';
}

/**
 * Widgets a page drew for one state, removed together when the state changes. Disposed with its
 * page: an answer that arrives after the page is gone (a sync, a timer) then draws nothing.
 */
export class WidgetGroup {
  private widgets: unknown[] = [];
  private disposed = false;

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
      createWidget(widget.TEXT, {
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

  rect(box: Rect, color: number, radius = 0) {
    if (this.disposed) return null;
    return this.add(createWidget(widget.FILL_RECT, { ...box, color, radius, angle: 0 }));
  }
}
