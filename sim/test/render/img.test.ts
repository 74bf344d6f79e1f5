import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderToImage } from '../../render/render';
import { inkBox, node, px, screen } from './pixels';

// A 20 x 10 picture: left half red, right half blue.
let assetsDir = '';
beforeAll(() => {
  assetsDir = mkdtempSync(join(tmpdir(), 'render-img-'));
  const png = new PNG({ width: 20, height: 10 });
  for (let y = 0; y < 10; y++) {
    for (let x = 0; x < 20; x++) {
      const i = (y * 20 + x) * 4;
      png.data[i] = x < 10 ? 255 : 0;
      png.data[i + 1] = 0;
      png.data[i + 2] = x < 10 ? 0 : 255;
      png.data[i + 3] = 255;
    }
  }
  writeFileSync(join(assetsDir, 'halves.png'), PNG.sync.write(png));
});

const draw = (props: Record<string, unknown>) =>
  renderToImage(screen([node('IMG', { src: 'halves.png', ...props })]), { screenRadius: 0, assetsDir });

describe('IMG', () => {
  it('draws the picture at its own size at (x, y)', () => {
    const img = draw({ x: 50, y: 60 });
    expect(px(img, 52, 62)).toBe(0xff0000);
    expect(px(img, 65, 62)).toBe(0x0000ff);
    expect(inkBox(img, 0)).toMatchObject({ minX: 50, minY: 60, maxX: 69, maxY: 69 });
  });

  it('moves the picture by pos_x / pos_y inside a w x h widget that clips it', () => {
    const img = draw({ x: 50, y: 60, w: 20, h: 10, pos_x: 10 });
    expect(px(img, 62, 62)).toBe(0xff0000);
    expect(inkBox(img, 0)).toMatchObject({ minX: 60, maxX: 69 });
  });

  it('turns the picture by angle about its centre', () => {
    const img = draw({ x: 50, y: 60, angle: 180 });
    expect(px(img, 52, 62)).toBe(0x0000ff);
    expect(px(img, 67, 62)).toBe(0xff0000);
  });

  it('scales the picture to the widget with auto_scale, keeping its shape unless auto_scale_obj_fit', () => {
    const kept = draw({ x: 0, y: 0, w: 40, h: 40, auto_scale: true });
    expect(inkBox(kept, 0)).toMatchObject({ minX: 0, maxX: 39, minY: 10, maxY: 29 });
    const filled = draw({ x: 0, y: 0, w: 40, h: 40, auto_scale: true, auto_scale_obj_fit: true });
    expect(inkBox(filled, 0)).toMatchObject({ minX: 0, maxX: 39, minY: 0, maxY: 39 });
    expect(px(filled, 5, 35)).toBe(0xff0000);
  });
});
