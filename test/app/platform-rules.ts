// Platform rules the simulator now models (sim/README.md), checked on the real pages:
// - square screens carry the system status bar (64 px): no page text may lie under it, and the pay
//   page hides it while it shows a code, giving it back when it goes;
// - the top-most widget under the finger takes a tap: the pay page's mode switch must work wherever
//   the finger lands on the code, dark module or light gap;
// - widgets cost the watch: a refresh of the pay page makes and keeps at most 150.
// platform-rules.test.ts (fast lane) runs the suite on the smallest round and the smallest square
// preview screen; platform-rules.slow.test.ts (slow lane) on all five preview devices.
import { afterEach, describe, expect, it } from 'vitest';
import { layout as roundPay } from '../../page/pay/index.r.layout';
import { layout as squarePay } from '../../page/pay/index.s.layout';
import { nextMode, payView, type CodeMode } from '../../lib/wallet/pay-view';
import { WALLET_STORAGE_KEY, type Wallet } from '../../lib/wallet/wallet';
import type { Rect } from '../../lib/codes/rects';
import { loadDevices } from '../../reference/devices';
import { manifestPages, readAppManifest } from '../../sim/kernel/app-manifest';
import { PROJECT_ROOT } from '../../sim/kernel/bundle';
import { PREVIEW_NOW, statesFor } from '../../sim/cli/preview-states';
import { openPageOffline, type OfflinePage } from '../../sim/render/page';
import type { WidgetNode } from '../../sim/render/screen-model';
import { STATUS_BAR_HEIGHT } from '../../sim/zos/ui';
import { lease, lockEntry, T0 } from '../../sim/fixtures/wallet';

const MODES: CodeMode[] = ['barcode', 'qr', 'emv'];
const PAY = 'page/pay/index.page';

let open: OfflinePage | null = null;

const wallet: Wallet = { v: 1, lease: lease(), last: null, syncedAt: null, clockOffsetMs: 0 };
// Unlocked (sim/fixtures/wallet.ts lockEntry): the pay page shows its code.
const storage = { [WALLET_STORAGE_KEY]: JSON.stringify(wallet), ...Object.fromEntries([lockEntry(T0)]) };

/** What the pay page lays out for a mode: the same inputs as page/pay (page/common/screen.ts deviceScreen). */
function expectedLayout(device: string, mode: CodeMode, now: number) {
  const d = loadDevices().find((x) => x.name === device)!;
  const round = d.shape === 'round';
  const screen = { width: d.width, height: d.height, cornerRadius: round ? d.width / 2 : Math.ceil(d.width / 4) };
  const view = payView(wallet, now, mode, screen, (round ? roundPay : squarePay).geometry(d.width, d.height));
  if (view.kind !== 'code') throw new Error('expected a code');
  return view.layout;
}

const inside = (r: Rect, x: number, y: number): boolean => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;

/** Points on the code: the centres of dark rectangles and light pixels between them, spread over the code. */
function pointsOn(layout: { bounds: Rect; rects: Rect[] }): Array<{ x: number; y: number; dark: boolean }> {
  const { bounds: b, rects } = layout;
  const out: Array<{ x: number; y: number; dark: boolean }> = [];
  for (let i = 0; i < 6; i++) {
    const r = rects[Math.floor((i * rects.length) / 6)]!;
    out.push({ x: r.x + Math.floor(r.w / 2), y: r.y + Math.floor(r.h / 2), dark: true });
  }
  for (let gy = 1; gy < 8 && out.length < 12; gy++) {
    for (let gx = 1; gx < 8 && out.length < 12; gx++) {
      const x = b.x + Math.floor((gx * b.w) / 8),
        y = b.y + Math.floor((gy * b.h) / 8);
      if (!rects.some((r) => inside(r, x, y))) out.push({ x, y, dark: false });
    }
  }
  out.push({ x: b.x + 1, y: b.y + 1, dark: false }); // the quiet zone's corner
  return out;
}

/** Every visible widget with its absolute box. */
function boxes(nodes: WidgetNode[], dx = 0, dy = 0): Array<{ node: WidgetNode; box: Rect }> {
  return nodes.flatMap((n) => {
    if (!n.visible) return [];
    const num = (k: string) => (typeof n.props[k] === 'number' ? (n.props[k] as number) : 0);
    const box = { x: num('x') + dx, y: num('y') + dy, w: num('w'), h: num('h') };
    return [{ node: n, box }, ...boxes(n.children, box.x, box.y)];
  });
}

