import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { screenProblems } from '../../render/problems';
import { align, text_style } from '../../zos/constants';
import { node, screen } from './pixels';

const round = (...widgets: ReturnType<typeof node>[]) => screen(widgets, { width: 466, height: 466, shape: 'round' });
const centred = { align_h: align.CENTER_H, align_v: align.CENTER_V };

describe('screenProblems', () => {
  it('finds nothing wrong with short text mid-screen', () => {
    expect(
      screenProblems(round(node('TEXT', { x: 0, y: 200, w: 466, h: 60, text: 'Pay', text_size: 36, ...centred }))),
    ).toEqual([]);
  });

  it('reports text the watch ends with ...', () => {
    const n = node('TEXT', {
      x: 100,
      y: 200,
      w: 120,
      h: 40,
      text: 'Tap for QR code, new code at 09:31',
      text_size: 24,
      text_style: text_style.ELLIPSIS,
      ...centred,
    });
    expect(screenProblems(round(n))).toEqual([`TEXT #${n.id} "Tap for QR code, new code at 09:31" is cut: ellipsis`]);
  });

  it('reports a line wider than its box and wrapped text taller than its box', () => {
    const wide = node('TEXT', { x: 100, y: 150, w: 80, h: 40, text: 'Transit cards', text_size: 24, ...centred });
    const tall = node('TEXT', {
      x: 100,
      y: 250,
      w: 120,
      h: 40,
      text: 'one two three four five six seven',
      text_size: 24,
      text_style: text_style.WRAP,
      ...centred,
    });
    expect(screenProblems(round(wide, tall))).toEqual([
      `TEXT #${wide.id} "Transit cards" is cut: too-wide`,
      `TEXT #${tall.id} "one two three four five six seven" is cut: too-tall`,
    ]);
  });

  it('reports text past the edge of a round screen, not the same text on a square one', () => {
    const n = node('TEXT', { x: 0, y: 10, w: 466, h: 40, text: 'Balances as of 08:35', text_size: 30, ...centred });
    expect(screenProblems(round(n))).toEqual([
      `TEXT #${n.id} "Balances as of 08:35" runs past the edge of the round screen`,
    ]);
    expect(screenProblems(screen([n], { width: 466, height: 466 }), { screenRadius: 0 })).toEqual([]);
  });

  it('checks BUTTON text and children of containers at their place on screen', () => {
    const b = node('BUTTON', {
      x: 0,
      y: 0,
      w: 100,
      h: 50,
      text: 'Limits',
      text_size: 24,
      normal_color: 0x222222,
      press_color: 0x333333,
    });
    const inner = node('TEXT', { x: 0, y: 0, w: 200, h: 40, text: 'Metro', text_size: 24 });
    const container = node('VIEW_CONTAINER', { x: 133, y: 213, w: 200, h: 40 }, { children: [inner] });
    expect(screenProblems(round(b, container))).toEqual([
      `BUTTON #${b.id} "Limits" runs past the edge of the round screen`,
    ]);
  });

  it('never reports a one-line text that fits inside a box well inside the screen', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcXYZ 0123'.split('')), maxLength: 6 }),
        fc.integer({ min: 12, max: 28 }),
        (text, size) => {
          expect(
            screenProblems(round(node('TEXT', { x: 133, y: 213, w: 200, h: 40, text, text_size: size, ...centred }))),
          ).toEqual([]);
        },
      ),
    );
  });
});

describe('screenProblems: the status bar of square screens', () => {
  const bar = { height: 64, title: 'Wrist Wallet', time: '09:00' };
  const square = (...widgets: ReturnType<typeof node>[]) =>
    screen(widgets, { width: 390, height: 450, statusBar: bar });

  it('reports text under the bar, and only that', () => {
    const under = node('TEXT', { x: 0, y: 10, w: 390, h: 40, text: 'Title', text_size: 28, ...centred });
    const below = node('TEXT', { x: 0, y: 64, w: 390, h: 40, text: 'Title', text_size: 28, ...centred });
    expect(screenProblems(square(under), { screenRadius: 86 })).toEqual([
      expect.stringMatching(/"Title" lies under the status bar \(0\.\.64 px\)/),
    ]);
    expect(screenProblems(square(below), { screenRadius: 86 })).toEqual([]);
  });
});
