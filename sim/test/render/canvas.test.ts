import { describe, expect, it } from 'vitest';
import { renderToImage } from '../../render/render';
import type { CanvasOp } from '../../render/screen-model';
import { inkBox, node, px, screen } from './pixels';

// The CANVAS sits at (20, 30) so every check also proves the ops are relative to the widget.
const OX = 20,
  OY = 30;
const draw = (...ops: CanvasOp[]) =>
  renderToImage(screen([node('CANVAS', { x: OX, y: OY, w: 160, h: 160 }, { canvasOps: ops })]), { screenRadius: 0 });
const op = (name: string, args: Record<string, unknown> = {}): CanvasOp => ({ op: name, args });

describe('CANVAS draw calls', () => {
  it('drawRect fills x1..x2 (docs form) and x,y,w,h (device-types form)', () => {
    const img = draw(
      op('drawRect', { x1: 10, y1: 10, x2: 50, y2: 30, color: 0xff0000 }),
      op('drawRect', { x: 60, y: 60, w: 20, h: 20, color: 0x00ff00 }),
    );
    expect(inkBox(img, 0, { x: 0, y: 0, w: 75, h: 75 })).toMatchObject({
      minX: OX + 10,
      minY: OY + 10,
      maxX: OX + 49,
      maxY: OY + 29,
    });
    expect(px(img, OX + 70, OY + 70)).toBe(0x00ff00);
  });

  it('setPaint sets the colour and width later calls use; a call may override the colour', () => {
    const img = draw(
      op('setPaint', { color: 0x0000ff, line_width: 6 }),
      op('drawLine', { x1: 0, y1: 80, x2: 160, y2: 80 }),
      op('drawLine', { x1: 80, y1: 0, x2: 80, y2: 60, color: 0xffff00 }),
    );
    expect(px(img, OX + 20, OY + 78)).toBe(0x0000ff);
    expect(px(img, OX + 20, OY + 82)).toBe(0x0000ff);
    expect(px(img, OX + 20, OY + 86)).toBe(0);
    expect(px(img, OX + 80, OY + 30)).toBe(0xffff00);
  });

  it('drawPixel colours exactly one pixel', () => {
    const img = draw(op('drawPixel', { x: 7, y: 9, color: 0xffffff }));
    expect(inkBox(img, 0)).toEqual({ minX: OX + 7, minY: OY + 9, maxX: OX + 7, maxY: OY + 9, count: 1 });
  });

  it('drawCircle fills the disc, strokeCircle only the ring', () => {
    const img = draw(
      op('drawCircle', { center_x: 40, center_y: 40, radius: 20, color: 0xff0000 }),
      op('setPaint', { color: 0x00ff00, line_width: 4 }),
      op('strokeCircle', { center_x: 120, center_y: 40, radius: 20 }),
    );
    expect(px(img, OX + 40, OY + 40)).toBe(0xff0000);
    expect(px(img, OX + 40, OY + 62)).toBe(0);
    expect(px(img, OX + 120, OY + 40)).toBe(0);
    expect(px(img, OX + 140, OY + 40)).toBe(0x00ff00);
  });

  it("drawArc fills the sector between the angles (0 = 3 o'clock, clockwise)", () => {
    const img = draw(
      op('drawArc', {
        center_x: 80,
        center_y: 80,
        radius_x: 50,
        radius_y: 50,
        start_angle: 0,
        end_angle: 90,
        color: 0xffffff,
      }),
    );
    expect(px(img, OX + 100, OY + 100)).toBe(0xffffff); // below-right: inside 0..90
    expect(px(img, OX + 60, OY + 60)).toBe(0); // above-left: outside
    expect(px(img, OX + 100, OY + 60)).toBe(0); // above-right: outside
  });

  it('drawPoly fills a triangle', () => {
    const img = draw(
      op('drawPoly', {
        data_array: [
          { x: 0, y: 0 },
          { x: 100, y: 0 },
          { x: 0, y: 100 },
        ],
        color: 0xabcdef,
      }),
    );
    expect(px(img, OX + 20, OY + 20)).toBe(0xabcdef);
    expect(px(img, OX + 80, OY + 80)).toBe(0);
    expect(() => draw(op('drawPoly', { data_array: [{ x: 0, y: 0 }] }))).toThrow(/at least 3 points/);
  });

  it('drawText puts text to the right of and below (x, y)', () => {
    const ink = inkBox(draw(op('drawText', { x: 30, y: 50, text: 'Hi 你好', text_size: 24, color: 0xffffff })), 0)!;
    expect(ink.minX).toBeGreaterThanOrEqual(OX + 30);
    expect(ink.minY).toBeGreaterThanOrEqual(OY + 50);
    expect(ink.maxY).toBeLessThan(OY + 50 + 30);
  });

  it('clear empties a rectangle down to the widgets below', () => {
    const img = renderToImage(
      screen([
        node('FILL_RECT', { x: 0, y: 0, w: 200, h: 200, color: 0x00ff00 }),
        node(
          'CANVAS',
          { x: OX, y: OY, w: 160, h: 160 },
          {
            canvasOps: [
              op('drawRect', { x1: 0, y1: 0, x2: 160, y2: 160, color: 0xff0000 }),
              op('clear', { x: 10, y: 10, w: 20, h: 20 }),
            ],
          },
        ),
      ]),
      { screenRadius: 0 },
    );
    expect(px(img, OX + 20, OY + 20)).toBe(0x00ff00);
    expect(px(img, OX + 40, OY + 40)).toBe(0xff0000);
  });

  it('transform rotates later calls about the canvas origin', () => {
    const img = draw(
      op('transform', { rotation: 90 }),
      op('drawRect', { x: 10, y: -30, w: 20, h: 20, color: 0xffffff }),
    );
    // (10..30, -30..-10) turned 90° clockwise about (0, 0) lands at (10..30, 10..30).
    expect(inkBox(img, 0)).toMatchObject({ minX: OX + 10, minY: OY + 10, maxX: OX + 29, maxY: OY + 29 });
  });

  it('transform turns about center_x/center_y and moves by tx/ty', () => {
    const img = draw(
      op('transform', { rotation: 180, center_x: 50, center_y: 50, tx: 10, ty: 0 }),
      op('drawRect', { x1: 0, y1: 0, x2: 20, y2: 20, color: 0xffffff }),
    );
    // (0..20, 0..20) turned 180° about (50, 50) is (80..100, 80..100), moved 10 right.
    expect(inkBox(img, 0)).toMatchObject({ minX: OX + 90, minY: OY + 80, maxX: OX + 109, maxY: OY + 99 });
  });

  it('draws nothing outside the canvas box', () => {
    const ink = inkBox(draw(op('drawRect', { x: -100, y: -100, w: 1000, h: 1000, color: 0xffffff })), 0);
    expect(ink).toMatchObject({ minX: OX, minY: OY, maxX: OX + 159, maxY: OY + 159 });
  });

  it('throws on a draw call the OS does not have', () => {
    expect(() => draw(op('drawSquircle', { x: 0 }))).toThrow(/unknown CANVAS draw call "drawSquircle"/);
    expect(() => draw(op('drawLine', { x1: 0, y1: 0, x2: 'far', y2: 0 }))).toThrow(/x2 must be a finite number/);
  });
});
