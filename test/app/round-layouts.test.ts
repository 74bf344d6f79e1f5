// The round layouts (lock, PIN keypad, pay/ride, text lists) on every round screen size the app targets,
// held to a snapshot (__snapshots__/round-layouts.test.ts.snap). The snapshot was written by the layouts
// before they shared page/common/centred-box.ts, so it proves that change moved no pixel; a deliberate
// layout change updates it with `npx vitest run -u test/app/round-layouts.test.ts` (and a look at the pictures).
import { describe, expect, it } from 'vitest';
import { layout as lock } from '../../page/common/lock.r.layout';
import { layout as list } from '../../page/common/list.r.layout';
import { layout as pay } from '../../page/pay/index.r.layout';
import { layout as pin } from '../../page/pin/index.r.layout';
import { loadTargetDevices } from '../../reference/devices';

const SIZES = [
  ...new Set(
    loadTargetDevices()
      .filter((d) => d.shape === 'round')
      .map((d) => `${d.width}x${d.height}`),
  ),
].sort();

describe('round layouts', () => {
  it('cover the round target sizes', () => {
    // The five round sizes of reference/zepp-devices.tsv; a new one needs its snapshot entry written.
    expect(SIZES).toEqual(['360x360', '416x416', '454x454', '466x466', '480x480']);
  });

  it.each(SIZES)('%s: same geometry as the snapshot', (size) => {
    const [w, h] = size.split('x').map(Number) as [number, number];
    const l = list.geometry(w, h);
    // row() is a function of where the row sits: sampled at the first row and further down.
    const rows = [l.top, l.top + 200].map((y) => l.row(y, Math.round(h * 0.1)));
    expect({
      lock: lock.geometry(w, h),
      pin: pin.geometry(w, h),
      pay: pay.geometry(w, h),
      list: { ...l, row: rows },
    }).toMatchSnapshot();
  });
});
