// Swipe-scrolling of VIEW_CONTAINER (docs: ui/widget/VIEW_CONTAINER.mdx, API 2.0): the @zos/ui fake
// moves pos_y within the content, the renderer draws the scrolled screen, taps land in scrolled
// coordinates, and textsOnScreen reads what is in view.
import { describe, expect, it } from 'vitest';
import { UiFake } from '../../zos/ui';
import { align, widget } from '../../zos/constants';
import { renderToImage } from '../../render/render';
import { screenProblems, textsOnScreen } from '../../render/problems';
import { inkBox, node, screen } from '../render/pixels';

interface W {
  createWidget(type: unknown, props?: unknown): W;
  [key: string]: unknown;
}

function ui() {
  const fake = new UiFake();
  const m = fake.module() as { createWidget: (t: unknown, p?: unknown) => W };
  return { fake, ...m };
}

/** A 200 x 200 screen with one full-screen container holding ten 40 px rows (content 400 px: 200 px to scroll). */
function tenRows(props: Record<string, unknown> = {}) {
  const u = ui();
  const clicks: number[] = [];
  const box = u.createWidget(widget.VIEW_CONTAINER, { x: 0, y: 0, w: 200, h: 200, ...props });
  for (let i = 0; i < 10; i++)
    box.createWidget(widget.BUTTON, {
      x: 0,
      y: i * 40,
      w: 200,
      h: 40,
      text: `row ${i}`,
      click_func: () => clicks.push(i),
    });
  return { ...u, box, clicks };
}

const mid = { x: 100, y: 100 };

describe('VIEW_CONTAINER swipe-scrolling', () => {
  it('moves pos_y by the swipe, clamped to the content: 0 at the top, -(content - h) at the bottom', () => {
    const { fake, box } = tenRows();
    expect(box.pos_y).toBeUndefined();
    expect(fake.swipe(-150, mid)).toBe(-150);
    expect(box.pos_y).toBe(-150);
    expect(fake.swipe(-150, mid)).toBe(-50); // only 200 px to scroll
    expect(box.pos_y).toBe(-200);
    expect(fake.swipe(-10, mid)).toBe(0);
    expect(fake.swipe(500, mid)).toBe(200);
    expect(box.pos_y).toBe(0);
    expect(fake.swipe(10, mid)).toBe(0);
  });

  it('does not scroll with scroll_enable 0, content that fits, or a finger outside the container', () => {
    expect(tenRows({ scroll_enable: 0 }).fake.swipe(-50, mid)).toBe(0);
    const u = ui();
    const fits = u.createWidget(widget.VIEW_CONTAINER, { x: 0, y: 0, w: 200, h: 200 });
    fits.createWidget(widget.FILL_RECT, { x: 0, y: 0, w: 200, h: 200, color: 1 });
    expect(u.fake.swipe(-50, mid)).toBe(0);
    const { fake } = tenRows({ h: 100 });
    expect(fake.swipe(-50, { x: 100, y: 150 })).toBe(0);
    expect(fake.swipe(-50, { x: 100, y: 50 })).toBe(-50);
  });

  it('tells scroll_frame_func and scroll_complete_func the new offset', () => {
    const seen: unknown[] = [];
    const { fake } = tenRows({
      scroll_frame_func: (i: unknown) => seen.push(['frame', i]),
      scroll_complete_func: (i: unknown) => seen.push(['complete', i]),
    });
    fake.swipe(-30, mid);
    expect(seen).toEqual([
      ['frame', { type: 0, yoffset: -30 }],
      ['complete', { type: 1, yoffset: -30 }],
    ]);
  });

  it('taps hit the rows where the scroll put them', () => {
    const { fake, clicks } = tenRows();
    fake.clickAt({ x: 100, y: 20 });
    fake.swipe(-120, mid);
    fake.clickAt({ x: 100, y: 20 }); // content y 140: row 3
    expect(clicks).toEqual([0, 3]);
    expect(fake.placed().find((p) => p.node.props.text === 'row 3')!.box.y).toBe(0);
  });

  it('the renderer draws the scrolled content and textsOnScreen reads what is in view', () => {
    const { fake } = tenRows();
    const at = (s: ReturnType<typeof fake.tree>) => screen(s, { width: 200, height: 200 });
    const shown = () =>
      textsOnScreen(at(fake.tree()), { screenRadius: 0 })
        .filter((t) => t.readable)
        .map((t) => t.text);
    expect(shown()).toEqual(['row 0', 'row 1', 'row 2', 'row 3', 'row 4']);
    fake.swipe(-220, mid);
    expect(shown()).toEqual(['row 5', 'row 6', 'row 7', 'row 8', 'row 9']);
    fake.swipe(20, mid);
    // Row 4 is half in view: neither it nor row 9 counts as readable.
    expect(shown()).toEqual(['row 5', 'row 6', 'row 7', 'row 8']);
    const img = renderToImage(at(fake.tree()), { screenRadius: 0 });
    expect(inkBox(img, 0, { x: 0, y: 0, w: 200, h: 200 })).not.toBeNull();
  });
});

describe('screenProblems with a scrolling container', () => {
  const round = (widgets: ReturnType<typeof node>[]) => screen(widgets, { width: 200, height: 200, shape: 'round' });
  const row = (y: number, w: number, text: string) =>
    node('TEXT', {
      x: 100 - w / 2,
      y,
      w,
      h: 24,
      text,
      text_size: 16,
      align_h: align.CENTER_H,
      align_v: align.CENTER_V,
    });

  it('judges a row where scrolling can bring it, mid-screen, not where it is now', () => {
    // Rows 130 px wide fit the circle mid-screen only; the last one can scroll to the middle.
    const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => row(40 + i * 24, 130, `row ${i} abcdef`));
    const pad = node('FILL_RECT', { x: 0, y: 40 + 10 * 24 + 88, w: 1, h: 1, color: 0 });
    expect(
      screenProblems(round([node('VIEW_CONTAINER', { x: 0, y: 0, w: 200, h: 200 }, { children: [...rows, pad] })])),
    ).toEqual([]);
    // Without the padding the last rows cannot leave the bottom edge.
    const problems = screenProblems(
      round([node('VIEW_CONTAINER', { x: 0, y: 0, w: 200, h: 200 }, { children: rows })]),
    );
    expect(problems).toEqual([`TEXT #${rows[9]!.id} "row 9 abcdef" runs past the edge of the round screen`]);
  });
});
