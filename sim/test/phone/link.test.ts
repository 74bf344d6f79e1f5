// The emulated Bluetooth link: headers stripped and added as the Zepp app does, shakes answered,
// frame size enforced, and the test controls (cut, restore, dropNext, delay) with a frame log.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../kernel/clock';
import {
  createLink,
  FRAME_TYPE,
  HEADER_SIZE,
  MAX_FRAME,
  MAX_PAYLOAD,
  readHeader,
  SIDE_PORT,
  writeFrame,
  type FrameHeader,
} from '../../kernel/link';

const header = (type: number, over: Partial<FrameHeader> = {}): FrameHeader => ({
  flag: 1,
  version: 1,
  type,
  port1: 20,
  port2: 0,
  appId: 1093117,
  extra: 0,
  ...over,
});
const bytes = (n: number, seed = 0) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

function setup() {
  const clock = new FakeClock(0);
  const link = createLink(clock);
  const toWatch: ArrayBuffer[] = [];
  const toPhone: ArrayBuffer[] = [];
  const statuses: boolean[] = [];
  const watch = link.attachWatch((f) => toWatch.push(f));
  watch.onStatus((up) => statuses.push(up));
  const phone = link.attachPhone((p) => toPhone.push(p));
  return { clock, link, watch, phone, toWatch, toPhone, statuses };
}

