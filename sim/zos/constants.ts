// The @zos/ui constants the headless watch realm serves (and the renderer reads back).
// Names come from @zeppos/device-types 4.0.0 (IHmUIWidgetType, IHmUIPropertyType, IHmUIAlign,
// IHmUIWrapTextStyle, IHmUIEventType). The real firmware's numbers are not published, so the
// values here are opaque: each group has its own range, which makes a constant of the wrong group
// (text_style.WRAP given as align_h, say) an unknown value that the fake rejects.

function numbered<const N extends readonly string[]>(base: number, names: N): { readonly [K in N[number]]: number } {
  const out: Record<string, number> = {};
  names.forEach((name, i) => {
    out[name] = base + i;
  });
  return Object.freeze(out) as { readonly [K in N[number]]: number };
}

/** Widget types of @zos/ui's `widget` (device-types IHmUIWidgetType). */
export const widget = numbered(1000, [
  'GROUP',
  'IMG',
  'IMG_GROUP',
  'TEXT',
  'ARC',
  'FILL_RECT',
  'STROKE_RECT',
  'TEXT_IMG',
  'ARC_PROGRESS',
  'IMG_PROGRESS',
  'IMG_ARC_PROGRESS',
  'IMG_LEVEL',
  'IMG_ANIM',
  'BUTTON',
  'KEYBOARD',
  'LINE_PROGRESS',
  'BUTTON_GROUP',
  'VARIANT_BUTTON',
  'CIRCLE',
  'DIALOG',
  'SCROLL_LIST',
  'SLIDE_SWITCH',
  'CYCLE_LIST',
  'CYCLE_IMAGE_TEXT_LIST',
  'IMG_POINTER',
  'CHECKBOX_GROUP',
  'STATE_BUTTON',
  'RADIO_GROUP',
  'WIDGET_DELEGATE',
  'HISTOGRAM',
  'PICK_DATE',
  'TIME_PICKER',
  'SPORT_DATA',
  'VIEW_CONTAINER',
  'GROUP_VIEW',
  'VIRTUAL_CONTAINER',
  'WIDGET_PICKER',
  'QRCODE',
  'POLYLINE',
  'CANVAS',
  'PAGE_INDICATOR',
  'PAGE_SCROLLBAR',
] as const);

/** Property ids of @zos/ui's `prop` for setProperty / getProperty (device-types IHmUIPropertyType). */
export const prop = numbered(2000, [
  'MORE',
  'X',
  'Y',
  'W',
  'H',
  'POS_X',
  'POS_Y',
  'ANGLE',
  'CENTER_X',
  'CENTER_Y',
  'SRC',
  'TEXT',
  'TEXT_SIZE',
  'COLOR',
  'START_ANGLE',
  'END_ANGLE',
  'LINE_WIDTH',
  'LINE_PROGRESS_START_X',
  'LINE_PROGRESS_START_Y',
  'LINE_PROGRESS_END_X',
  'LINE_PROGRESS_END_Y',
  'LINE_PROGRESS_PROGRESS',
  'LINE_PROGRESS_SRC_BG',
  'LINE_PROGRESS_SRC_PROGRESS',
  'LINE_PROGRESS_SRC_INDICATOR',
  'WORD_WRAP',
  'ID',
  'DATASET',
  'VISIBLE',
] as const);

/** @zos/ui `align` (device-types IHmUIAlign): LEFT / CENTER_H / RIGHT for align_h, TOP / CENTER_V / BOTTOM for align_v. */
export const align = numbered(3000, ['TOP', 'BOTTOM', 'LEFT', 'RIGHT', 'CENTER_H', 'CENTER_V'] as const);

/** @zos/ui `text_style` (device-types IHmUIWrapTextStyle). */
export const text_style = numbered(4000, ['WRAP', 'CHAR_WRAP', 'ELLIPSIS', 'NONE'] as const);

/** @zos/ui `event` for widget.addEventListener (device-types IHmUIEventType). */
export const event = numbered(5000, ['CLICK_UP', 'CLICK_DOWN', 'MOVE_IN', 'MOVE_OUT', 'MOVE', 'SELECT'] as const);

export type WidgetTypeName = keyof typeof widget;
export type PropName = keyof typeof prop;

/** The name of a widget type value, or undefined when the OS has no such widget. */
export function widgetName(value: unknown): WidgetTypeName | undefined {
  return (Object.keys(widget) as WidgetTypeName[]).find((k) => widget[k] === value);
}

/** The name of a prop id, or undefined when the OS has no such prop. */
export function propName(value: unknown): PropName | undefined {
  return (Object.keys(prop) as PropName[]).find((k) => prop[k] === value);
}

/** The name of an event value, or undefined. */
export function eventName(value: unknown): keyof typeof event | undefined {
  return (Object.keys(event) as Array<keyof typeof event>).find((k) => event[k] === value);
}
