// Slow lane: the band's ride code (3 px a module, the most a 192-194 px wide band holds: band/page/common/
// layout.ts) painted as the band paints it and read as a gate reads it: scaled 0.8 and blurred 0.7 px, as
// for watches (test/ride/ride-scan.ts), at each of the 25 places a 0.8 scale can put the scanner's pixel
// grid (shifts of 0-4 px across and down), for 4 steps' codes on each band. ZXing-C++ (what sim/cli/reader.ts tries first)
// must read every one; jsQR misses some at this size, so it is held to 3 in 4 and its count is printed
// (docs/ride-codes.md, "On a band").
import { describe, expect, it } from 'vitest';
import { bandLayout, bandRideGeometry } from '../../band/page/common/layout';
import { RIDE_STEP_SECONDS } from '../../lib/ride/format';
import { rideView } from '../../lib/wallet/ride-view';
import { applySync, EMPTY_WALLET } from '../../lib/wallet/wallet';
import { loadBandDevices } from '../../reference/devices';
import { CARD_A, NOW, rideLease } from '../../sim/fixtures/ride';
import { sync } from '../../sim/fixtures/wallet';
import { blankImage, degrade, fillRects } from '../../sim/scan/degrade';
import { decodeQr } from '../../sim/scan/scanner';

const STEPS = 4;
const PHASES = 5;

describe('the band ride code read by a gate from a degraded screen', () => {
  for (const d of loadBandDevices()) {
    it(`${d.name}: ZXing reads every code at every grid phase; jsQR 3 in 4 or more`, { timeout: 120_000 }, async () => {
      const l = bandLayout(d.width, d.height);
      const wallet = applySync(EMPTY_WALLET, sync({ lease: rideLease(3), now: NOW, asOf: NOW }), NOW);
      let zxing = 0;
      let jsqr = 0;
      let n = 0;
      for (let step = 0; step < STEPS; step++) {
        const v = rideView(wallet, NOW + step * RIDE_STEP_SECONDS * 1000, CARD_A, l.screen, bandRideGeometry(l));
        if (v.kind !== 'code') throw new Error(`no code: ${v.titleKey}`);
        expect(v.layout.pxPerModule).toBe(3);
        for (let phase = 0; phase < PHASES * PHASES; phase++) {
          const [sx, sy] = [phase % PHASES, Math.floor(phase / PHASES)];
          const moved = (r: { x: number; y: number; w: number; h: number }) => ({ ...r, x: r.x + sx, y: r.y + sy });
          const painted = fillRects(
            fillRects(blankImage(d.width + sx, d.height + sy, 0x000000), [moved(v.layout.bounds)], 0xffffff),
            v.layout.rects.map(moved),
            0x000000,
          );
          const read = await decodeQr(degrade(painted, 0.8, 0.7));
          n++;
          if (read.zxing === v.payload) zxing++;
          if (read.jsqr === v.payload) jsqr++;
          // A decoder reads the code or nothing: never another code.
          for (const r of [read.zxing, read.jsqr]) if (r !== null) expect(r).toBe(v.payload);
        }
      }
      console.log(`${d.name}: 3 px/module at 0.8 scale: ZXing ${zxing}/${n}, jsQR ${jsqr}/${n}`);
      expect(zxing).toBe(n);
      expect(jsqr).toBeGreaterThanOrEqual(Math.ceil(n * 0.75));
    });
  }
});
