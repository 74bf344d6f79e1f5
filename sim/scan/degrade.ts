// Pixel images for scanner tests: paint rectangles on white, and degrade a copy the way a
// camera at a distance would see it (downscaled with area averaging, then a gaussian blur).
import type { RgbaImage } from './scanner';

export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A width x height image filled with one colour (default white). */
export function blankImage(width: number, height: number, rgb = 0xffffff): RgbaImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error('image: width and height must be whole numbers > 0');
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = (rgb >> 16) & 255;
    data[i + 1] = (rgb >> 8) & 255;
    data[i + 2] = rgb & 255;
    data[i + 3] = 255;
  }
  return { width, height, data };
}

/** Fills the rectangles (clipped to the image) with a colour (default black), in place. */
export function fillRects(image: RgbaImage, rects: PixelRect[], rgb = 0x000000): RgbaImage {
  for (const r of rects) {
    const x0 = Math.max(0, Math.floor(r.x));
    const y0 = Math.max(0, Math.floor(r.y));
    const x1 = Math.min(image.width, Math.floor(r.x + r.w));
    const y1 = Math.min(image.height, Math.floor(r.y + r.h));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * image.width + x) * 4;
        image.data[i] = (rgb >> 16) & 255;
        image.data[i + 1] = (rgb >> 8) & 255;
        image.data[i + 2] = rgb & 255;
        image.data[i + 3] = 255;
      }
    }
  }
  return image;
}

/** Resamples to round(width * scale) x round(height * scale): each output pixel averages the source area it covers. */
export function scaleImage(image: RgbaImage, scale: number): RgbaImage {
  if (!(scale > 0)) throw new Error('scale must be > 0');
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const out = new Uint8ClampedArray(w * h * 4);
  const fx = image.width / w;
  const fy = image.height / h;
  const acc = new Float64Array(4);
  for (let oy = 0; oy < h; oy++) {
    const sy0 = oy * fy;
    const sy1 = sy0 + fy;
    for (let ox = 0; ox < w; ox++) {
      const sx0 = ox * fx;
      const sx1 = sx0 + fx;
      acc.fill(0);
      let total = 0;
      for (let sy = Math.floor(sy0); sy < Math.min(image.height, Math.ceil(sy1)); sy++) {
        const wy = Math.min(sy + 1, sy1) - Math.max(sy, sy0);
        for (let sx = Math.floor(sx0); sx < Math.min(image.width, Math.ceil(sx1)); sx++) {
          const wgt = wy * (Math.min(sx + 1, sx1) - Math.max(sx, sx0));
          const i = (sy * image.width + sx) * 4;
          for (let c = 0; c < 4; c++) acc[c]! += wgt * image.data[i + c]!;
          total += wgt;
        }
      }
      const o = (oy * w + ox) * 4;
      for (let c = 0; c < 4; c++) out[o + c] = acc[c]! / total;
    }
  }
  return { width: w, height: h, data: out };
}

/** Gaussian blur with standard deviation sigma pixels (separable, edges clamped). */
export function blurImage(image: RgbaImage, sigma: number): RgbaImage {
  if (!(sigma >= 0)) throw new Error('blur must be >= 0');
  if (sigma === 0) return { width: image.width, height: image.height, data: image.data.slice() };
  const radius = Math.ceil(sigma * 3);
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) sum += kernel[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
  for (let k = 0; k < kernel.length; k++) kernel[k]! /= sum;
  const pass = (src: Uint8ClampedArray, dx: number, dy: number): Uint8ClampedArray => {
    const { width: w, height: h } = image;
    const dst = new Uint8ClampedArray(src.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let c = 0; c < 4; c++) {
          let v = 0;
          for (let k = -radius; k <= radius; k++) {
            const sx = Math.min(w - 1, Math.max(0, x + k * dx));
            const sy = Math.min(h - 1, Math.max(0, y + k * dy));
            v += kernel[k + radius]! * src[(sy * w + sx) * 4 + c]!;
          }
          dst[(y * w + x) * 4 + c] = v;
        }
      }
    }
    return dst;
  };
  return { width: image.width, height: image.height, data: pass(pass(image.data, 1, 0), 0, 1) };
}

/** A copy as a camera further away would see it: scaled with smoothing, then blurred (~0.7 px). */
export function degrade(image: RgbaImage, scale: number, blurPx = 0.7): RgbaImage {
  return blurImage(scaleImage(image, scale), blurPx);
}
