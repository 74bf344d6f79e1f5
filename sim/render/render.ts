// Draws a page's widget tree (ScreenSnapshot) the way the watch would show it, at the device's real
// resolution, with fonts shipped in npm packages so the same snapshot gives the same PNG everywhere.
//
// Drawing choices where the Zepp OS docs say nothing (kept in one place so they are easy to revisit):
// - TEXT: colour 0xFFFFFF, text_size 32, align LEFT / TOP, line pitch 1.25 x size + line_space.
// - BUTTON: text white, size 32, centred unless align_h / align_v; background only with normal_color (or normal_src).
// - Colours: the low 24 bits (0xRRGGBB) of the value.
// - QRCODE: qrcode-generator, error correction 'M', UTF-8 bytes; modules fill the w x h box exactly
//   (edges snapped to whole pixels, no implicit quiet zone); white background behind the code box,
//   or the bg_* box when given.
// - VIEW_CONTAINER: children offset by (x + pos_x, y + pos_y) and clipped to the container;
//   containers with a higher z_index are drawn later.
// - Status bar (square screens, snapshot.statusBar): drawn last, over the page, as the watch pre-draws it
//   (docs: guides/best-practice/multi-screen-adaption.mdx: 64 px high, the app's name on the left, the
//   time on the right). Assumed, as the docs give no picture: black background across the full width,
//   white text of 24 px centred in the band, inset from the sides by 45% of the screen's corner radius
//   (so the rounded corners do not cut it); the title ends in '...' before it meets the time.
// - Outside the screen (circle for round, rounded rectangle of the device's screenRadius otherwise)
//   everything is black.
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import qrcode from 'qrcode-generator';
import { loadDevices } from '../../reference/devices';
import { align, text_style } from '../zos/constants';
import type { ScreenSnapshot, StatusBar, WidgetNode } from './screen-model';
import type { RgbaImage } from '../scan/scanner';
import { AssetLoader } from './assets';
import { drawCanvasLayer } from './canvas';
import { alpha01, css, num, optNum, str, type Props } from './props';
import { drawTextBox, type HAlign, type Overflow, type TextBox, type VAlign } from './text';

// The scanner's image type: what renderToImage returns goes straight into decodeQr / degrade.
export type { RgbaImage };

export interface RenderOptions {
  /** Corner radius of a square or band screen; default: the matching device in reference/zepp-devices.tsv. */
  screenRadius?: number;
  /** Folder the IMG src paths are relative to; default assets/common.r (round) or assets/common.s. */
  assetsDir?: string;
  /** Language used for text_i18n; default en-US. */
  locale?: string;
}

export const DEFAULT_TEXT_SIZE = 32;
export const DEFAULT_TEXT_COLOR = 0xffffff;
/** The OS chooses the QR error-correction level; we draw with 'M'. */
export const QR_ERROR_CORRECTION = 'M' as const;

/** Corner radius of the visible screen: a circle for round screens, else the device's screenRadius. */
export function screenRadiusFor(
  snapshot: Pick<ScreenSnapshot, 'shape' | 'width' | 'height'>,
  override?: number,
): number {
  if (override !== undefined) return override;
  if (snapshot.shape === 'round') return Math.min(snapshot.width, snapshot.height) / 2;
  const device = loadDevices().find(
    (d) => d.shape === snapshot.shape && d.width === snapshot.width && d.height === snapshot.height,
  );
  if (!device) {
    throw new Error(
      `render: no ${snapshot.shape} ${snapshot.width}x${snapshot.height} device in reference/zepp-devices.tsv; pass opts.screenRadius`,
    );
  }
  return device.screenRadius;
}

interface Ctx {
  g: SKRSContext2D;
  assets: AssetLoader;
  locale: string;
}

function hAlign(v: unknown, where: string): HAlign {
  if (v === undefined || v === align.LEFT) return 'left';
  if (v === align.CENTER_H) return 'center';
  if (v === align.RIGHT) return 'right';
  throw new Error(`render: ${where} align_h ${JSON.stringify(v)} is not align.LEFT, CENTER_H or RIGHT`);
}

function vAlign(v: unknown, where: string): VAlign {
  if (v === undefined || v === align.TOP) return 'top';
  if (v === align.CENTER_V) return 'center';
  if (v === align.BOTTOM) return 'bottom';
  throw new Error(`render: ${where} align_v ${JSON.stringify(v)} is not align.TOP, CENTER_V or BOTTOM`);
}

