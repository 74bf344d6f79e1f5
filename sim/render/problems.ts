// Checks of a rendered screen for what a user would not see in full: texts the watch cuts, text
// the round or rounded screen outline hides, and text under a square screen's status bar. `npm run preview` prints them for every picture.
// The watch's own fonts differ from the renderer's (DejaVu Sans, Noto Sans SC), so a text near
// the limit may fit on one and not the other: read these as warnings, not verdicts.
import { createCanvas } from '@napi-rs/canvas';
import type { ScreenSnapshot, WidgetNode } from './screen-model';
import { renderToImage, screenRadiusFor, widgetTextBox, type RenderOptions } from './render';
import { num, type Props } from './props';
import { measureTextBox } from './text';

/** Whether every corner of the box lies inside the screen: a rounded rectangle (a circle when radius is half the side). */
function boxInsideOutline(
  b: { x: number; y: number; w: number; h: number },
  width: number,
  height: number,
  radius: number,
): boolean {
  const r = Math.min(radius, width / 2, height / 2);
  const inside = (x: number, y: number): boolean => {
    if (x < 0 || y < 0 || x > width || y > height) return false;
    const cx = Math.min(Math.max(x, r), width - r),
      cy = Math.min(Math.max(y, r), height - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  return inside(b.x, b.y) && inside(b.x + b.w, b.y) && inside(b.x, b.y + b.h) && inside(b.x + b.w, b.y + b.h);
}

/**
 * Whether the screen's outline hides part of a widget's text: the text alone, drawn white on black,
 * with and without the mask; a pixel that loses most of its ink is cut (the mask's anti-aliased edge
 * alone takes less).
 */
function textCutByOutline(
  snapshot: ScreenSnapshot,
  node: WidgetNode,
  dx: number,
  dy: number,
  radius: number,
  locale: string,
): boolean {
  const where = `${node.type} #${node.id}`;
  // Quick answer: text is clipped to its box (text.ts), so a box within the outline cannot be cut by it.
  const tb = widgetTextBox(node, locale);
  if (tb && boxInsideOutline({ x: tb.x + dx, y: tb.y + dy, w: tb.w, h: tb.h }, snapshot.width, snapshot.height, radius))
    return false;
  const props: Props = {
    ...node.props,
    x: num(node.props, 'x', where) + dx,
    y: num(node.props, 'y', where) + dy,
    color: 0xffffff,
    alpha: 255,
  };
  for (const k of ['normal_color', 'press_color', 'normal_src', 'press_src']) delete props[k];
  const alone: ScreenSnapshot = {
    ...snapshot,
    background: 0,
    widgets: [{ ...node, props, children: [] }],
    statusBar: null,
  };
  const masked = renderToImage(alone, { screenRadius: radius, locale }).data;
  const full = renderToImage(alone, { screenRadius: 0, locale }).data;
  for (let i = 0; i < full.length; i += 4) if (full[i]! - masked[i]! > 128) return true;
  return false;
}

type Box = { x: number; y: number; w: number; h: number };

/** How far a VIEW_CONTAINER's content reaches below its height (0: it does not scroll), as the @zos/ui fake's swipe. */
function scrollRangeOf(node: WidgetNode, where: string): number {
  if (node.type !== 'VIEW_CONTAINER' || node.props.scroll_enable === 0) return 0;
  let bottom = 0;
  for (const c of node.children)
    if (c.visible) bottom = Math.max(bottom, num(c.props, 'y', where, 0) + num(c.props, 'h', where, 0));
  return Math.max(0, bottom - num(node.props, 'h', where, 0));
}

/**
 * Texts the watch cuts ('...', a line wider or a block taller than its box) and texts running past
 * the screen's outline. A text in a scrolling VIEW_CONTAINER (content taller than the container) is
 * judged where the user can scroll it to read it: moved as near the container's middle as its scroll
 * range allows, whatever the container's pos_y now. Other containers' children are checked where
 * they are on screen (x + pos_x, y + pos_y).
 */
export function screenProblems(snapshot: ScreenSnapshot, opts: RenderOptions = {}): string[] {
  const radius = screenRadiusFor(snapshot, opts.screenRadius);
  const locale = opts.locale ?? 'en-US';
  const g = createCanvas(1, 1).getContext('2d');
  const out: string[] = [];
  const check = (node: WidgetNode, dx: number, dy: number): void => {
    if (!node.visible) return;
    const where = `${node.type} #${node.id}`;
    if (node.type === 'VIEW_CONTAINER' || node.type === 'GROUP') {
      const p = node.props;
      const x = dx + num(p, 'x', where, 0),
        y = dy + num(p, 'y', where, 0);
      const range = scrollRangeOf(node, where);
      const scrolls = node.type === 'VIEW_CONTAINER';
      for (const child of node.children) {
        let py = scrolls ? num(p, 'pos_y', where, 0) : 0;
        if (range > 0) {
          const cw = `${child.type} #${child.id}`;
          const mid = num(p, 'h', where, 0) / 2 - (num(child.props, 'y', cw, 0) + num(child.props, 'h', cw, 0) / 2);
          py = Math.min(0, Math.max(-range, Math.round(mid)));
        }
        check(child, x + (scrolls ? num(p, 'pos_x', where, 0) : 0), y + py);
      }
      return;
    }
    const tb = widgetTextBox(node, locale);
    if (!tb || tb.text.trim() === '') return;
    const quoted = JSON.stringify(tb.text.length > 40 ? `${tb.text.slice(0, 39)}…` : tb.text);
    const { cut } = measureTextBox(g, tb);
    if (cut.length > 0) out.push(`${where} ${quoted} is cut: ${cut.join(', ')}`);
    if (textCutByOutline(snapshot, node, dx, dy, radius, locale))
      out.push(`${where} ${quoted} runs past the edge of the ${snapshot.shape} screen`);
    const bar = snapshot.statusBar;
    if (bar && tb.y + dy < bar.height && tb.y + dy + tb.h > 0)
      out.push(`${where} ${quoted} lies under the status bar (0..${bar.height} px)`);
  };
  for (const n of snapshot.widgets) check(n, 0, 0);
  return out;
}

/** One text (TEXT or BUTTON) of a screen as it is shown now, scroll offsets included. */
export interface TextOnScreen {
  node: WidgetNode;
  text: string;
  /** Its box on screen (containers' x / y and pos_x / pos_y added). */
  box: Box;
  /** Wholly inside the screen and every container it sits in: not scrolled or clipped out of view, even in part. */
  inView: boolean;
  /** What the watch cuts of it ('ellipsis', 'too-wide', 'too-tall'; measureTextBox). */
  cut: string[];
  /** The screen's outline hides part of it; only worked out for texts in view (false otherwise). */
  pastEdge: boolean;
  /** In view, not cut, not past the edge: a user reads all of it on this screen. */
  readable: boolean;
}

/** Every non-empty text of the screen as shown now: for tests that scroll a page and read it. */
export function textsOnScreen(snapshot: ScreenSnapshot, opts: RenderOptions = {}): TextOnScreen[] {
  const radius = screenRadiusFor(snapshot, opts.screenRadius);
  const locale = opts.locale ?? 'en-US';
  const g = createCanvas(1, 1).getContext('2d');
  const out: TextOnScreen[] = [];
  const inside = (b: Box, clip: Box): boolean =>
    b.x >= clip.x && b.y >= clip.y && b.x + b.w <= clip.x + clip.w && b.y + b.h <= clip.y + clip.h;
  const visit = (node: WidgetNode, dx: number, dy: number, clips: Box[]): void => {
    if (!node.visible) return;
    const where = `${node.type} #${node.id}`;
    const p = node.props;
    if (node.type === 'VIEW_CONTAINER' || node.type === 'GROUP') {
      const x = dx + num(p, 'x', where, 0),
        y = dy + num(p, 'y', where, 0);
      const clip = { x, y, w: num(p, 'w', where, 0), h: num(p, 'h', where, 0) };
      const scrolls = node.type === 'VIEW_CONTAINER';
      for (const child of node.children)
        visit(child, x + (scrolls ? num(p, 'pos_x', where, 0) : 0), y + (scrolls ? num(p, 'pos_y', where, 0) : 0), [
          ...clips,
          clip,
        ]);
      return;
    }
    const tb = widgetTextBox(node, locale);
    if (!tb || tb.text.trim() === '') return;
    const box = { x: tb.x + dx, y: tb.y + dy, w: tb.w, h: tb.h };
    const inView = clips.every((c) => inside(box, c));
    const { cut } = measureTextBox(g, tb);
    const pastEdge = inView && textCutByOutline(snapshot, node, dx, dy, radius, locale);
    out.push({ node, text: tb.text, box, inView, cut, pastEdge, readable: inView && cut.length === 0 && !pastEdge });
  };
  const screen = { x: 0, y: 0, w: snapshot.width, h: snapshot.height };
  for (const n of snapshot.widgets) visit(n, 0, 0, [screen]);
  return out;
}
