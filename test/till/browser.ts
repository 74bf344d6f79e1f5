// Headless Chromium for the till's browser tests (Debian's /usr/bin/chromium, driven by
// playwright-core; no browser is downloaded), and a fake camera: a Y4M video made from a picture.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { RgbaImage } from '../../sim/render/render';

/** Chromium's path: $CHROMIUM, /usr/bin/chromium, or `chromium` on PATH; undefined if none. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A YUV4MPEG2 (.y4m) video of `frames` identical frames: the picture centred on a white canvas
 * of width x height (even numbers), 4:2:0 with JPEG (full-range BT.601) colours, as Chromium's
 * --use-file-for-fake-video-capture reads it. The format: one header line, then per frame
 * "FRAME\n", the Y plane (width x height bytes), then U and V at half resolution each way.
 */
export function y4mFromImage(image: RgbaImage, width: number, height: number, frames = 2, scale = 1): Buffer {
  if (width % 2 || height % 2) throw new Error('y4m: width and height must be even');
  const w = image.width * scale;
  const h = image.height * scale;
  const ox = Math.floor((width - w) / 2);
  const oy = Math.floor((height - h) / 2);
  const rgb = (x: number, y: number): [number, number, number] => {
    const sx = Math.floor((x - ox) / scale);
    const sy = Math.floor((y - oy) / scale);
    if (x < ox || y < oy || sx >= image.width || sy >= image.height) return [255, 255, 255];
    const i = (sy * image.width + sx) * 4;
    return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
  };
  const Y = Buffer.alloc(width * height);
  const U = Buffer.alloc((width / 2) * (height / 2));
  const V = Buffer.alloc((width / 2) * (height / 2));
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y);
      Y[y * width + x] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let u = 0;
      let v = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const [r, g, b] = rgb(x + dx, y + dy);
        u += -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
        v += 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
      }
      U[(y / 2) * (width / 2) + x / 2] = clamp(u / 4);
      V[(y / 2) * (width / 2) + x / 2] = clamp(v / 4);
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), Y, U, V]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}
