// npm run bench:confirm: what the pay page's confirmation (issue 10) costs in Bluetooth messages and
// HTTP requests, per minute of simulated time, with the pay page closed and open. The real app in the
// simulator against the issuer on loopback (as test/app/wallet-e2e.ts sets it up); counted from the link's
// frame log (sim/kernel/link.ts: every frame either way, ZML's shake and heartbeat frames included)
// and the side service's fetch log. Counts, not timings: the same on any machine.
import { fileURLToPath } from 'node:url';
import { loadDevices } from '../reference/devices';
import { seedWorld, startLocalIssuer } from '../server/world';
import { startSimulator, type FullSimulator } from '../sim/harness';

const DEVICE = process.argv[2] ?? 'Amazfit Balance';
/** A band runs the band app (band/, API 1.0): `-- 'Xiaomi Mi Band 7'`. */
const BAND = loadDevices().find((d) => d.name === DEVICE)?.shape === 'band';
const BAND_APP = fileURLToPath(new URL('../band', import.meta.url));

async function main(): Promise<void> {
  const start = Date.UTC(2026, 10, 25, 9, 0, 0);
  // One clock for the issuer and the watch, as in the app's end-to-end tests.
  const holder: { sim?: FullSimulator } = {};
  const issuer = await startLocalIssuer({
    tmpPrefix: 'bench-confirm-',
    now: () => holder.sim?.clock.now() ?? start,
    config: { rateLimits: { activity: { max: 1000, windowMs: 60_000 } } },
  });
  const { bindingCode } = await seedWorld(issuer.ctx);
  const sim = (holder.sim = await startSimulator({
    device: DEVICE,
    startMs: start,
    ...(BAND ? { appDir: BAND_APP } : {}),
  }));
  await sim.settings.type({ label: 'Wallet address' }, issuer.url);
  await sim.settings.type({ label: 'Binding code' }, bindingCode);
  await sim.settings.press({ label: 'Bind' });
  await sim.clock.until(() => sim.settings.texts().some((t) => t.startsWith('Bound.')), 10_000);
  const w = {
    sim,
    async close() {
      await sim.close();
      await issuer.close();
    },
  };
  // A code on screen: the watches' CANVAS, or a band's white quiet zone (a FILL_RECT).
  const codeShows = () =>
    BAND
      ? sim.watch.snapshot().widgets.some((x) => x.type === 'FILL_RECT' && x.props.color === 0xffffff)
      : sim.watch.find({ type: 'CANVAS' }) !== undefined;
  const openPay = async () => {
    await sim.watch.tap('Pay');
    // First use after binding: the keypad asks for a PIN, twice.
    await sim.clock.until(() => codeShows() || sim.watch.page === 'page/pin/index.page', 10_000);
    for (let i = 0; i < 2 && sim.watch.page === 'page/pin/index.page'; i++)
      for (const d of '2580') await sim.watch.tap({ type: 'BUTTON', text: d });
    await sim.clock.until(codeShows, 10_000);
  };
  const count = () => ({
    frames: w.sim.link.frames.length,
    data: w.sim.link.frames.filter((f) => f.type === 4 || f.type === 5).length,
    http: w.sim.phone.fetches.length,
    activity: w.sim.phone.fetches.filter((f) => f.url.includes('/v1/activity')).length,
  });
  const rows: Array<[string, ReturnType<typeof count>]> = [];
  const minute = async (label: string, before?: () => Promise<void>) => {
    if (before) await before();
    const a = count();
    await w.sim.clock.advance(60_000);
    const b = count();
    rows.push([
      label,
      { frames: b.frames - a.frames, data: b.data - a.data, http: b.http - a.http, activity: b.activity - a.activity },
    ]);
  };
  // Settle after binding (its sync and the home page's).
  await w.sim.clock.advance(10_000);
  await minute('home page, pay page closed');
  await minute('pay page open, minute 1', openPay);
  await minute('pay page open, minute 2');
  await minute('pay page open, minute 3 (past the 2-minute window)');
  await minute('pay page closed again', () => w.sim.watch.back());
  await w.close();

  console.log(`pay page confirmation traffic on ${DEVICE}, per minute of simulated time`);
  console.log('| state | BLE frames (all) | BLE data frames | HTTP requests | of them GET /v1/activity |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [label, c] of rows) console.log(`| ${label} | ${c.frames} | ${c.data} | ${c.http} | ${c.activity} |`);
}

await main();
