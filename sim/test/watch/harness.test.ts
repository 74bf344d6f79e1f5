// The whole simulator (watch realm + link + phone realm + settings realm) on a fixture app with a
// side service (sim/fixtures/watch-phone) and on the real app.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FRAME_TYPE, MAX_FRAME } from '../../kernel/link';
import { DEFAULT_START_MS, startSimulator, type FullSimulator } from '../../harness';

const FIXTURE = fileURLToPath(new URL('../../fixtures/watch-phone', import.meta.url));

let sims: FullSimulator[] = [];
afterEach(async () => {
  for (const s of sims) await s.close();
  sims = [];
});

async function sim(opts: { appDir?: string } = {}): Promise<FullSimulator> {
  const s = await startSimulator({ device: 'Amazfit Balance', ...opts });
  sims.push(s);
  return s;
}

/** Taps a fixture button and waits (on the clock) for the status line to leave 'asking'. */
async function ask(s: FullSimulator, button: string, maxMs = 70_000): Promise<{ status: string; tookMs: number }> {
  const t0 = s.clock.now();
  await s.watch.tap(button);
  await s.clock.until(() => !s.watch.texts()[0]!.startsWith('asking'), maxMs);
  return { status: s.watch.texts()[0]!, tookMs: s.clock.now() - t0 };
}

describe('simulator: watch page <-> side service over the emulated link', () => {
  it("a page's request reaches the side service's onRequest and the answer comes back", async () => {
    const s = await sim({ appDir: FIXTURE });
    expect(await ask(s, 'Echo')).toEqual({ status: 'echo {"n":1}', tookMs: 0 });
    const kinds = s.link.frames.map((f) => `${f.direction} ${f.type}`);
    expect(kinds).toEqual([
      `watch->phone ${FRAME_TYPE.shake}`,
      `phone->watch ${FRAME_TYPE.shake}`,
      `watch->phone ${FRAME_TYPE.data}`,
      `phone->watch ${FRAME_TYPE.data}`,
    ]);
  });

  it('a 9 KB answer crosses in several frames of at most 3600 bytes and arrives intact', async () => {
    const s = await sim({ appDir: FIXTURE });
    expect((await ask(s, 'Big')).status).toBe('big 9000 intact');
    const answer = s.link.frames.filter((f) => f.direction === 'phone->watch' && f.type === FRAME_TYPE.data);
    expect(answer.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...answer.map((f) => f.size))).toBeLessThanOrEqual(MAX_FRAME);
  });

  it("the side service's refusal reaches the page as a rejected request", async () => {
    const s = await sim({ appDir: FIXTURE });
    await s.watch.tap('Fail');
    await s.clock.advance(10);
    expect(s.watch.texts()[0]).toBe('refused no method fail');
  });

  it('a cut link is an error at once (code 2), not a hang; after restore requests work again', async () => {
    const s = await sim({ appDir: FIXTURE });
    s.link.cut();
    expect(await ask(s, 'Echo')).toEqual({ status: 'error 2', tookMs: 0 });
    // ZML leaves its shake promise rejected and unhandled; the watch logs and ignores it.
    expect(s.watch.unhandledRejections).toHaveLength(1);
    s.link.restore();
    expect((await ask(s, 'Echo')).status).toBe('echo {"n":1}');
  });

  it('a link cut before the shake is answered fails the request at once (code 2)', async () => {
    const s = await sim({ appDir: FIXTURE });
    s.link.delay(2000);
    await s.watch.tap('Echo');
    await s.clock.advance(1000);
    s.link.cut();
    await s.clock.advance(0);
    expect(s.watch.texts()[0]).toBe('error 2');
  });

  it('a link cut while the answer is on its way ends in the request timeout (code 4), on the clock', async () => {
    const s = await sim({ appDir: FIXTURE });
    s.link.delay(2000); // each frame takes 2 s: shake out and back by 4 s, request at the phone at 6 s
    await s.watch.tap('Echo');
    await s.clock.advance(7000);
    expect(s.watch.texts()[0]).toBe('asking');
    s.link.cut();
    // ZML does not fail requests in flight when the link drops; the page's 10 s timeout does.
    await s.clock.advance(6999);
    expect(s.watch.texts()[0]).toBe('asking');
    await s.clock.advance(1);
    expect(s.watch.texts()[0]).toBe('error 4');
  });

  it('a dropped shake ends in the shake timeout (code 1) after 5 s of clock time', async () => {
    const s = await sim({ appDir: FIXTURE });
    s.link.dropNext(1);
    expect(await ask(s, 'Echo')).toEqual({ status: 'error 1', tookMs: 5000 });
  });

  it('a killed side service is seen as code 3; after a restart it answers again', async () => {
    const s = await sim({ appDir: FIXTURE });
    await s.phone.kill();
    expect((await ask(s, 'Echo')).status).toBe('error 3');
    await s.phone.restart();
    expect((await ask(s, 'Echo')).status).toBe('echo {"n":1}');
  });

  it("a settings edit reaches the side service's onSettingsChange", async () => {
    const s = await sim({ appDir: FIXTURE });
    s.settingsStorage.setItem('colour', 'blue');
    await s.clock.advance(0);
    expect(s.settingsStorage.getItem('seen.colour')).toBe('blue');
  });

  it('a fixture without a settings page says so when sim.settings is used', async () => {
    const s = await sim({ appDir: FIXTURE });
    expect(() => s.settings).toThrow(/no setting module/);
  });

  it('refuses an unknown device name', async () => {
    await expect(startSimulator({ device: 'Amazfit Nonesuch' })).rejects.toThrow(/no device "Amazfit Nonesuch"/);
  });
});