/** The platform rules on `devices` (the square ones of them for the status bar). */
export function platformRulesSuite(devices: string[]): void {
  const SQUARE = devices.filter((name) => loadDevices().find((d) => d.name === name)!.shape === 'square');
  afterEach(async () => {
    await open?.close();
    open = null;
  });

  describe('square status bar (docs: multi-screen-adaption.mdx)', () => {
    const pages = manifestPages(readAppManifest(PROJECT_ROOT), 'test');
    const cases = SQUARE.flatMap((device) =>
      pages.flatMap((page) => statesFor(page).map((state) => ({ device, page, state }))),
    );

    it.each(cases)('$device $page $state.name: no text under the status bar', async ({ device, page, state }) => {
      open = await openPageOffline({
        device,
        page,
        startMs: PREVIEW_NOW,
        ...(state.storage ? { storage: state.storage } : {}),
        ...(state.taps ? { taps: state.taps } : {}),
      });
      const snap = open.snapshot();
      const codeShown = snap.widgets.some(
        (w) => w.type === 'CANVAS' || (w.type === 'FILL_RECT' && w.props.color === 0xffffff),
      );
      if (page === PAY && codeShown)
        expect(snap.statusBar ?? null, 'the pay page hides the bar while a code shows').toBeNull();
      if (!snap.statusBar) return;
      expect(snap.statusBar.height).toBe(STATUS_BAR_HEIGHT);
      const under = boxes(snap.widgets)
        .filter(
          ({ node }) =>
            (node.type === 'TEXT' || node.type === 'BUTTON') &&
            typeof node.props.text === 'string' &&
            node.props.text !== '',
        )
        .filter(({ box }) => box.y < STATUS_BAR_HEIGHT && box.y + box.h > 0)
        .map(({ node, box }) => `${node.type} ${JSON.stringify(node.props.text)} at y ${box.y}`);
      expect(under).toEqual([]);
      expect(open.watch.errors).toEqual([]);
    });

    it.each(SQUARE)('%s: the bar is back on the home page after the pay page', async (device) => {
      open = await openPageOffline({ device, page: 'page/home/index.page', startMs: T0, storage });
      expect(open.snapshot().statusBar).toBeTruthy();
      await open.watch.tap('Pay');
      await open.clock.settle();
      expect(open.watch.page).toBe(PAY);
      expect(open.snapshot().statusBar ?? null).toBeNull();
      await open.watch.back();
      expect(open.watch.page).toBe('page/home/index.page');
      expect(open.snapshot().statusBar).toBeTruthy();
      expect(open.watch.errors).toEqual([]);
    });
  });

  describe('pay page: a tap anywhere on the code switches the mode (the top-most widget takes a tap)', () => {
    it.each(devices)('%s: taps on dark modules and light gaps, in every mode, all switch', async (device) => {
      open = await openPageOffline({ device, page: PAY, startMs: T0, storage });
      const now = open.clock.now();
      let mode: CodeMode = 'barcode';
      const plan = MODES.flatMap((m) => pointsOn(expectedLayout(device, m, now)).map((p) => ({ ...p, mode: m })));
      let darkTaps = 0;
      // Walk: each tap is made at a point of the code now shown and must move to the next mode's code.
      for (let round = 0; round < 12; round++) {
        for (const m of MODES) {
          expect(mode).toBe(m);
          const points = plan.filter((p) => p.mode === m);
          const p = points[round % points.length]!;
          if (p.dark) darkTaps++;
          await open.watch.tap({ x: p.x, y: p.y });
          await open.clock.settle();
          mode = nextMode(mode);
          const next = expectedLayout(device, mode, now).bounds;
          const code = boxes(open.snapshot().widgets).find(
            ({ node, box }) =>
              (node.type === 'CANVAS' || node.type === 'FILL_RECT') &&
              box.x === next.x &&
              box.y === next.y &&
              box.w === next.w &&
              box.h === next.h,
          );
          expect(
            code,
            `${device}: after a tap at (${p.x}, ${p.y}) on the ${m} (${p.dark ? 'dark' : 'light'}), the ${mode} shows`,
          ).toBeDefined();
        }
      }
      expect(darkTaps).toBeGreaterThan(10);
      expect(open.watch.errors).toEqual([]);
    });
  });

  describe('pay page: widgets per refresh (at most 150)', () => {
    it.each(devices)('%s: every mode makes and keeps at most 150 widgets per refresh', async (device) => {
      open = await openPageOffline({ device, page: PAY, startMs: T0, storage });
      for (const mode of MODES) {
        const before = open.watch.widgetStats;
        const step = wallet.lease!.step * 1000;
        await open.clock.advance(step - (open.clock.now() % step) + 10); // the next step: a new code
        const after = open.watch.widgetStats;
        expect(after.created - before.created, `${device} ${mode}: created per refresh`).toBeGreaterThan(0);
        expect(after.created - before.created, `${device} ${mode}: created per refresh`).toBeLessThanOrEqual(150);
        expect(after.alive, `${device} ${mode}: alive`).toBeLessThanOrEqual(150);
        // to the next mode: a tap in the middle of the code
        const b = expectedLayout(device, mode, open.clock.now()).bounds;
        await open.watch.tap({ x: b.x + Math.floor(b.w / 2), y: b.y + 1 });
        await open.clock.settle();
      }
      expect(open.watch.errors).toEqual([]);
    });
  });
}
