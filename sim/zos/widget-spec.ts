// What each @zos/ui widget accepts, from the Zepp OS docs (docs/reference/device-app-api/newAPI/ui/widget/*.mdx,
// property tables) united with @zeppos/device-types 4.0.0 (HmUI*CreateWidgetOptions). Required props are the
// docs' "YES" column (device-types marks some props required that the docs do not, e.g. FILL_RECT radius).
// `fixed` lists props the docs say setProperty cannot change after creation.
import { align, text_style } from './constants';

export type Kind =
  | 'number'
  | 'color'
  | 'string'
  | 'boolean'
  | 'function'
  | 'align_h'
  | 'align_v'
  | 'text_style'
  | 'i18n'
  | 'array'
  | 'object'
  | 'widget'
  | 'any';

export interface WidgetSpec {
  props: Record<string, Kind>;
  required: readonly string[];
  /** Props setProperty may not change (docs: setProperty column N). */
  fixed: readonly string[];
}

// Props every widget takes (device-types HmUIBaseCreateWidgetOptions and the event props it lists on each widget).
const BASE: Record<string, Kind> = {
  // dataset: a string at creation in device-types, any value through setProperty(prop.DATASET) in the docs.
  id: 'string',
  dataset: 'any',
  enable: 'boolean',
  click_down: 'function',
  click_up: 'function',
  move: 'function',
  move_in: 'function',
  move_out: 'function',
};
const BOX: Record<string, Kind> = { x: 'number', y: 'number', w: 'number', h: 'number' };
const XYWH = ['x', 'y', 'w', 'h'] as const;

export const WIDGET_SPECS: Record<string, WidgetSpec> = {
  TEXT: {
    props: {
      ...BASE,
      ...BOX,
      color: 'color',
      align_h: 'align_h',
      align_v: 'align_v',
      alpha: 'number',
      text: 'string',
      text_size: 'number',
      text_style: 'text_style',
      line_space: 'number',
      char_space: 'number',
      font: 'string',
      text_i18n: 'i18n',
      start_angle: 'number',
      end_angle: 'number',
      mode: 'number',
      radius: 'number',
    },
    required: XYWH,
    fixed: ['text_i18n', 'start_angle', 'end_angle', 'mode', 'radius'],
  },
  FILL_RECT: {
    props: {
      ...BASE,
      ...BOX,
      color: 'color',
      radius: 'number',
      angle: 'number',
      alpha: 'number',
      pos_x: 'number',
      pos_y: 'number',
      rect_width: 'number',
      rect_height: 'number',
      center_x: 'number',
      center_y: 'number',
    },
    required: [...XYWH, 'color'],
    fixed: ['pos_x', 'pos_y', 'rect_width', 'rect_height'],
  },
  STROKE_RECT: {
    props: {
      ...BASE,
      ...BOX,
      color: 'color',
      radius: 'number',
      line_width: 'number',
      angle: 'number',
      pos_x: 'number',
      pos_y: 'number',
      rect_width: 'number',
      rect_height: 'number',
    },
    required: [...XYWH, 'color'],
    fixed: ['pos_x', 'pos_y', 'rect_width', 'rect_height'],
  },
  IMG: {
    props: {
      ...BASE,
      ...BOX,
      src: 'string',
      pos_x: 'number',
      pos_y: 'number',
      angle: 'number',
      center_x: 'number',
      center_y: 'number',
      alpha: 'number',
      auto_scale: 'boolean',
      auto_scale_obj_fit: 'boolean',
    },
    required: ['x', 'y', 'src'],
    fixed: [],
  },
  BUTTON: {
    props: {
      ...BASE,
      ...BOX,
      text: 'string',
      color: 'color',
      text_size: 'number',
      normal_color: 'color',
      press_color: 'color',
      radius: 'number',
      normal_src: 'string',
      press_src: 'string',
      click_func: 'function',
      longpress_func: 'function',
      font: 'string',
      text_w: 'number',
      align_h: 'align_h',
      align_v: 'align_v',
    },
    required: XYWH,
    fixed: ['press_src', 'normal_src', 'press_color', 'normal_color', 'click_func', 'longpress_func', 'text_w'],
  },
  QRCODE: {
    props: {
      ...BASE,
      ...BOX,
      content: 'string',
      bg_x: 'number',
      bg_y: 'number',
      bg_w: 'number',
      bg_h: 'number',
      bg_radius: 'number',
    },
    required: ['content', ...XYWH],
    fixed: ['w', 'h', 'bg_x', 'bg_y', 'bg_w', 'bg_h', 'bg_radius', 'content'],
  },
  CANVAS: {
    props: { ...BASE, ...BOX, alpha: 'number', cntr_coord_style: 'boolean' },
    required: XYWH,
    fixed: [],
  },
  VIEW_CONTAINER: {
    props: {
      ...BASE,
      ...BOX,
      scroll_enable: 'number',
      pos_x: 'number',
      pos_y: 'number',
      z_index: 'number',
      modal: 'number',
      bounce: 'number',
      page: 'number',
      horizontal: 'boolean',
      scroll_frame_func: 'function',
      scroll_complete_func: 'function',
    },
    required: [],
    fixed: ['page', 'modal', 'z_index', 'bounce', 'scroll_frame_func', 'scroll_complete_func'],
  },
  SCROLL_LIST: {
    props: {
      ...BASE,
      ...BOX,
      item_space: 'number',
      item_config: 'array',
      item_config_count: 'number',
      data_array: 'array',
      data_count: 'number',
      item_click_func: 'function',
      data_type_config: 'array',
      data_type_config_count: 'number',
      on_page: 'number',
      snap_to_center: 'boolean',
      item_focus_change_func: 'function',
      item_enable_horizon_drag: 'boolean',
      item_drag_max_distance: 'number',
      snap_type: 'number',
      item_common_focus: 'boolean',
      item_key_focus_change_func: 'function',
      enable_scroll_bar: 'boolean',
      view_index: 'number',
      pos_y: 'number',
      auto_rtl: 'boolean',
      focus_over_func: 'function',
      system_focus_style: 'boolean',
      system_focus_width: 'number',
    },
    required: [...XYWH, 'item_config', 'item_config_count', 'data_array', 'data_count'],
    fixed: [],
  },
  GROUP: { props: { ...BASE, ...BOX }, required: XYWH, fixed: [] },
  CIRCLE: {
    props: {
      ...BASE,
      ...BOX,
      center_x: 'number',
      center_y: 'number',
      radius: 'number',
      color: 'color',
      alpha: 'number',
    },
    required: ['center_x', 'center_y', 'radius', 'color'],
    fixed: [],
  },
  ARC: {
    props: {
      ...BASE,
      ...BOX,
      radius: 'number',
      start_angle: 'number',
      end_angle: 'number',
      line_width: 'number',
      color: 'color',
    },
    required: [...XYWH, 'start_angle', 'end_angle', 'line_width', 'color'],
    fixed: [],
  },
};

