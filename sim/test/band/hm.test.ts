// The API 1.0 fakes on their own (sim/zos/hm.ts): hmFS over the band's /data files, the 1.0 timer,
// px, hmSetting's display calls, hmSensor TIME.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDevices } from '../../../reference/devices';
import { FakeClock } from '../../kernel/clock';
import { realmTimers } from '../../kernel/realm';
import { createDisplay } from '../../zos/display';
import { silentLink } from '../../kernel/link';
import { v1Globals } from '../../kernel/watch-v1';
import { createBle } from '../../zos/ble';
import { widget } from '../../zos/constants';
import { UiFake } from '../../zos/ui';
import {
  V1_WIDGETS,
  hmFsModule,
  hmSensorModule,
  hmSettingModule,
  pxGlobal,
  timerModule,
  type HmDeps,
} from '../../zos/hm';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 30);

function deps(clock = new FakeClock(T0)): HmDeps {
  const device = loadDevices().find((d) => d.name === 'Xiaomi Mi Band 7')!;
  return {
    device,
    target: { name: 'mi-band-7', designWidth: 192, deviceSources: [260], pages: ['page/a'], appWidgets: [] },
    app: { appId: 1, appName: 'x' },
    appDir: '/nowhere',
    language: 'en-US',
    now: clock.now,
    utcOffsetMinutes: 180,
    timers: realmTimers(clock, { guard: (fn) => fn(), checkWhen: 'set' }),
    display: createDisplay(clock.now, () => null),
    store: { files: new Map(), sysPro: new Map() },
    navigate: () => {},
    log: () => {},
    vibrations: [],
    page: () => 'page/a',
  };
}

type Fs = {
  O_RDONLY: number;
  O_WRONLY: number;
  O_RDWR: number;
  O_APPEND: number;
  O_CREAT: number;
  O_EXCL: number;
  O_TRUNC: number;
  SEEK_SET: number;
  SEEK_END: number;
  open(p: string, f: number): number;
  read(fd: number, b: ArrayBuffer, pos: number, len: number): number;
  write(fd: number, b: ArrayBuffer, pos: number, len: number): number;
  seek(fd: number, pos: number, whence: number): void;
  close(fd: number): number;
  stat(p: string): [{ size: number } | undefined, number];
  remove(p: string): number;
  rename(a: string, b: string): number;
  SysProSetInt(k: string, v: unknown): number;
  SysProGetInt(k: string): unknown;
};