function overflow(v: unknown, where: string): Overflow {
  if (v === undefined || v === text_style.NONE) return 'none';
  // CHAR_WRAP breaks anywhere; our wrap breaks at spaces first, then inside words that do not fit.
  if (v === text_style.WRAP || v === text_style.CHAR_WRAP) return 'wrap';
  if (v === text_style.ELLIPSIS) return 'ellipsis';
  throw new Error(
    `render: ${where} text_style ${JSON.stringify(v)} is not text_style.NONE, WRAP, CHAR_WRAP or ELLIPSIS`,
  );
}

function textOf(p: Props, where: string, locale: string): string {
  const i18n = p.text_i18n;
  if (i18n !== undefined) {
    if (typeof i18n !== 'object' || i18n === null) throw new Error(`render: ${where} text_i18n must be an object`);
    const t = (i18n as Record<string, unknown>)[locale] ?? (i18n as Record<string, unknown>)['en-US'];
    if (typeof t !== 'string') throw new Error(`render: ${where} text_i18n has no string for ${locale} or en-US`);
    return t;
  }
  return str(p, 'text', where, '');
}

function box(p: Props, where: string): { x: number; y: number; w: number; h: number } {
  return { x: num(p, 'x', where), y: num(p, 'y', where), w: num(p, 'w', where), h: num(p, 'h', where) };
}

function clipTo(g: SKRSContext2D, x: number, y: number, w: number, h: number): void {
  g.beginPath();
  g.rect(x, y, w, h);
  g.clip();
}

/** Rotation about a point, degrees clockwise (Zepp OS: 0 = 12 o'clock for IMG, plain rotation for rects). */
function rotateAbout(g: SKRSContext2D, cx: number, cy: number, deg: number): void {
  if (deg % 360 === 0) return;
  g.translate(cx, cy);
  g.rotate((deg * Math.PI) / 180);
  g.translate(-cx, -cy);
}

function drawRect(c: Ctx, p: Props, where: string, stroke: boolean): void {
  const { x, y, w, h } = box(p, where);
  const radius = Math.min(num(p, 'radius', where, 0), w / 2, h / 2);
  const { g } = c;
  g.save();
  g.globalAlpha = alpha01(p, where);
  rotateAbout(g, x + w / 2, y + h / 2, num(p, 'angle', where, 0));
  g.beginPath();
  if (stroke) {
    // The watch keeps the stroke inside the widget's box.
    const lw = num(p, 'line_width', where, 1);
    const i = lw / 2;
    g.roundRect(x + i, y + i, Math.max(0, w - lw), Math.max(0, h - lw), Math.max(0, radius - i));
    g.lineWidth = lw;
    g.strokeStyle = css(num(p, 'color', where));
    g.stroke();
  } else {
    g.roundRect(x, y, w, h, radius);
    g.fillStyle = css(num(p, 'color', where));
    g.fill();
  }
  g.restore();
}

function textBoxOf(p: Props, where: string, locale: string): TextBox {
  return {
    ...box(p, where),
    text: textOf(p, where, locale),
    size: num(p, 'text_size', where, DEFAULT_TEXT_SIZE),
    color: css(num(p, 'color', where, DEFAULT_TEXT_COLOR)),
    alignH: hAlign(p.align_h, where),
    alignV: vAlign(p.align_v, where),
    overflow: overflow(p.text_style, where),
    lineSpace: num(p, 'line_space', where, 0),
    charSpace: num(p, 'char_space', where, 0),
    alpha: alpha01(p, where),
  };
}

function drawText(c: Ctx, p: Props, where: string): void {
  drawTextBox(c.g, textBoxOf(p, where, c.locale));
}

function drawCircle(c: Ctx, p: Props, where: string): void {
  const { g } = c;
  g.save();
  g.globalAlpha = alpha01(p, where);
  g.fillStyle = css(num(p, 'color', where));
  g.beginPath();
  g.arc(num(p, 'center_x', where), num(p, 'center_y', where), num(p, 'radius', where), 0, 2 * Math.PI);
  g.fill();
  g.restore();
}