/** Draw calls of a CANVAS widget and the keys each takes (docs: CANVAS.mdx). */
export const CANVAS_OPS: Record<string, readonly string[]> = {
  setPaint: ['color', 'line_width'],
  drawPixel: ['x', 'y', 'color'],
  drawLine: ['x1', 'y1', 'x2', 'y2', 'color'],
  drawRect: ['x1', 'y1', 'x2', 'y2', 'color', 'radius'],
  strokeRect: ['x1', 'y1', 'x2', 'y2', 'color', 'radius'],
  drawCircle: ['center_x', 'center_y', 'radius', 'color'],
  strokeCircle: ['center_x', 'center_y', 'radius', 'color'],
  drawEllipse: ['center_x', 'center_y', 'radius_x', 'radius_y', 'color'],
  strokeEllipse: ['center_x', 'center_y', 'radius_x', 'radius_y', 'color'],
  drawArc: ['center_x', 'center_y', 'radius_x', 'radius_y', 'start_angle', 'end_angle', 'color'],
  strokeArc: ['center_x', 'center_y', 'radius_x', 'radius_y', 'start_angle', 'end_angle', 'color'],
  drawPoly: ['data_array', 'color'],
  strokePoly: ['data_array', 'color'],
  drawText: ['x', 'y', 'text', 'text_size', 'color'],
  drawImage: ['x', 'y', 'w', 'h', 'image', 'alpha'],
  clear: ['x', 'y', 'w', 'h'],
  transform: ['rotation', 'sx', 'sy', 'tx', 'ty', 'center_x', 'center_y'],
};

const H_ALIGN = new Set<number>([align.LEFT, align.CENTER_H, align.RIGHT]);
const V_ALIGN = new Set<number>([align.TOP, align.CENTER_V, align.BOTTOM]);
const TEXT_STYLES = new Set<number>(Object.values(text_style));

/** Why `value` is not a valid `kind`, or null when it is. */
export function kindError(kind: Kind, value: unknown, isWidget: (v: unknown) => boolean): string | null {
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a finite number';
    case 'color':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff
        ? null
        : 'a colour 0xRRGGBB (integer)';
    case 'string':
      return typeof value === 'string' ? null : 'a string';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'a boolean';
    case 'function':
      return typeof value === 'function' ? null : 'a function';
    case 'align_h':
      return typeof value === 'number' && H_ALIGN.has(value) ? null : 'align.LEFT, align.CENTER_H or align.RIGHT';
    case 'align_v':
      return typeof value === 'number' && V_ALIGN.has(value) ? null : 'align.TOP, align.CENTER_V or align.BOTTOM';
    case 'text_style':
      return typeof value === 'number' && TEXT_STYLES.has(value) ? null : 'a text_style value';
    case 'i18n': {
      const ok =
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.values(value).every((v) => typeof v === 'string');
      if (!ok) return "an object of language -> string (with 'en-US')";
      return 'en-US' in value ? null : "an object of language -> string with an 'en-US' entry";
    }
    case 'array':
      return Array.isArray(value) ? null : 'an array';
    case 'object':
      return typeof value === 'object' && value !== null ? null : 'an object';
    case 'widget':
      return isWidget(value) ? null : 'a widget';
    case 'any':
      return value === undefined ? 'defined' : null;
  }
}
