// npm run bench:widgets: what the pay page costs the watch in widgets, per code mode and device.
// For each of the five preview screens (sim/cli/preview.ts) and each mode (barcode, QR, EMV QR), the
// page is opened offline with the preview lease, switched to the mode by a tap on the code, and the
// clock is moved to the next step, so the page draws the next code. Counted by the @zos/ui fake
// (watch.widgetStats): widgets created by that refresh, widgets alive after it, and the rectangles
// drawn (FILL_RECT widgets, or drawRect calls on a CANVAS).
import { openPageOffline, type OfflinePage } from '../sim/render/page';
import { PREVIEW_NOW, PREVIEW_STATES } from '../sim/cli/preview-states';
import type { WidgetNode } from '../sim/render/screen-model';

const DEVICES = ['Amazfit GTR 4', 'Amazfit Balance', 'Amazfit Active Edge', 'Amazfit Active', 'Amazfit Bip 5 Unity'];
const MODES = ['barcode', 'qr', 'emv'] as const;
const STEP_MS = 60_000; // the preview lease's step

const state = PREVIEW_STATES['page/pay/index.page']?.find((s) => s.name === 'barcode');
if (!state?.storage) throw new Error('bench: preview-states has no pay/barcode state');

const all = (nodes: WidgetNode[]): WidgetNode[] => nodes.flatMap((n) => [n, ...all(n.children)]);
const num = (n: WidgetNode, k: string): number => (typeof n.props[k] === 'number' ? (n.props[k] as number) : 0);

/** The code's widget: the CANVAS, or the largest FILL_RECT (the white panel of a FILL_RECT page). */
function codeBox(page: OfflinePage) {
  const nodes = all(page.snapshot().widgets).filter((n) => n.type === 'CANVAS' || n.type === 'FILL_RECT');
  const big = nodes.sort((a, b) => num(b, 'w') * num(b, 'h') - num(a, 'w') * num(a, 'h'))[0];
  if (!big) throw new Error('bench: no code on the pay page');
  return { x: num(big, 'x'), y: num(big, 'y'), w: num(big, 'w'), h: num(big, 'h') };
}

/** A tap on the code that the page takes (points on a grid over it; a swallowed tap changes nothing). */
async function tapCode(page: OfflinePage): Promise<void> {
  const b = codeBox(page);
  const n = 32;
  for (let i = 0; i < n * n; i++) {
    const x = b.x + Math.floor(((i % n) + 0.5) * (b.w / n)),
      y = b.y + Math.floor((Math.floor(i / n) + 0.5) * (b.h / n));
    try {
      await page.watch.tap({ x, y });
      await page.clock.settle();
      return;
    } catch {
      // swallowed by a widget without a handler, or by the status bar: try the next point
    }
  }
  throw new Error('bench: no point on the code switches the mode');
}

function rectanglesDrawn(page: OfflinePage): number {
  return all(page.snapshot().widgets).reduce(
    (n, w) => n + (w.type === 'FILL_RECT' ? 1 : (w.canvasOps ?? []).filter((o) => o.op === 'drawRect').length),
    0,
  );
}

interface Row {
  device: string;
  mode: string;
  created: number;
  alive: number;
  rects: number;
}
const rows: Row[] = [];
for (const device of DEVICES) {
  const page = await openPageOffline({
    device,
    page: 'page/pay/index.page',
    startMs: PREVIEW_NOW,
    storage: state.storage,
  });
  try {
    for (const [i, mode] of MODES.entries()) {
      if (i > 0) await tapCode(page);
      const before = page.watch.widgetStats.created;
      await page.clock.advance(STEP_MS - (page.clock.now() % STEP_MS) + 10);
      const after = page.watch.widgetStats;
      rows.push({ device, mode, created: after.created - before, alive: after.alive, rects: rectanglesDrawn(page) });
    }
  } finally {
    await page.close();
  }
}

console.log('| device | mode | widgets created per refresh | widgets alive | rectangles drawn |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.device} | ${r.mode} | ${r.created} | ${r.alive} | ${r.rects} |`);
const worst = rows.reduce((a, b) => (Math.max(b.created, b.alive) > Math.max(a.created, a.alive) ? b : a));
console.log(`\nworst: ${worst.device} ${worst.mode}: ${worst.created} created per refresh, ${worst.alive} alive`);
