// Dark modules -> few filled rectangles, so a page draws a code with a few dozen FILL_RECT
// widgets (or canvas drawRect calls) instead of one per module.

/** An axis-aligned rectangle: in modules from these functions, in screen pixels after layout. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A grid of modules, row-major, 1 = dark. */
export interface ModuleGrid {
  width: number;
  height: number;
  modules: Uint8Array;
}

function checkGrid(g: ModuleGrid): void {
  if (!Number.isInteger(g.width) || !Number.isInteger(g.height) || g.width < 0 || g.height < 0) {
    throw new Error('module grid: width and height must be whole numbers >= 0');
  }
  if (g.modules.length !== g.width * g.height) {
    throw new Error(`module grid: expected ${g.width * g.height} modules, got ${g.modules.length}`);
  }
}

/** One rectangle per run of dark modules in a row: the baseline the merged cover is measured against. */
export function rowRunRects(g: ModuleGrid): Rect[] {
  checkGrid(g);
  const out: Rect[] = [];
  for (let y = 0; y < g.height; y++) {
    const row = y * g.width;
    for (let x = 0; x < g.width;) {
      if (g.modules[row + x] === 0) {
        x++;
        continue;
      }
      const start = x;
      while (x < g.width && g.modules[row + x] === 1) x++;
      out.push({ x: start, y, w: x - start, h: 1 });
    }
  }
  return out;
}

/**
 * Row runs, with a run merged into the one above when both have the same columns. Never more
 * rectangles than row runs; no overlaps.
 */
export function stackedRunRects(g: ModuleGrid): Rect[] {
  const out: Rect[] = [];
  const open = new Map<number, Rect>(); // x * (width + 1) + w -> the rectangle ending on the row above
  for (const run of rowRunRects(g)) {
    const key = run.x * (g.width + 1) + run.w;
    const above = open.get(key);
    if (above && above.y + above.h === run.y) above.h++;
    else {
      open.set(key, run);
      out.push(run);
    }
  }
  return out;
}

/**
 * Covers exactly the dark modules with few rectangles. Greedy: at each dark module not yet
 * covered (raster order), try a rectangle grown right-then-down and one grown down-then-right,
 * both over dark modules only, and keep the one that covers more new modules. Rectangles may
 * overlap (over dark modules only): drawing a dark module twice is harmless, and allowing it
 * saves rectangles. The greedy can lose on odd shapes, so the result is the smaller of it and
 * stackedRunRects. On 20-digit payment codes this gives about a third of the dark-module count
 * (row runs alone: about half).
 */
export function coverRects(g: ModuleGrid): Rect[] {
  const greedy = greedyRects(g);
  const stacked = stackedRunRects(g);
  return greedy.length <= stacked.length ? greedy : stacked;
}

function greedyRects(g: ModuleGrid): Rect[] {
  checkGrid(g);
  const { width: w, height: h, modules: m } = g;
  const covered = new Uint8Array(w * h);
  const out: Rect[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (m[i] === 0 || covered[i] === 1) continue;
      const a = growRightThenDown(m, w, h, x, y);
      const b = growDownThenRight(m, w, h, x, y);
      const best = newlyCovered(covered, w, a) >= newlyCovered(covered, w, b) ? a : b;
      for (let yy = best.y; yy < best.y + best.h; yy++) covered.fill(1, yy * w + best.x, yy * w + best.x + best.w);
      out.push(best);
    }
  }
  return out;
}

function rowDark(m: Uint8Array, w: number, x: number, y: number, len: number): boolean {
  for (let k = y * w + x, end = k + len; k < end; k++) if (m[k] === 0) return false;
  return true;
}

function growRightThenDown(m: Uint8Array, w: number, h: number, x: number, y: number): Rect {
  let rw = 1;
  while (x + rw < w && m[y * w + x + rw] === 1) rw++;
  let rh = 1;
  while (y + rh < h && rowDark(m, w, x, y + rh, rw)) rh++;
  return { x, y, w: rw, h: rh };
}

function growDownThenRight(m: Uint8Array, w: number, h: number, x: number, y: number): Rect {
  let rh = 1;
  while (y + rh < h && m[(y + rh) * w + x] === 1) rh++;
  let rw = 1;
  grow: while (x + rw < w) {
    for (let k = 0; k < rh; k++) if (m[(y + k) * w + x + rw] === 0) break grow;
    rw++;
  }
  return { x, y, w: rw, h: rh };
}

function newlyCovered(covered: Uint8Array, w: number, r: Rect): number {
  let n = 0;
  for (let yy = r.y; yy < r.y + r.h; yy++) {
    for (let k = yy * w + r.x, end = k + r.w; k < end; k++) if (covered[k] === 0) n++;
  }
  return n;
}

/** The bars of a linear barcode: each run of 1s as [start, length] in modules. */
export function barRuns(modules: Uint8Array): Array<{ x: number; w: number }> {
  const out: Array<{ x: number; w: number }> = [];
  for (let x = 0; x < modules.length;) {
    if (modules[x] === 0) {
      x++;
      continue;
    }
    const start = x;
    while (x < modules.length && modules[x] === 1) x++;
    out.push({ x: start, w: x - start });
  }
  return out;
}
