// What the band pages share to draw: strings in the band's language, colours, and a group of widgets
// removed together (hmUI.createWidget / deleteWidget, API 1.0).
import { gettext } from 'i18n';
import type { Language } from '../../../lib/format/money';
import type { Rect } from '../../../lib/codes/rects';
import { appLanguage, BASE_COLOR, fillArgs } from '../../../lib/format/ui';
import { bandLayout, fitSize, wrapText, type BandLayout } from './layout';

// warn: as the watches' page/common/ui.ts (a card under its low-balance threshold, the lock's erase, a
// declined payment).
export const COLOR = { ...BASE_COLOR, warn: 0xf2a33a } as const;

/** gettext with %s filled in order (the 1.0 gettext takes the key only). */
export function t(key: string, ...args: string[]): string {
  return fillArgs(gettext(key), args);
}

/** hmSetting.getLanguage() as a language the app speaks. */
export function language(): Language {
  return appLanguage(hmSetting.getLanguage());
}

export function layout(): BandLayout {
  const info = hmSetting.getDeviceInfo();
  return bandLayout(info.width, info.height);
}

/** The band's local time zone, minutes east of UTC, from the TIME sensor's local fields and its UTC ms. */
export function utcOffsetMinutes(): number {
  const time = hmSensor.createSensor(hmSensor.id.TIME);
  // month is 1-12 as in 2.0's Time.getMonth (the 1.0 page, sensorId/TIME.mdx, does not say): sim/README.md.
  const localAsUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute);
  return Math.round((localAsUtc - Math.floor(time.utc / 60_000) * 60_000) / 60_000);
}

/** Widgets drawn for one state, deleted together; after dispose() (the page is going) it draws nothing. */
export class WidgetGroup {
  private widgets: HmWidget[] = [];
  private disposed = false;

  get alive(): boolean {
    return !this.disposed;
  }

  clear(): void {
    if (this.disposed) return;
    for (const w of this.widgets) hmUI.deleteWidget(w);
    this.widgets = [];
  }

  dispose(): void {
    this.disposed = true;
    this.widgets = [];
  }

  private add(type: number, param: HmTextParam | HmFillRectParam | HmButtonParam | HmCircleParam): HmWidget | null {
    if (this.disposed) return null;
    const w = hmUI.createWidget(type, param);
    this.widgets.push(w);
    return w;
  }

  /** One line; a text too wide for the box at `size` is drawn smaller (fitSize), down to 70%. */
  text(box: Rect, text: string, size: number, color: number = COLOR.text, alignH = hmUI.align.CENTER_H) {
    return this.add(hmUI.widget.TEXT, {
      ...box,
      text,
      text_size: fitSize(text, size, box.w),
      color,
      align_h: alignH,
      align_v: hmUI.align.CENTER_V,
      text_style: hmUI.text_style.ELLIPSIS,
    });
  }

  /** Text wrapped into lines from `y` down, centred; returns the y under the last line. */
  paragraph(x: number, y: number, w: number, text: string, size: number, color: number = COLOR.text): number {
    const lineH = Math.round(size * 1.35);
    for (const line of wrapText(text, size, w)) {
      this.text({ x, y, w, h: lineH }, line, size, color);
      y += lineH;
    }
    return y;
  }

  rect(box: Rect, color: number, onTap?: () => void) {
    const w = this.add(hmUI.widget.FILL_RECT, { ...box, color });
    if (w && onTap) w.addEventListener(hmUI.event.CLICK_UP, () => onTap());
    return w;
  }

  /** A filled circle (the keypad's dots: hmUI/widget/CIRCLE.mdx). */
  circle(x: number, y: number, radius: number, color: number) {
    return this.add(hmUI.widget.CIRCLE, { center_x: x, center_y: y, radius, color });
  }

  /** `normal`: the resting colour (COLOR.background: text that takes taps, the press colour shows it). */
  button(box: Rect, text: string, size: number, onTap: () => void, normal: number = COLOR.button) {
    return this.add(hmUI.widget.BUTTON, {
      ...box,
      text,
      text_size: size,
      color: COLOR.text,
      normal_color: normal,
      press_color: COLOR.buttonPressed,
      radius: 12,
      click_func: () => onTap(),
    });
  }
}

/** A one-shot timer (1.0 has no setTimeout: guides/framework/device/js-support.md); returns its stop. */
export function after(ms: number, run: () => void): () => void {
  let id: number | null = timer.createTimer(
    Math.max(1, ms),
    Math.max(1, ms),
    () => {
      stop();
      run();
    },
    {},
  );
  function stop() {
    if (id !== null) timer.stopTimer(id);
    id = null;
  }
  return stop;
}