describe('hmFS', () => {
  it('reads back what was written, in chunks and with O_APPEND, across opens', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), fc.boolean(), (chunks, append) => {
        const d = deps();
        const fs = hmFsModule(d) as unknown as Fs;
        for (const chunk of chunks) {
          const fd = fs.open('f.bin', fs.O_WRONLY | fs.O_CREAT | (append ? fs.O_APPEND : 0));
          if (!append) fs.seek(fd, 0, fs.SEEK_END);
          const padded = new Uint8Array(chunk.length + 2);
          padded.set(chunk, 1);
          expect(fs.write(fd, padded.buffer, 1, chunk.length)).toBe(0);
          expect(fs.close(fd)).toBe(0);
        }
        const all = Uint8Array.from(chunks.flatMap((c) => [...c]));
        const [stat, err] = fs.stat('f.bin');
        if (chunks.length === 0) {
          expect(err).toBeLessThan(0);
          return;
        }
        expect(err).toBe(0);
        expect(stat!.size).toBe(all.length);
        const back = new Uint8Array(all.length);
        const fd = fs.open('f.bin', fs.O_RDONLY);
        expect(fs.read(fd, back.buffer, 0, back.length)).toBe(0);
        expect(back).toEqual(all);
        // Past the end is refused (sim/README.md: assumed).
        expect(fs.read(fd, new ArrayBuffer(1), 0, 1)).toBeLessThan(0);
      }),
      { numRuns: 40 },
    );
  });

  it("stat's mtime is the last write, in UTC seconds (stat.mdx)", async () => {
    const clock = new FakeClock(T0);
    const fs = hmFsModule(deps(clock)) as unknown as Omit<Fs, 'stat'> & {
      stat(p: string): [{ mtime: number }, number];
    };
    const fd = fs.open('m', fs.O_WRONLY | fs.O_CREAT);
    fs.write(fd, new Uint8Array([1]).buffer, 0, 1);
    await clock.advance(90_000);
    expect(fs.stat('m')[0].mtime).toBe(Math.floor(T0 / 1000));
    fs.write(fd, new Uint8Array([2]).buffer, 0, 1);
    expect(fs.stat('m')[0].mtime).toBe(Math.floor(T0 / 1000) + 90);
  });

  it('follows the open flags: no file without O_CREAT, O_EXCL on an existing file, O_TRUNC, read-only', () => {
    const fs = hmFsModule(deps()) as unknown as Fs;
    expect(fs.open('a', fs.O_RDONLY)).toBeLessThan(0);
    const fd = fs.open('a', fs.O_RDWR | fs.O_CREAT);
    expect(fs.write(fd, new Uint8Array([1, 2, 3]).buffer, 0, 3)).toBe(0);
    fs.close(fd);
    expect(fs.open('a', fs.O_RDWR | fs.O_CREAT | fs.O_EXCL)).toBeLessThan(0);
    const ro = fs.open('a', fs.O_RDONLY);
    expect(fs.write(ro, new Uint8Array([9]).buffer, 0, 1)).toBeLessThan(0);
    fs.close(fs.open('a', fs.O_WRONLY | fs.O_TRUNC));
    expect(fs.stat('a')[0]!.size).toBe(0);
    expect(fs.rename('a', 'b')).toBe(0);
    expect(fs.stat('a')[1]).toBeLessThan(0);
    expect(fs.remove('b')).toBe(0);
    expect(fs.remove('b')).toBeLessThan(0);
    // fs.md's error codes: -4 path not found, -7 no access rights, -9 invalid file handle.
    expect(fs.open('missing', fs.O_RDONLY)).toBe(-4);
    expect(fs.stat('missing')[1]).toBe(-4);
    expect(fs.write(ro, new Uint8Array([9]).buffer, 0, 1)).toBe(-7);
    expect(fs.close(12345)).toBe(-9);
    expect(() => fs.open('../escape', fs.O_RDONLY)).toThrow(/leaves the app's directory/);
    expect(() => fs.read(99, new ArrayBuffer(1), 0, 1)).toThrow(/not an open file/);
    expect(() => fs.write(ro, new ArrayBuffer(1), 0, 2)).toThrow(/outside the 1-byte buffer/);
  });

  it('SysPro values keep their type', () => {
    const d = deps();
    const fs = hmFsModule(d) as unknown as Fs;
    expect(fs.SysProSetInt('n', 5)).toBe(0);
    expect(fs.SysProGetInt('n')).toBe(5);
    expect(() => fs.SysProSetInt('n', 1.5)).toThrow(/SysProSetInt value must be a 32-bit integer/);
    expect(fs.SysProGetInt('missing')).toBeUndefined();
  });
});