describe('link', () => {
  it('header write/read round-trips every field', () => {
    fc.assert(
      fc.property(
        fc.record({
          flag: fc.integer({ min: 0, max: 255 }),
          version: fc.integer({ min: 0, max: 255 }),
          type: fc.integer({ min: 0, max: 0xffff }),
          port1: fc.integer({ min: 0, max: 0xffff }),
          port2: fc.integer({ min: 0, max: 0xffff }),
          appId: fc.integer({ min: 0, max: 0xffffffff }),
          extra: fc.integer({ min: 0, max: 0xffffffff }),
        }),
        fc.uint8Array({ maxLength: 64 }),
        (h, payload) => {
          const frame = writeFrame(h, payload);
          expect(frame.byteLength).toBe(HEADER_SIZE + payload.byteLength);
          expect(readHeader(frame)).toEqual(h);
          expect(new Uint8Array(frame, HEADER_SIZE)).toEqual(payload);
        },
      ),
    );
    expect(() => readHeader(new ArrayBuffer(15))).toThrow(RangeError);
  });

  it('any data frame up to 3600 bytes reaches the phone without its header; the phone payload reaches the watch with a data header', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: MAX_PAYLOAD }),
        fc.integer({ min: 0, max: MAX_PAYLOAD }),
        async (up, down) => {
          const s = setup();
          expect(s.watch.send(writeFrame(header(FRAME_TYPE.data), bytes(up, 1)))).toBe(true);
          s.phone.send(bytes(down, 2).buffer);
          expect(s.toPhone).toEqual([]); // never delivered inside send
          await s.clock.settle();
          expect(s.toPhone.map((p) => new Uint8Array(p))).toEqual([bytes(up, 1)]);
          expect(s.toWatch).toHaveLength(1);
          expect(readHeader(s.toWatch[0]!)).toEqual(header(FRAME_TYPE.data, { port2: SIDE_PORT }));
          expect(new Uint8Array(s.toWatch[0]!, HEADER_SIZE)).toEqual(bytes(down, 2));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses frames over 3600 bytes and phone payloads over 3584', () => {
    const s = setup();
    expect(() => s.watch.send(writeFrame(header(FRAME_TYPE.data), bytes(MAX_FRAME - HEADER_SIZE + 1)))).toThrow(
      /at most 3600/,
    );
    expect(() => s.phone.send(bytes(MAX_PAYLOAD + 1).buffer)).toThrow(/at most 3584/);
    expect(() => s.watch.send('frame' as never)).toThrow(TypeError);
  });

  it('answers a shake with the side port, or 0 when no side service is attached', async () => {
    const s = setup();
    s.watch.send(writeFrame(header(FRAME_TYPE.shake), new Uint8Array([0x7d])));
    await s.clock.settle();
    expect(readHeader(s.toWatch[0]!)).toMatchObject({ type: FRAME_TYPE.shake, port2: SIDE_PORT, appId: 1093117 });
    expect(s.toPhone).toEqual([]); // the Zepp app consumes the shake
    (s.phone as { detach(): void }).detach();
    s.watch.send(writeFrame(header(FRAME_TYPE.shake), new Uint8Array([0x7d])));
    await s.clock.settle();
    expect(readHeader(s.toWatch[1]!)).toMatchObject({ type: FRAME_TYPE.shake, port2: 0 });
  });

  it("passes ZML's 17-byte close from the side service on as a close frame", async () => {
    const s = setup();
    const close = writeFrame(header(FRAME_TYPE.close, { port2: SIDE_PORT }), new Uint8Array([0x7d]));
    s.phone.send(close);
    await s.clock.settle();
    expect(new Uint8Array(s.toWatch[0]!)).toEqual(new Uint8Array(close));
    expect(s.link.frames.at(-1)).toMatchObject({
      direction: 'phone->watch',
      type: FRAME_TYPE.close,
      size: 17,
      fate: 'delivered',
    });
  });

  it('cut: both ends see it, sends fail, frames in the air are lost; restore brings it back', async () => {
    const s = setup();
    s.watch.send(writeFrame(header(FRAME_TYPE.data), bytes(10)));
    s.link.cut();
    expect(s.statuses).toEqual([false]);
    expect(s.watch.connected()).toBe(false);
    expect(s.watch.send(writeFrame(header(FRAME_TYPE.data), bytes(10)))).toBe(false);
    s.phone.send(bytes(70).buffer);
    await s.clock.settle();
    expect(s.toPhone).toEqual([]);
    expect(s.toWatch).toEqual([]);
    expect(s.link.frames.map((f) => f.fate)).toEqual(['cut', 'cut', 'cut']);
    s.link.restore();
    expect(s.statuses).toEqual([false, true]);
    expect(s.watch.send(writeFrame(header(FRAME_TYPE.data), bytes(10)))).toBe(true);
    await s.clock.settle();
    expect(s.toPhone).toHaveLength(1);
  });

  it('dropNext(n) loses exactly the next n frames, either way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
        async (n, fromWatch) => {
          const s = setup();
          s.link.dropNext(n);
          fromWatch.forEach((w, i) =>
            w ? s.watch.send(writeFrame(header(FRAME_TYPE.data), bytes(4, i))) : s.phone.send(bytes(4, i).buffer),
          );
          await s.clock.settle();
          const kept = fromWatch.map((w, i) => ({ w, i })).slice(n);
          expect(s.toPhone.map((p) => new Uint8Array(p)[0])).toEqual(
            kept.filter((k) => k.w).map((k) => bytes(4, k.i)[0]),
          );
          expect(s.toWatch.map((f) => new Uint8Array(f)[HEADER_SIZE])).toEqual(
            kept.filter((k) => !k.w).map((k) => bytes(4, k.i)[0]),
          );
          expect(s.link.frames.filter((f) => f.fate === 'dropped')).toHaveLength(Math.min(n, fromWatch.length));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('delay(ms) delivers on the clock, and frames keep their order when the delay changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 8 }), async (delays) => {
        const s = setup();
        delays.forEach((d, i) => {
          s.link.delay(d);
          s.phone.send(bytes(3, i).buffer);
        });
        const due = Math.max(...delays);
        if (due > 0) {
          await s.clock.advance(due - 1);
          expect(s.toWatch.length).toBeLessThan(delays.length);
        }
        await s.clock.advance(1);
        expect(s.toWatch.map((f) => new Uint8Array(f)[HEADER_SIZE])).toEqual(delays.map((_, i) => bytes(3, i)[0]));
      }),
      { numRuns: 40 },
    );
    expect(() => setup().link.delay(-1)).toThrow(RangeError);
  });
});