/** ARC: the ellipse inscribed in x, y, w, h, stroked from start_angle to end_angle (0 = 3 o'clock, clockwise). */
function drawArcWidget(c: Ctx, p: Props, where: string): void {
  const { x, y, w, h } = box(p, where);
  const lw = num(p, 'line_width', where);
  const { g } = c;
  g.save();
  g.strokeStyle = css(num(p, 'color', where));
  g.lineWidth = lw;
  g.beginPath();
  const start = (num(p, 'start_angle', where) * Math.PI) / 180,
    end = (num(p, 'end_angle', where) * Math.PI) / 180;
  // The stroke stays inside the box.
  g.ellipse(
    x + w / 2,
    y + h / 2,
    Math.max(0, (w - lw) / 2),
    Math.max(0, (h - lw) / 2),
    0,
    Math.min(start, end),
    Math.max(start, end),
  );
  g.stroke();
  g.restore();
}

function drawImg(c: Ctx, p: Props, where: string): void {
  const img = c.assets.image(str(p, 'src', where));
  const x = num(p, 'x', where),
    y = num(p, 'y', where);
  const w = num(p, 'w', where, img.width),
    h = num(p, 'h', where, img.height);
  const { g } = c;
  g.save();
  g.globalAlpha = alpha01(p, where);
  clipTo(g, x, y, w, h);
  // angle turns the picture about (center_x, center_y), given relative to the widget.
  rotateAbout(g, x + num(p, 'center_x', where, w / 2), y + num(p, 'center_y', where, h / 2), num(p, 'angle', where, 0));
  if (p.auto_scale === true) {
    if (p.auto_scale_obj_fit === true) {
      g.drawImage(img, x, y, w, h);
    } else {
      const s = Math.min(w / img.width, h / img.height);
      g.drawImage(img, x + (w - img.width * s) / 2, y + (h - img.height * s) / 2, img.width * s, img.height * s);
    }
  } else {
    g.drawImage(img, x + num(p, 'pos_x', where, 0), y + num(p, 'pos_y', where, 0));
  }
  g.restore();
}

function drawButton(c: Ctx, p: Props, where: string): void {
  const { g } = c;
  const { x, y, ...size } = box(p, where);
  let { w, h } = size;
  const normalColor = optNum(p, 'normal_color', where);
  const normalSrc = p.normal_src === undefined ? undefined : str(p, 'normal_src', where);
  if (normalColor !== undefined) {
    g.save();
    g.beginPath();
    g.roundRect(x, y, w, h, Math.min(num(p, 'radius', where, 0), w / 2, h / 2));
    g.fillStyle = css(normalColor);
    g.fill();
    g.restore();
  } else if (normalSrc !== undefined) {
    const img = c.assets.image(normalSrc);
    // w or h of -1 means "the size of normal_src".
    if (w === -1) w = img.width;
    if (h === -1) h = img.height;
    g.drawImage(img, x, y, w, h);
  }
  drawTextBox(g, buttonTextBox(p, where, c.locale, { x, y, w, h }));
}

function buttonTextBox(
  p: Props,
  where: string,
  locale: string,
  at: { x: number; y: number; w: number; h: number },
): TextBox {
  return {
    ...at,
    text: textOf(p, where, locale),
    size: num(p, 'text_size', where, DEFAULT_TEXT_SIZE),
    color: css(num(p, 'color', where, DEFAULT_TEXT_COLOR)),
    alignH: p.align_h === undefined ? 'center' : hAlign(p.align_h, where),
    alignV: p.align_v === undefined ? 'center' : vAlign(p.align_v, where),
    overflow: 'none',
    lineSpace: 0,
    charSpace: 0,
  };
}

/** UTF-8 bytes as a string of char codes 0..255, which qrcode-generator's Byte mode copies as is. */
function utf8Binary(s: string): string {
  return Array.from(new TextEncoder().encode(s), (b) => String.fromCharCode(b)).join('');
}

