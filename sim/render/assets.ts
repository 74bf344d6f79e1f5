// Fonts and images for the screen renderer. Both come from files on disk inside the repo or
// node_modules, never from the system, so a rendered PNG is the same on every machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts, type Canvas } from '@napi-rs/canvas';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);

/** Repo root (this file lives in sim/render/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Family names of our own, so nothing installed on the machine can answer for them.
const LATIN_FAMILY = 'WristWallet DejaVu Sans';
const CJK_FAMILY = 'WristWallet Noto Sans SC';

/** The font files the renderer draws with: DejaVu Sans (Latin, Cyrillic), Noto Sans Hans (GB2312 Chinese). */
export const FONT_FILES = {
  latin: join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf'),
  // The package exports only its dist/ entry; the fonts sit beside dist/.
  cjk: join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf'),
};

let registered = false;

/** Registers the fonts with @napi-rs/canvas (a process-wide registry) once; returns the CSS font stack. */
export function fontStack(): string {
  if (!registered) {
    for (const [family, path] of [
      [LATIN_FAMILY, FONT_FILES.latin],
      [CJK_FAMILY, FONT_FILES.cjk],
    ] as const) {
      if (!GlobalFonts.registerFromPath(path, family)) throw new Error(`render: cannot load font ${path}`);
    }
    registered = true;
  }
  return `"${LATIN_FAMILY}", "${CJK_FAMILY}"`;
}

/** CSS font shorthand for a Zepp OS text_size. */
export function cssFont(sizePx: number): string {
  return `${sizePx}px ${fontStack()}`;
}

/**
 * Loads PNG assets of one screen shape (assets/common.r or assets/common.s), decoded once per loader.
 * A missing or non-PNG asset throws: on the watch it would show nothing, here it must fail the test.
 */
export class AssetLoader {
  private readonly cache = new Map<string, Canvas>();

  constructor(readonly dir: string) {}

  static forShape(shape: 'round' | 'square' | 'band', assetsRoot = join(REPO_ROOT, 'assets')): AssetLoader {
    return new AssetLoader(join(assetsRoot, shape === 'round' ? 'common.r' : 'common.s'));
  }

  image(src: string): Canvas {
    const hit = this.cache.get(src);
    if (hit) return hit;
    if (src === '' || src.startsWith('/') || src.split('/').includes('..')) {
      throw new Error(`render: image src must be a path inside the assets folder, got ${JSON.stringify(src)}`);
    }
    const path = join(this.dir, src);
    let png: PNG;
    try {
      png = PNG.sync.read(readFileSync(path));
    } catch (e) {
      throw new Error(`render: cannot read image ${JSON.stringify(src)} (${path}): ${(e as Error).message}`, {
        cause: e,
      });
    }
    const canvas = createCanvas(png.width, png.height);
    const ctx = canvas.getContext('2d');
    const data = ctx.createImageData(png.width, png.height);
    data.data.set(png.data);
    ctx.putImageData(data, 0, 0);
    this.cache.set(src, canvas);
    return canvas;
  }
}
