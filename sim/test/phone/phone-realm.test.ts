// The phone realm runs a ZML side service (fixture phone-echo) in its own vm context; a stand-in
// watch speaks ZML's framing over the emulated link.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../kernel/clock';
import { createLink, FRAME_TYPE, SIDE_PORT, type EmulatedLink } from '../../kernel/link';
import { createPhoneRealm, type SideServiceRealm } from '../../kernel/phone-realm';
import { createSettingsStorage } from '../../settings/settings-storage';
import { WireWatch } from './wire-watch';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/phone-echo');
const START = Date.UTC(2026, 0, 15, 9, 0, 0);

interface Setup {
  clock: FakeClock;
  link: EmulatedLink;
  storage: ReturnType<typeof createSettingsStorage>;
  phone: SideServiceRealm;
  watch: WireWatch;
}

const open: SideServiceRealm[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

async function setup(): Promise<Setup> {
  const clock = new FakeClock(START);
  const link = createLink(clock);
  const storage = createSettingsStorage();
  const phone = await createPhoneRealm({ clock, link, storage, appDir: FIXTURE });
  open.push(phone);
  const watch = new WireWatch(link);
  return { clock, link, storage, phone, watch };
}

async function ask(s: Setup, method: string, params?: unknown): Promise<unknown> {
  let answer: unknown;
  let done = false;
  void s.watch.request(method, params).then((a) => {
    answer = a;
    done = true;
  });
  await s.clock.until(() => done, 30_000);
  return answer;
}

describe('phone realm', () => {
  it('starts the side service (onInit ran in a realm without watch globals) and answers a shake with its port', async () => {
    const s = await setup();
    expect(s.storage.getItem('started')).toBe('1');
    expect(s.phone.alive).toBe(true);
    s.watch.shake();
    await s.clock.settle();
    expect(s.watch.sidePort).toBe(SIDE_PORT);
    expect(s.link.frames.map((f) => [f.direction, f.type, f.fate])).toEqual([
      ['watch->phone', FRAME_TYPE.shake, 'delivered'],
      ['phone->watch', FRAME_TYPE.shake, 'delivered'],
    ]);
  });

  it('carries a request to onRequest and its answer back, with Date from the clock', async () => {
    const s = await setup();
    s.watch.shake();
    const answer = await ask(s, 'echo', { n: 42, text: 'héllo' });
    expect(answer).toEqual({ jsonrpc: 'hmrpcv1', result: { echo: { n: 42, text: 'héllo' }, at: START } });
  });

  it('splits a 9 KB answer into chunks of at most 3600 bytes and the watch reassembles it', async () => {
    const s = await setup();
    s.watch.shake();
    const answer = (await ask(s, 'big', { size: 9000 })) as { result: { text: string } };
    expect(answer.result.text).toHaveLength(9000);
    expect(answer.result.text.slice(0, 12)).toBe('012345678901');
    const back = s.link.frames.filter((f) => f.direction === 'phone->watch' && f.type === FRAME_TYPE.data);
    expect(back.length).toBe(3);
    expect(Math.max(...back.map((f) => f.size))).toBeLessThanOrEqual(3600);
    expect(back.every((f) => f.fate === 'delivered')).toBe(true);
  });

  it('passes a side error back as {error}', async () => {
    const s = await setup();
    s.watch.shake();
    expect(await ask(s, 'fail')).toEqual({ jsonrpc: 'hmrpcv1', error: { message: 'failed on purpose' } });
  });

  it('keeps an error thrown by the side service (no answer goes back) in errors and logs', async () => {
    const s = await setup();
    s.watch.shake();
    let answered = false;
    void s.watch.request('throw').then(() => (answered = true));
    await s.clock.advance(100);
    expect(answered).toBe(false);
    expect(s.phone.errors).toHaveLength(1);
    expect(String(s.phone.errors[0])).toBe('Error: side service bug');
    expect(s.phone.logs.at(-1)).toMatch(/^uncaught Error: side service bug\n\s+at /);
  });

  it('runs side timers on the shared clock', async () => {
    const s = await setup();
    s.watch.shake();
    let answer: unknown;
    void s.watch.request('later').then((a) => (answer = a));
    await s.clock.advance(1999);
    expect(answer).toBeUndefined();
    await s.clock.advance(1);
    await s.clock.settle();
    expect(answer).toEqual({ jsonrpc: 'hmrpcv1', result: { late: true, at: START + 2000 } });
  });

  it('hands settings changes to onSettingsChange', async () => {
    const s = await setup();
    s.storage.setItem('issuer', 'http://127.0.0.1:1');
    await s.clock.settle();
    expect(s.storage.getItem('seen.issuer')).toBe('http://127.0.0.1:1');
    expect(s.phone.logs.some((l) => l.includes('settings change issuer'))).toBe(true);
  });

  it('kill: onDestroy sends ZML close, the watch forgets the side port, shakes say no side service; restart brings it back', async () => {
    const s = await setup();
    s.watch.shake();
    await s.clock.settle();
    await s.phone.kill();
    expect(s.phone.alive).toBe(false);
    expect(s.watch.sidePort).toBe(0);
    expect(s.watch.received.some((r) => r.type === FRAME_TYPE.close)).toBe(true);
    // A killed service hears no settings changes.
    s.storage.setItem('k', 'v');
    await s.clock.settle();
    expect(s.storage.getItem('seen.k')).toBeNull();
    s.watch.shake();
    await s.clock.settle();
    expect(s.watch.sidePort).toBe(0);
    // A request sent anyway is dropped by the Zepp app.
    void s.watch.request('echo', 1);
    await s.clock.settle();
    expect(s.link.frames.at(-1)).toMatchObject({
      direction: 'watch->phone',
      fate: 'dropped',
      note: 'no side service running',
    });

    await s.phone.restart();
    expect(s.phone.alive).toBe(true);
    expect(s.storage.getItem('started')).toBe('2');
    s.watch.shake();
    expect(await ask(s, 'echo', 'again')).toMatchObject({ result: { echo: 'again' } });
    s.storage.setItem('k', 'w');
    await s.clock.settle();
    expect(s.storage.getItem('seen.k')).toBe('w');
  });

  it('restart for a settings change: launchReasons.settingsChanged, and the change reaches onSettingsChange twice (listener, then launchArgs 1 ms later)', async () => {
    const s = await setup();
    await s.phone.kill();
    s.storage.setItem('name', 'Ann');
    await s.clock.settle();
    expect(s.storage.getItem('seen.name')).toBeNull();
    const heard = () => s.phone.logs.filter((l) => l.includes('settings change name')).length;
    await s.phone.restart({ settingsChanged: { key: 'name', newValue: 'Ann', oldValue: null } });
    expect(s.storage.getItem('seen.name')).toBe('Ann');
    expect(heard()).toBe(1);
    await s.clock.advance(1);
    expect(heard()).toBe(2);
  });

  describe('fetch', () => {
    let server: Server | undefined;
    afterEach(async () => {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
    });

    it('makes a real HTTP request and resolves {status, headers, body} with the body as text', async () => {
      const seen: Array<{ method?: string; url?: string; accept?: string }> = [];
      server = createServer((req, res) => {
        seen.push({ method: req.method, url: req.url, accept: req.headers.accept });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true }));
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/x?y=1`;
      const s = await setup();
      s.watch.shake();
      expect(await ask(s, 'fetch', { url })).toEqual({
        jsonrpc: 'hmrpcv1',
        result: { status: 201, body: '{"ok":true}' },
      });
      expect(seen).toEqual([{ method: 'GET', url: '/v1/x?y=1', accept: 'application/json' }]);
      expect(s.phone.fetches).toEqual([{ method: 'GET', url, status: 201 }]);
    });

    it('rejects with an Error of the side realm when nobody listens', async () => {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const port = (probe.address() as AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const s = await setup();
      s.watch.shake();
      const answer = (await ask(s, 'fetch', { url: `http://127.0.0.1:${port}/` })) as { error: { message: string } };
      // The fixture maps `e instanceof Error` to e.message: an Error from the host realm would fail that test.
      expect(answer.error.message).toMatch(/^fetch GET http:\/\/127\.0\.0\.1:\d+\/ failed: /);
      expect(s.phone.fetches[0]).toMatchObject({ status: 0 });
    });
  });
});