function drawQr(c: Ctx, p: Props, where: string): void {
  const { g } = c;
  const content = str(p, 'content', where);
  if (content === '') throw new Error(`render: ${where} content is empty`);
  const { x, y, w, h } = box(p, where);
  const qr = qrcode(0, QR_ERROR_CORRECTION);
  qr.addData(utf8Binary(content), 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  g.save();
  g.fillStyle = '#ffffff';
  g.beginPath();
  if (p.bg_w !== undefined || p.bg_h !== undefined) {
    g.roundRect(
      num(p, 'bg_x', where, x),
      num(p, 'bg_y', where, y),
      num(p, 'bg_w', where, w),
      num(p, 'bg_h', where, h),
      num(p, 'bg_radius', where, 0),
    );
  } else {
    g.rect(x, y, w, h);
  }
  g.fill();
  g.fillStyle = '#000000';
  const side = Math.min(w, h);
  const edge = (i: number, origin: number): number => Math.round(origin + (i * side) / n);
  for (let r = 0; r < n; r++) {
    for (let col = 0; col < n; col++) {
      if (!qr.isDark(r, col)) continue;
      const x0 = edge(col, x),
        y0 = edge(r, y);
      g.fillRect(x0, y0, edge(col + 1, x) - x0, edge(r + 1, y) - y0);
    }
  }
  g.restore();
}

function drawCanvas(c: Ctx, node: WidgetNode, where: string): void {
  const p = node.props;
  const { x, y, w, h } = box(p, where);
  const layer = drawCanvasLayer(w, h, node.canvasOps ?? [], c.assets);
  c.g.save();
  c.g.globalAlpha = alpha01(p, where);
  c.g.drawImage(layer, x, y);
  c.g.restore();
}

function drawContainer(c: Ctx, node: WidgetNode, where: string, scrollable: boolean): void {
  const p = node.props;
  const { x, y, w, h } = box(p, where);
  const { g } = c;
  g.save();
  clipTo(g, x, y, w, h);
  g.translate(x + (scrollable ? num(p, 'pos_x', where, 0) : 0), y + (scrollable ? num(p, 'pos_y', where, 0) : 0));
  drawAll(c, node.children);
  g.restore();
}

function drawScrollList(c: Ctx, p: Props, where: string): void {
  const { x, y, w, h } = box(p, where);
  const configs = p.item_config;
  const data = p.data_array;
  if (!Array.isArray(configs) || configs.length === 0) throw new Error(`render: ${where} needs item_config`);
  if (!Array.isArray(data)) throw new Error(`render: ${where} needs data_array`);
  const typeRanges = Array.isArray(p.data_type_config) ? (p.data_type_config as Props[]) : [];
  const configFor = (i: number): Props => {
    const range = typeRanges.find((t) => num(t, 'start', where) <= i && i <= num(t, 'end', where));
    const cfg = range ? (configs as Props[]).find((cf) => cf.type_id === range.type_id) : configs[0];
    if (!cfg) throw new Error(`render: ${where} item ${i} has no item_config`);
    return cfg as Props;
  };
  const space = num(p, 'item_space', where, 0);
  const { g } = c;
  g.save();
  clipTo(g, x, y, w, h);
  let top = y;
  for (let i = 0; i < data.length && top < y + h; i++) {
    const item = data[i] as Props;
    const cfg = configFor(i);
    const itemH = num(cfg, 'item_height', where);
    g.beginPath();
    g.roundRect(x, top, w, itemH, num(cfg, 'item_bg_radius', where, 0));
    g.fillStyle = css(num(cfg, 'item_bg_color', where, 0));
    g.fill();
    for (const iv of (Array.isArray(cfg.image_view) ? cfg.image_view : []) as Props[]) {
      const src = item[str(iv, 'key', where)];
      if (typeof src !== 'string' || src === '') continue;
      const img = c.assets.image(src);
      g.drawImage(
        img,
        x + num(iv, 'x', where),
        top + num(iv, 'y', where),
        num(iv, 'w', where, img.width),
        num(iv, 'h', where, img.height),
      );
    }
    for (const tv of (Array.isArray(cfg.text_view) ? cfg.text_view : []) as Props[]) {
      const text = item[str(tv, 'key', where)];
      if (text === undefined) continue;
      drawTextBox(g, {
        x: x + num(tv, 'x', where),
        y: top + num(tv, 'y', where),
        w: num(tv, 'w', where),
        h: num(tv, 'h', where),
        text: String(text),
        size: num(tv, 'text_size', where, DEFAULT_TEXT_SIZE),
        color: css(num(tv, 'color', where, DEFAULT_TEXT_COLOR)),
        alignH: 'left',
        alignV: 'center',
        overflow: 'ellipsis',
        lineSpace: 0,
        charSpace: 0,
      });
    }
    top += itemH + space;
  }
  g.restore();
}

function drawNode(c: Ctx, node: WidgetNode): void {
  if (!node.visible) return;
  const where = `${node.type} #${node.id}`;
  const p = node.props;
  switch (node.type) {
    case 'FILL_RECT':
      return drawRect(c, p, where, false);
    case 'STROKE_RECT':
      return drawRect(c, p, where, true);
    case 'TEXT':
      return drawText(c, p, where);
    case 'IMG':
      return drawImg(c, p, where);
    case 'BUTTON':
      return drawButton(c, p, where);
    case 'QRCODE':
      return drawQr(c, p, where);
    case 'CANVAS':
      return drawCanvas(c, node, where);
    case 'VIEW_CONTAINER':
      return drawContainer(c, node, where, true);
    case 'GROUP':
      return drawContainer(c, node, where, false);
    case 'SCROLL_LIST':
      return drawScrollList(c, p, where);
    case 'CIRCLE':
      return drawCircle(c, p, where);
    case 'ARC':
      return drawArcWidget(c, p, where);
    default:
      throw new Error(`render: no drawing for widget type ${node.type} (${where})`);
  }
}

function drawAll(c: Ctx, nodes: WidgetNode[]): void {
  // Stable: same z_index keeps creation order.
  const z = (n: WidgetNode): number =>
    n.type === 'VIEW_CONTAINER' ? num(n.props, 'z_index', `${n.type} #${n.id}`, 0) : 0;
  nodes
    .map((n, i) => ({ n, i }))
    .sort((a, b) => z(a.n) - z(b.n) || a.i - b.i)
    .forEach(({ n }) => drawNode(c, n));
}

export const STATUS_BAR_TEXT_SIZE = 24;

/** The square screen's status bar, over whatever the page drew there. */
function drawStatusBar(g: SKRSContext2D, bar: StatusBar, width: number, radius: number): void {
  g.save();
  g.fillStyle = '#000000';
  g.fillRect(0, 0, width, bar.height);
  const inset = Math.round(radius * 0.45);
  const size = STATUS_BAR_TEXT_SIZE;
  const base = { y: 0, h: bar.height, size, color: '#ffffff', alignV: 'center' as const, lineSpace: 0, charSpace: 0 };
  const timeW = Math.ceil(size * 0.6 * bar.time.length);
  drawTextBox(g, { ...base, x: width - inset - timeW, w: timeW, text: bar.time, alignH: 'right', overflow: 'none' });
  drawTextBox(g, {
    ...base,
    x: inset,
    w: Math.max(0, width - 2 * inset - timeW - size),
    text: bar.title,
    alignH: 'left',
    overflow: 'ellipsis',
  });
  g.restore();
}

function draw(snapshot: ScreenSnapshot, opts: RenderOptions) {
  const { width, height } = snapshot;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`render: screen size must be positive integers, got ${width}x${height}`);
  }
  const radius = screenRadiusFor(snapshot, opts.screenRadius);
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = css(snapshot.background);
  g.fillRect(0, 0, width, height);
  const assets = opts.assetsDir ? new AssetLoader(opts.assetsDir) : AssetLoader.forShape(snapshot.shape);
  drawAll({ g, assets, locale: opts.locale ?? 'en-US' }, snapshot.widgets);
  if (snapshot.statusBar) drawStatusBar(g, snapshot.statusBar, width, radius);
  // Keep only the visible screen, then put black behind what was cut away.
  g.globalCompositeOperation = 'destination-in';
  g.beginPath();
  g.roundRect(0, 0, width, height, radius);
  g.fill();
  g.globalCompositeOperation = 'destination-over';
  g.fillStyle = '#000000';
  g.fillRect(0, 0, width, height);
  return canvas;
}

/** The screen as RGBA pixels (for the scanner and pixel tests). */
export function renderToImage(snapshot: ScreenSnapshot, opts: RenderOptions = {}): RgbaImage {
  const canvas = draw(snapshot, opts);
  const img = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  return { width: img.width, height: img.height, data: img.data };
}

/** The screen as a PNG file's bytes. */
export function renderScreen(snapshot: ScreenSnapshot, opts: RenderOptions = {}): Buffer {
  return draw(snapshot, opts).encodeSync('png');
}

/** The text box a TEXT or BUTTON widget lays its text in (coordinates relative to its parent), else null. */
export function widgetTextBox(node: WidgetNode, locale = 'en-US'): TextBox | null {
  const where = `${node.type} #${node.id}`;
  if (node.type === 'TEXT') return textBoxOf(node.props, where, locale);
  if (node.type === 'BUTTON') return buttonTextBox(node.props, where, locale, box(node.props, where));
  return null;
}