describe('timer, px, hmSetting, hmSensor', () => {
  it('timer.createTimer fires after delay, then every repeat, until stopTimer', async () => {
    const clock = new FakeClock(T0);
    const t = timerModule(deps(clock).timers) as {
      createTimer(d: number, r: number, cb: (o: unknown) => void, o?: unknown): number;
      stopTimer(id: number): void;
    };
    const seen: Array<[number, unknown]> = [];
    const id = t.createTimer(500, 1000, (o) => seen.push([clock.now() - T0, o]), { k: 1 });
    const once = t.createTimer(100, 0, () => seen.push([clock.now() - T0, 'once']));
    await clock.advance(2600);
    t.stopTimer(id);
    t.stopTimer(once);
    await clock.advance(5000);
    expect(seen).toEqual([
      [100, 'once'],
      [500, { k: 1 }],
      [1500, { k: 1 }],
      [2500, { k: 1 }],
    ]);
  });

  it('px rounds up from the design width (1.0 multi-screen-adaption.mdx)', () => {
    expect(pxGlobal(194, 192)(100)).toBe(102);
    expect(pxGlobal(454, 480)(100)).toBe(95);
    expect(() => pxGlobal(194, 192)('1' as unknown as number)).toThrow(/px: needs a number/);
  });

  it('hmSetting brightness follows auto-brightness, and keeps a history', () => {
    const d = deps();
    const s = hmSettingModule(d) as Record<string, (v?: unknown) => unknown>;
    s.setBrightness!(100);
    expect(s.getBrightness!()).toBe(60); // auto-brightness on: no real effect (setBrightness.mdx)
    s.setScreenAutoBright!(false);
    s.setBrightness!(100);
    expect(s.getBrightness!()).toBe(100);
    expect(() => s.setBrightness!(101)).toThrow(/0-100/);
    expect(() => s.setBrightScreen!(0)).toThrow(/1-2147483/);
    expect(s.getDeviceInfo!()).toMatchObject({ width: 192, height: 490, screenShape: 0, deviceSource: 260 });
    expect(d.display.state.history.map((h) => h.call)).toEqual([
      'hmSetting.setBrightness',
      'hmSetting.setScreenAutoBright',
      'hmSetting.setBrightness',
    ]);
  });

  it('hmSensor TIME reads the watch clock in its time zone and ends minutes on time', async () => {
    const clock = new FakeClock(T0);
    const sensor = hmSensorModule(deps(clock)) as {
      id: { TIME: number };
      createSensor(id: number): Record<string, unknown> & {
        event: { MINUTEEND: number };
        addEventListener(e: number, cb: () => void): void;
      };
    };
    const time = sensor.createSensor(sensor.id.TIME);
    expect([time.year, time.month, time.day, time.hour, time.minute, time.week]).toEqual([2026, 1, 15, 12, 0, 4]);
    const ends: number[] = [];
    time.addEventListener(time.event.MINUTEEND, () => ends.push(clock.now() - T0));
    await clock.advance(125_000);
    expect(ends).toEqual([30_000, 90_000]);
    expect(() => sensor.createSensor(99)).toThrow(/not a sensor id the simulator models/);
  });

  it('hmSensor VIBRATE logs each start with its scene and length, and the stop', async () => {
    const clock = new FakeClock(T0);
    const d = deps(clock);
    const sensor = hmSensorModule(d) as { id: { VIBRATE: number }; createSensor(id: number): Record<string, unknown> };
    const v = sensor.createSensor(sensor.id.VIBRATE) as { scene: number; start(): void; stop(): void };
    v.scene = 27;
    v.start();
    await clock.advance(300);
    v.stop();
    v.scene = 1;
    v.start();
    expect(d.vibrations).toEqual([
      { at: T0, scene: 'scene 27', durationMs: 1000, page: 'page/a', stoppedAt: T0 + 300 },
      { at: T0 + 300, scene: 'scene 1', durationMs: null, page: 'page/a', stoppedAt: null },
    ]);
    v.scene = 99;
    expect(() => v.start()).toThrow(/VIBRATE scene must be one of/);
  });

  it('hmSensor VIBRATE: a start with no stop since the last start does not vibrate (VIBRATE.mdx, start)', async () => {
    const clock = new FakeClock(T0);
    const d = deps(clock);
    const sensor = hmSensorModule(d) as { id: { VIBRATE: number }; createSensor(id: number): Record<string, unknown> };
    const v = sensor.createSensor(sensor.id.VIBRATE) as { scene: number; start(): void; stop(): void };
    v.scene = 25;
    v.start();
    await clock.advance(1000); // the 20 ms buzz is long over, but nobody called stop()
    v.start();
    expect(d.vibrations).toHaveLength(1);
    v.stop();
    v.start();
    expect(d.vibrations.map((x) => x.at)).toEqual([T0, T0 + 1000]);
  });

  it('the 1.0 globals are cut to level 1.0: a documented member not faked is recorded, @zos imports throw', () => {
    const errors: Error[] = [];
    const d = deps();
    const ui = new UiFake({ widgetTypes: V1_WIDGETS, moduleName: 'hmUI' });
    const ble = createBle(silentLink().attachWatch(() => {}));
    const { globals, require } = v1Globals({ ...d, ui, ble }, (e) => errors.push(e));
    const hmUI = globals.hmUI as Record<string, unknown>;
    expect(typeof hmUI.createWidget).toBe('function');
    expect(hmUI.getTextLayout).toBeUndefined();
    expect(errors.map((e) => e.message)).toEqual([
      'hmUI.getTextLayout (API level 1.0) is not modelled by the simulator: add it to sim/zos/',
    ]);
    expect(Object.keys(hmUI.widget as object)).toEqual([...V1_WIDGETS].sort((a, b) => widget[a] - widget[b]));
    expect((require('i18n') as { gettext(k: string): string }).gettext('no such key')).toBe('no such key');
    expect(() => require('@zos/router')).toThrow(ReferenceError);
    expect(globals).not.toHaveProperty('setTimeout');
    expect(globals).not.toHaveProperty('Buffer');
  });

  it('hmSensor WEAR reads the wrist; its CHANGE event never fires (WEAR.mdx: unavailable)', () => {
    const wrist = { status: 1 };
    const sensor = hmSensorModule({ ...deps(), wear: wrist }) as {
      id: { WEAR: number };
      event: { CHANGE: number };
      createSensor(id: number): { current: number; addEventListener(e: number, cb: () => void): void };
    };
    const wear = sensor.createSensor(sensor.id.WEAR);
    let heard = 0;
    wear.addEventListener(sensor.event.CHANGE, () => heard++);
    expect(wear.current).toBe(1);
    wrist.status = 0;
    expect(wear.current).toBe(0);
    expect(heard).toBe(0);
    expect(() => wear.addEventListener(99, () => {})).toThrow(/needs hmSensor\.event\.CHANGE/);
  });
});
