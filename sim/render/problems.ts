// Checks of a rendered screen for what a user would not see in full: texts the watch cuts, text
// the round or rounded screen outline hides, and text under a square screen's status bar. `npm run preview` prints them for every picture.
// The watch's own fonts differ from the renderer's (DejaVu Sans, Noto Sans SC), so a text near
// the limit may fit on one and not the other: read these as warnings, not verdicts.
import { createCanvas } from '@napi-rs/canvas';
import type { ScreenSnapshot, WidgetNode } from './screen-model';
import { renderToImage, screenRadiusFor, widgetTextBox, type RenderOptions } from './render';
import { num, type Props } from './props';
import { measureTextBox } from './text';

/**
 * Whether the screen's outline hides part of a widget's text: the text alone, drawn white on black,
 * with and without the mask; a pixel that loses most of its ink is cut (the mask's anti-aliased edge
 * alone takes less).
 */
function textCutByOutline(snapshot: ScreenSnapshot, node: WidgetNode, dx: number, dy: number, radius: number, locale: string): boolean {
  const where = `${node.type} #${node.id}`;
  const props: Props = { ...node.props, x: num(node.props, 'x', where) + dx, y: num(node.props, 'y', where) + dy, color: 0xffffff, alpha: 255 };
  for (const k of ['normal_color', 'press_color', 'normal_src', 'press_src']) delete props[k];
  const alone: ScreenSnapshot = { ...snapshot, background: 0, widgets: [{ ...node, props, children: [] }], statusBar: null };
  const masked = renderToImage(alone, { screenRadius: radius, locale }).data;
  const full = renderToImage(alone, { screenRadius: 0, locale }).data;
  for (let i = 0; i < full.length; i += 4) if (full[i]! - masked[i]! > 128) return true;
  return false;
}

/**
 * Texts the watch cuts ('...', a line wider or a block taller than its box) and texts running past
 * the screen's outline. Containers' scrolling is not followed: children are checked where the page put them.
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
      for (const child of node.children) check(child, dx + num(node.props, 'x', where, 0), dy + num(node.props, 'y', where, 0));
      return;
    }
    const tb = widgetTextBox(node, locale);
    if (!tb || tb.text.trim() === '') return;
    const quoted = JSON.stringify(tb.text.length > 40 ? `${tb.text.slice(0, 39)}…` : tb.text);
    const { cut } = measureTextBox(g, tb);
    if (cut.length > 0) out.push(`${where} ${quoted} is cut: ${cut.join(', ')}`);
    if (textCutByOutline(snapshot, node, dx, dy, radius, locale)) out.push(`${where} ${quoted} runs past the edge of the ${snapshot.shape} screen`);
    const bar = snapshot.statusBar;
    if (bar && tb.y + dy < bar.height && tb.y + dy + tb.h > 0) out.push(`${where} ${quoted} lies under the status bar (0..${bar.height} px)`);
  };
  for (const n of snapshot.widgets) check(n, 0, 0);
  return out;
}
