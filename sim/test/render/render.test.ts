import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { renderScreen, renderToImage, screenRadiusFor } from '../../render/render';
import { align, text_style } from '../../zos/constants';
import { bytes, inkBox, node, px, screen } from './pixels';

const SQUARE = { screenRadius: 0 };

describe('renderToImage: rectangles', () => {
  it('fills the rectangle with its colour and nothing around it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 2, max: 49 }),
        fc.integer({ min: 2, max: 49 }),
        fc.integer({ min: 1, max: 0xffffff }),
        (x, y, w, h, color) => {
          const img = renderToImage(screen([node('FILL_RECT', { x, y, w, h, color })]), SQUARE);
          for (const [cx, cy] of [
            [x, y],
            [x + w - 1, y],
            [x, y + h - 1],
            [x + w - 1, y + h - 1],
            [x + (w >> 1), y + (h >> 1)],
          ] as const) {
            expect(px(img, cx, cy)).toBe(color);
          }
          for (const [ox, oy] of [
            [x - 1, y],
            [x + w, y],
            [x, y - 1],
            [x, y + h],
          ] as const) {
            if (ox >= 0 && oy >= 0 && ox < 200 && oy < 200) expect(px(img, ox, oy)).toBe(0);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('later widgets cover earlier ones, alpha blends, invisible widgets are skipped', () => {
    const img = renderToImage(
      screen([
        node('FILL_RECT', { x: 0, y: 0, w: 100, h: 100, color: 0xff0000 }),
        node('FILL_RECT', { x: 50, y: 0, w: 50, h: 50, color: 0x0000ff }),
        node('FILL_RECT', { x: 0, y: 50, w: 50, h: 50, color: 0x00ff00 }, { visible: false }),
        node('FILL_RECT', { x: 100, y: 0, w: 50, h: 50, color: 0xffffff, alpha: 0 }),
      ]),
      SQUARE,
    );
    expect(px(img, 10, 10)).toBe(0xff0000);
    expect(px(img, 60, 10)).toBe(0x0000ff);
    expect(px(img, 10, 60)).toBe(0xff0000);
    expect(px(img, 110, 10)).toBe(0x000000);
  });

  it('draws the low 24 bits of a 32-bit colour', () => {
    const img = renderToImage(screen([node('FILL_RECT', { x: 0, y: 0, w: 10, h: 10, color: 0xff123456 })]), SQUARE);
    expect(px(img, 5, 5)).toBe(0x123456);
  });

  it('draws a CIRCLE disc and an ARC stroke inside its box', () => {
    const img = renderToImage(
      screen([
        node('CIRCLE', { center_x: 50, center_y: 50, radius: 30, color: 0xff0000 }),
        node('ARC', { x: 100, y: 100, w: 80, h: 80, start_angle: 0, end_angle: 90, line_width: 10, color: 0x00ff00 }),
      ]),
      SQUARE,
    );
    expect(px(img, 50, 50)).toBe(0xff0000);
    expect(px(img, 50, 82)).toBe(0);
    expect(px(img, 140, 175)).toBe(0x00ff00); // bottom of the arc (90 degrees)
    expect(px(img, 140, 140)).toBe(0); // centre of the ring
    expect(px(img, 105, 140)).toBe(0); // 180 degrees: not in 0..90
    const ink = inkBox(img, 0, { x: 90, y: 90, w: 110, h: 110 })!;
    expect(ink.maxX).toBeLessThan(180);
    expect(ink.maxY).toBeLessThan(180);
  });

  it('rounds the corners of a rect with radius', () => {
    const img = renderToImage(
      screen([node('FILL_RECT', { x: 20, y: 20, w: 100, h: 60, color: 0xffffff, radius: 20 })]),
      SQUARE,
    );
    expect(px(img, 20, 20)).toBe(0);
    expect(px(img, 70, 20)).toBe(0xffffff);
    expect(px(img, 20, 50)).toBe(0xffffff);
  });

  it('keeps a STROKE_RECT stroke inside its box and its middle empty', () => {
    const img = renderToImage(
      screen([node('STROKE_RECT', { x: 40, y: 40, w: 100, h: 80, color: 0x00ff00, line_width: 4 })]),
      SQUARE,
    );
    expect(px(img, 40, 40)).toBe(0x00ff00);
    expect(px(img, 43, 80)).toBe(0x00ff00);
    expect(px(img, 39, 80)).toBe(0);
    expect(px(img, 140, 80)).toBe(0);
    expect(px(img, 90, 80)).toBe(0);
    expect(inkBox(img, 0)).toMatchObject({ minX: 40, minY: 40, maxX: 139, maxY: 119 });
  });

  it('refuses colours and numbers it cannot draw', () => {
    expect(() =>
      renderToImage(screen([node('FILL_RECT', { x: 0, y: 0, w: 10, h: 10, color: 0x100000000 })]), SQUARE),
    ).toThrow(/colour/);
    expect(() => renderToImage(screen([node('FILL_RECT', { x: 0, y: 0, w: 10, h: 10, color: 0.5 })]), SQUARE)).toThrow(
      /colour/,
    );
    expect(() => renderToImage(screen([node('FILL_RECT', { x: 0, y: 0, w: 10, h: 10, color: -1 })]), SQUARE)).toThrow(
      /colour/,
    );
    expect(() => renderToImage(screen([node('FILL_RECT', { x: 'a', y: 0, w: 10, h: 10, color: 1 })]), SQUARE)).toThrow(
      /x must be a finite number/,
    );
    expect(() => renderToImage(screen([node('FILL_RECT', { x: 0, y: 0, w: 10, h: 10 })]), SQUARE)).toThrow(
      /needs a number color/,
    );
    expect(() =>
      renderToImage(screen([node('FILL_RECT', { x: 0, y: 0, w: 10, h: 10, color: 1, alpha: 300 })]), SQUARE),
    ).toThrow(/alpha/);
  });

  it('throws on a widget type it has no drawing for', () => {
    expect(() => renderToImage(screen([node('FILL_RECTANGLE', { x: 0, y: 0, w: 1, h: 1, color: 1 })]), SQUARE)).toThrow(
      /no drawing for widget type FILL_RECTANGLE/,
    );
  });
});

describe('renderToImage: the screen outline', () => {
  const fullWhite = (w: number, h: number) => [node('FILL_RECT', { x: 0, y: 0, w, h, color: 0xffffff })];

  it('masks a round screen to its circle', () => {
    const img = renderToImage(
      screen(fullWhite(466, 466), { width: 466, height: 466, shape: 'round', background: 0xffffff }),
    );
    for (const [x, y] of [
      [0, 0],
      [465, 0],
      [0, 465],
      [465, 465],
      [60, 60],
      [405, 405],
    ] as const)
      expect(px(img, x, y)).toBe(0);
    for (const [x, y] of [
      [233, 233],
      [233, 3],
      [3, 233],
      [462, 233],
      [233, 462],
      [80, 80],
    ] as const)
      expect(px(img, x, y)).toBe(0xffffff);
  });

  it('rounds the corners of a square screen with the device radius', () => {
    expect(screenRadiusFor({ shape: 'square', width: 390, height: 450 })).toBe(86);
    expect(screenRadiusFor({ shape: 'round', width: 480, height: 480 })).toBe(240);
    expect(() => screenRadiusFor({ shape: 'square', width: 391, height: 450 })).toThrow(/no square 391x450 device/);
    const img = renderToImage(screen(fullWhite(390, 450), { width: 390, height: 450 }));
    for (const [x, y] of [
      [0, 0],
      [389, 0],
      [0, 449],
      [389, 449],
      [15, 15],
    ] as const)
      expect(px(img, x, y)).toBe(0);
    for (const [x, y] of [
      [195, 0],
      [0, 225],
      [389, 225],
      [195, 449],
      [40, 40],
    ] as const)
      expect(px(img, x, y)).toBe(0xffffff);
  });

  it('uses the page background inside the screen', () => {
    const img = renderToImage(screen([], { background: 0x123456 }), SQUARE);
    expect(px(img, 100, 100)).toBe(0x123456);
  });
});

describe('renderScreen', () => {
  it('writes a PNG of the same pixels, the same bytes every time', () => {
    const snap = screen(
      [
        node('FILL_RECT', { x: 10, y: 10, w: 50, h: 50, color: 0xfc6950, radius: 8 }),
        node('TEXT', {
          x: 0,
          y: 80,
          w: 200,
          h: 40,
          text: 'Wrist Wallet 腕上钱包',
          text_size: 18,
          align_h: align.CENTER_H,
        }),
      ],
      { width: 320, height: 380 },
    );
    const a = renderScreen(snap);
    expect(renderScreen(snap).equals(a)).toBe(true);
    const png = PNG.sync.read(a);
    expect([png.width, png.height]).toEqual([320, 380]);
    expect(bytes(png.data).equals(bytes(renderToImage(snap).data))).toBe(true);
  });

  it('rejects a screen size that is not a positive integer', () => {
    expect(() => renderScreen(screen([], { width: 0 }), SQUARE)).toThrow(/positive integers/);
    expect(() => renderScreen(screen([], { height: 10.5 }), SQUARE)).toThrow(/positive integers/);
  });
});

describe('renderToImage: TEXT', () => {
  const textBox = { x: 30, y: 60, w: 140, h: 70 };

  it('draws text only inside its box, whatever the text, alignment and style', () => {
    const alphabet = fc.constantFrom(...'Wallet Pay 0123456789 Кошелёк 腕上钱包 ¥$€.,\n'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 1, maxLength: 60 }).map((a) => a.join('')),
        fc.constantFrom(align.LEFT, align.CENTER_H, align.RIGHT),
        fc.constantFrom(align.TOP, align.CENTER_V, align.BOTTOM),
        fc.constantFrom(text_style.NONE, text_style.WRAP, text_style.ELLIPSIS),
        fc.integer({ min: 10, max: 48 }),
        (text, align_h, align_v, style, size) => {
          const img = renderToImage(
            screen([node('TEXT', { ...textBox, text, text_size: size, align_h, align_v, text_style: style })]),
            SQUARE,
          );
          const ink = inkBox(img, 0);
          if (ink) {
            expect(ink.minX).toBeGreaterThanOrEqual(textBox.x);
            expect(ink.minY).toBeGreaterThanOrEqual(textBox.y);
            expect(ink.maxX).toBeLessThan(textBox.x + textBox.w);
            expect(ink.maxY).toBeLessThan(textBox.y + textBox.h);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([
    ['en-US', 'Wrist Wallet'],
    ['zh-CN', '腕上钱包'],
    ['ru-RU', 'Кошелёк'],
  ])('draws %s text with real glyphs', (_, text) => {
    const img = renderToImage(screen([node('TEXT', { ...textBox, text, text_size: 24, color: 0xffffff })]), SQUARE);
    const ink = inkBox(img, 0);
    expect(ink).not.toBeNull();
    expect(ink!.count).toBeGreaterThan(80);
  });

  it('has distinct glyphs for Chinese and Cyrillic letters (no missing-glyph boxes)', () => {
    const glyph = (ch: string) =>
      bytes(
        renderToImage(
          screen([node('TEXT', { x: 0, y: 0, w: 60, h: 60, text: ch, text_size: 40 })], { width: 60, height: 60 }),
          SQUARE,
        ).data,
      );
    for (const [a, b] of [
      ['腕', '钱'],
      ['包', '上'],
      ['ж', 'ё'],
      ['Д', 'Ы'],
    ] as const) {
      expect(glyph(a).equals(glyph(b))).toBe(false);
    }
  });

  it('aligns the text left, centre and right in its box', () => {
    const inkFor = (align_h: number) =>
      inkBox(
        renderToImage(
          screen([node('TEXT', { ...textBox, text: 'Pay', text_size: 24, align_h, align_v: align.CENTER_V })]),
          SQUARE,
        ),
        0,
      )!;
    const left = inkFor(align.LEFT),
      centre = inkFor(align.CENTER_H),
      right = inkFor(align.RIGHT);
    expect(left.minX - textBox.x).toBeLessThan(5);
    expect(textBox.x + textBox.w - 1 - right.maxX).toBeLessThan(5);
    expect(Math.abs((centre.minX + centre.maxX) / 2 - (textBox.x + textBox.w / 2))).toBeLessThan(3);
    expect(Math.abs((centre.minY + centre.maxY) / 2 - (textBox.y + textBox.h / 2))).toBeLessThan(6);
  });

  it('wraps with WRAP, keeps one line otherwise', () => {
    const text = 'one two three four five six';
    const height = (style: number) => {
      const ink = inkBox(
        renderToImage(
          screen([node('TEXT', { x: 10, y: 10, w: 100, h: 180, text, text_size: 20, text_style: style })]),
          SQUARE,
        ),
        0,
      )!;
      return ink.maxY - ink.minY;
    };
    expect(height(text_style.WRAP)).toBeGreaterThan(60);
    expect(height(text_style.NONE)).toBeLessThan(25);
    expect(height(text_style.ELLIPSIS)).toBeLessThan(25);
  });

  it('uses text_i18n in the language asked for, en-US otherwise', () => {
    const snap = screen([node('TEXT', { ...textBox, text_i18n: { 'en-US': 'Pay', 'zh-CN': '付款' }, text_size: 24 })]);
    const en = renderToImage(snap, SQUARE).data;
    const zh = renderToImage(snap, { ...SQUARE, locale: 'zh-CN' }).data;
    const ru = renderToImage(snap, { ...SQUARE, locale: 'ru-RU' }).data;
    expect(bytes(en).equals(bytes(zh))).toBe(false);
    expect(bytes(en).equals(bytes(ru))).toBe(true);
  });

  it('throws on an alignment or style the OS does not have', () => {
    const bad = (extra: Record<string, unknown>) => () =>
      renderToImage(screen([node('TEXT', { ...textBox, text: 'x', ...extra })]), SQUARE);
    expect(bad({ align_h: 12345 })).toThrow(/align_h/);
    expect(bad({ align_v: 'middle' })).toThrow(/align_v/);
    expect(bad({ text_style: 99 })).toThrow(/text_style/);
  });
});

describe('renderToImage: BUTTON, IMG, containers', () => {
  it('draws a BUTTON background with its radius and centred text', () => {
    const img = renderToImage(
      screen([
        node('BUTTON', {
          x: 20,
          y: 50,
          w: 160,
          h: 60,
          radius: 20,
          normal_color: 0x3355ff,
          press_color: 0x0000ff,
          text: 'OK',
          color: 0xffffff,
          text_size: 28,
        }),
      ]),
      SQUARE,
    );
    expect(px(img, 20, 50)).toBe(0);
    expect(px(img, 30, 80)).toBe(0x3355ff);
    const text = inkBox(img, 0x3355ff, { x: 40, y: 55, w: 120, h: 50 })!;
    expect(Math.abs((text.minX + text.maxX) / 2 - 100)).toBeLessThan(3);
  });

  it('draws an IMG from the assets folder and refuses a missing one', () => {
    const img = renderToImage(
      screen([node('IMG', { x: 10, y: 10, src: 'icon.png' })], { width: 480, height: 480, shape: 'round' }),
    );
    const ink = inkBox(img, 0)!;
    expect(ink.minX).toBeGreaterThanOrEqual(10);
    expect(ink.count).toBeGreaterThan(100);
    expect(() => renderToImage(screen([node('IMG', { x: 0, y: 0, src: 'nope.png' })]), SQUARE)).toThrow(
      /cannot read image "nope.png"/,
    );
    expect(() => renderToImage(screen([node('IMG', { x: 0, y: 0, src: '../package.json' })]), SQUARE)).toThrow(
      /inside the assets folder/,
    );
  });

  it('clips VIEW_CONTAINER children to the container and scrolls them by pos_y', () => {
    const child = node('FILL_RECT', { x: -50, y: 0, w: 400, h: 400, color: 0xff00ff });
    const marker = node('FILL_RECT', { x: 0, y: 100, w: 10, h: 10, color: 0x00ffff });
    const container = (pos_y: number) =>
      node('VIEW_CONTAINER', { x: 40, y: 40, w: 100, h: 120, pos_y }, { children: [child, marker] });
    const img = renderToImage(screen([container(0)]), SQUARE);
    expect(inkBox(img, 0)).toMatchObject({ minX: 40, minY: 40, maxX: 139, maxY: 159 });
    expect(px(img, 40, 140)).toBe(0x00ffff);
    const scrolled = renderToImage(screen([container(-50)]), SQUARE);
    expect(px(scrolled, 40, 90)).toBe(0x00ffff);
    expect(px(scrolled, 40, 140)).toBe(0xff00ff);
  });

  it('draws a SCROLL_LIST item per data row', () => {
    const img = renderToImage(
      screen([
        node('SCROLL_LIST', {
          x: 0,
          y: 0,
          w: 200,
          h: 200,
          item_space: 10,
          item_config: [
            {
              type_id: 1,
              item_height: 50,
              item_bg_color: 0x222222,
              item_bg_radius: 0,
              text_view: [{ x: 10, y: 0, w: 180, h: 50, key: 'name', color: 0xffffff, text_size: 20 }],
              text_view_count: 1,
            },
          ],
          item_config_count: 1,
          data_array: [{ name: 'Metro' }, { name: 'Bus' }],
          data_count: 2,
        }),
      ]),
      SQUARE,
    );
    expect(px(img, 195, 5)).toBe(0x222222);
    expect(px(img, 195, 55)).toBe(0);
    expect(px(img, 195, 65)).toBe(0x222222);
    expect(px(img, 195, 125)).toBe(0);
    expect(inkBox(img, 0x222222, { x: 10, y: 0, w: 180, h: 50 })).not.toBeNull();
  });
});

describe('status bar of square screens', () => {
  it('is drawn over the page: 64 px of black with the title on the left and the time on the right', () => {
    const page = [node('FILL_RECT', { x: 0, y: 0, w: 200, h: 200, color: 0x0000ff })];
    const bar = { height: 64, title: 'Wallet', time: '09:41' };
    const img = renderToImage(screen(page, { statusBar: bar }), { screenRadius: 0 });
    expect(px(img, 100, 70)).toBe(0x0000ff); // below the bar: the page
    expect(px(img, 100, 2)).toBe(0); // the bar's background
    const left = inkBox(img, 0, { x: 0, y: 0, w: 100, h: 64 });
    const right = inkBox(img, 0, { x: 100, y: 0, w: 100, h: 64 });
    expect(left && right, 'text on both sides').toBeTruthy();
    expect(left!.minY).toBeGreaterThan(10);
    expect(left!.maxY).toBeLessThan(54);
    expect(renderToImage(screen(page, { statusBar: null }), { screenRadius: 0 }).data).toEqual(
      renderToImage(screen(page), { screenRadius: 0 }).data,
    );
  });
});
