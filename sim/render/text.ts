// Text in a box the way Zepp OS lays it out: explicit '\n' always breaks a line; WRAP also wraps to
// the box width; ELLIPSIS keeps one line and ends it with '...'; NONE (a marquee on the watch) keeps
// the line whole and the box clips it. Everything is clipped to the box.
import type { SKRSContext2D } from '@napi-rs/canvas';
import { cssFont } from './assets';

export type HAlign = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'center' | 'bottom';
export type Overflow = 'none' | 'wrap' | 'ellipsis';

export interface TextBox {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  size: number;
  color: string;
  alignH: HAlign;
  alignV: VAlign;
  overflow: Overflow;
  lineSpace: number;
  charSpace: number;
  /** 0..1 */
  alpha?: number;
}

const ELLIPSIS = '...';

/** Line pitch for a text size: the glyph box plus a little leading, plus line_space. */
export function lineHeight(size: number, lineSpace: number): number {
  return Math.round(size * 1.25) + lineSpace;
}

// Break opportunities: after spaces, and between any two characters of CJK text (no spaces there).
function tokens(line: string): string[] {
  return (
    line.match(/[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+\s*|\s+/g) ?? []
  );
}

/** Greedy wrap to maxWidth; a token wider than the box is cut by characters. */
export function wrapLine(measure: (s: string) => number, line: string, maxWidth: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const tok of tokens(line)) {
    if (measure((cur + tok).trimEnd()) <= maxWidth) {
      cur += tok;
      continue;
    }
    if (cur.trim() !== '') out.push(cur.trimEnd());
    cur = '';
    if (measure(tok.trimEnd()) <= maxWidth) {
      cur = tok.trimStart();
      continue;
    }
    for (const ch of Array.from(tok.trimEnd())) {
      if (cur !== '' && measure(cur + ch) > maxWidth) {
        out.push(cur);
        cur = '';
      }
      cur += ch;
    }
  }
  out.push(cur.trimEnd());
  return out;
}

/** Cuts a line to fit maxWidth, ending it with '...' when it was cut. */
export function ellipsize(measure: (s: string) => number, line: string, maxWidth: number): string {
  if (measure(line) <= maxWidth) return line;
  const chars = Array.from(line);
  while (chars.length > 0 && measure(chars.join('') + ELLIPSIS) > maxWidth) chars.pop();
  return chars.join('') + ELLIPSIS;
}

/** The lines a text box shows, before clipping. */
export function layoutLines(measure: (s: string) => number, box: Pick<TextBox, 'text' | 'w' | 'overflow'>): string[] {
  const paragraphs = box.text.split('\n');
  if (box.overflow === 'wrap') return paragraphs.flatMap((p) => wrapLine(measure, p, box.w));
  if (box.overflow === 'ellipsis') return [ellipsize(measure, paragraphs.join(' '), box.w)];
  return paragraphs;
}

/** A line as placed in its box: left edge, top of its line box, measured width, line box height. */
export interface PlacedLine {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlacedText {
  lines: PlacedLine[];
  /** What the watch would not show in full: '...' added, a line wider than the box, lines below or above it. */
  cut: Array<'ellipsis' | 'too-wide' | 'too-tall'>;
}

/** Lays out a text box; the context must have the box's font and letter spacing set. */
export function placeText(measure: (s: string) => number, box: TextBox): PlacedText {
  const lines = layoutLines(measure, box);
  const pitch = lineHeight(box.size, box.lineSpace);
  const lineH = pitch - box.lineSpace;
  const blockH = pitch * lines.length - box.lineSpace;
  const top =
    box.alignV === 'top' ? box.y : box.alignV === 'bottom' ? box.y + box.h - blockH : box.y + (box.h - blockH) / 2;
  const placed = lines.map((text, i) => {
    const w = measure(text);
    // A line wider than the box starts at its left edge, as the watch's marquee does.
    const x =
      box.alignH === 'left' || w > box.w ? box.x : box.alignH === 'right' ? box.x + box.w - w : box.x + (box.w - w) / 2;
    return { text, x, y: top + i * pitch, w, h: lineH };
  });
  const cut: PlacedText['cut'] = [];
  if (box.overflow === 'ellipsis' && lines[0] !== box.text.split('\n').join(' ')) cut.push('ellipsis');
  if (placed.some((l) => l.w > box.w + 0.5)) cut.push('too-wide');
  // The glyphs fill about size px of each line box; leading outside the box is no loss.
  const glyphPad = (lineH - box.size) / 2;
  if (blockH - 2 * glyphPad > box.h + 0.5) cut.push('too-tall');
  return { lines: placed, cut };
}

function setFont(ctx: SKRSContext2D, box: TextBox): (s: string) => number {
  ctx.font = cssFont(box.size);
  ctx.letterSpacing = `${box.charSpace}px`;
  return (s: string): number => ctx.measureText(s).width;
}

/** Lays out a text box without drawing it (for checks of what a page shows). */
export function measureTextBox(ctx: SKRSContext2D, box: TextBox): PlacedText {
  ctx.save();
  try {
    return placeText(setFont(ctx, box), box);
  } finally {
    ctx.restore();
  }
}

export function drawTextBox(ctx: SKRSContext2D, box: TextBox): void {
  if (box.text === '' || box.w <= 0 || box.h <= 0) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  const measure = setFont(ctx, box);
  ctx.fillStyle = box.color;
  ctx.globalAlpha = box.alpha ?? 1;
  ctx.textBaseline = 'middle';
  for (const line of placeText(measure, box).lines) ctx.fillText(line.text, line.x, line.y + line.h / 2);
  ctx.restore();
}