describe('simulator: the real app', () => {
  it("the home page's sync reaches the real side service and its answer comes back", async () => {
    const s = await sim();
    expect(s.clock.now()).toBe(DEFAULT_START_MS);
    await s.clock.advance(100);
    const data = s.link.frames.filter((f) => f.type === FRAME_TYPE.data).map((f) => `${f.direction} ${f.fate}`);
    expect(data).toEqual(['watch->phone delivered', 'phone->watch delivered']);
    // Not bound: the side service says so, and the watch keeps its "bind this watch" line.
    expect(s.watch.texts()).toContain('Bind this watch in the Zepp app: Wrist Wallet > Settings');
    expect(s.watch.errors).toEqual([]);
    expect(s.phone.errors).toEqual([]);
    const png = s.screenshot();
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const img = s.screenImage();
    expect([img.width, img.height]).toEqual([480, 480]);
    // Round screen: the corner is masked black; the title is drawn in the middle of the top half.
    expect([...img.data.subarray(0, 3)]).toEqual([0, 0, 0]);
    expect(img.data.some((v, i) => i % 4 !== 3 && v > 200)).toBe(true);
  });

  it('binding typed in the settings page reaches the side service, which calls the issuer and reports back to the page', async () => {
    // A loopback port that refuses connections: the side service's real fetch fails fast.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));

    const s = await sim();
    await s.settings.type({ label: 'Wallet address' }, `http://127.0.0.1:${port}`);
    await s.settings.type({ label: 'Binding code' }, 'ABCD1234');
    await s.settings.press({ label: 'Bind' });
    await s.clock.advance(100);
    expect(s.phone.fetches).toEqual([
      expect.objectContaining({ method: 'POST', url: `http://127.0.0.1:${port}/v1/devices/bind`, status: 0 }),
    ]);
    // Said by its code (lib/wallet/settings-errors.ts 'unreachable'), from setting/i18n/en-US.po.
    expect(s.settings.texts()).toContain(
      `Could not reach your wallet at 127.0.0.1:${port}. Check the address and this phone's connection, then try again.`,
    );
  });
});
