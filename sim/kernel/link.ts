// The Bluetooth link between the watch realm and the phone realm, carrying ZML's real frames.
//
// What crosses, as ZML 0.0.43 frames it (read from node_modules/@zeppos/zml/dist):
// - the watch sends whole frames: a 16-byte header (flag u8, version u8, type u16LE, port1 u16LE,
//   port2 u16LE, appId u32LE, extra u32LE) then the payload; at most 3600 bytes a frame;
// - the phone's side service sends and receives payloads only; the link plays the Zepp app's part:
//   it strips the header of data frames (type 4 and 5) towards the phone and adds a data header
//   towards the watch;
// - a shake (type 1) from the watch is answered by the link itself, as the Zepp app does, with
//   port2 = SIDE_PORT while a side service is attached, or port2 = 0 when none is (ZML on the watch
//   then fails its request with code 3, "side service is not running");
// - ZML's side service sends its close (when it stops) as a whole 17-byte frame of type 2 through
//   peerSocket.send: the link passes that one on as it is, so the watch forgets the side port.
//   Close, heartbeat and log frames from the watch are consumed by the Zepp app, as here.
//
// Delivery is asynchronous and in order per direction: one frame per host macrotask (tracked on the
// clock, so clock.settle/advance wait until the link is quiet), or `delay(ms)` later on the clock.
// Test controls: cut/restore (both ends see the status), dropNext(n), delay(ms), and `frames`, a log
// of every frame with its size and fate.
import type { FakeClock } from './clock';
import type { Link, LinkFrame, PhonePort, WatchPort } from './contracts';

export const HEADER_SIZE = 16;
export const MAX_FRAME = 3600;
export const MAX_PAYLOAD = MAX_FRAME - HEADER_SIZE;
/** The port the Zepp app gives the side service in its shake answer; any value but 0 works. */
export const SIDE_PORT = 4096;

export const FRAME_TYPE = { shake: 1, close: 2, heartbeat: 3, data: 4, dataSystemTool: 5, log: 6 } as const;

export interface FrameHeader {
  flag: number;
  version: number;
  type: number;
  port1: number;
  port2: number;
  appId: number;
  extra: number;
}

export function readHeader(frame: ArrayBuffer): FrameHeader {
  if (frame.byteLength < HEADER_SIZE)
    throw new RangeError(`link: a frame needs a ${HEADER_SIZE}-byte header, got ${frame.byteLength} bytes`);
  const v = new DataView(frame);
  return {
    flag: v.getUint8(0),
    version: v.getUint8(1),
    type: v.getUint16(2, true),
    port1: v.getUint16(4, true),
    port2: v.getUint16(6, true),
    appId: v.getUint32(8, true),
    extra: v.getUint32(12, true),
  };
}

export function writeFrame(header: FrameHeader, payload: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(HEADER_SIZE + payload.byteLength);
  const v = new DataView(out);
  v.setUint8(0, header.flag);
  v.setUint8(1, header.version);
  v.setUint16(2, header.type, true);
  v.setUint16(4, header.port1, true);
  v.setUint16(6, header.port2, true);
  v.setUint32(8, header.appId, true);
  v.setUint32(12, header.extra, true);
  new Uint8Array(out, HEADER_SIZE).set(payload);
  return out;
}

export interface LoggedFrame extends LinkFrame {
  /** Why a frame was not delivered, or what the link made of it. */
  note?: string;
}

/** The watch's end, with a way to let go when the watch app ends. */
export interface WatchAttachment extends WatchPort {
  detach(): void;
}

/** The phone's end, with a way to let go when the side service is killed. */
export interface PhoneAttachment extends PhonePort {
  detach(): void;
}

type Direction = LinkFrame['direction'];

interface Queued {
  entry: LoggedFrame;
  readyAt: number;
  bytes: ArrayBuffer;
}

function toArrayBuffer(data: unknown, what: string): ArrayBuffer {
  // Frames come from other vm realms: check by tag, not instanceof, and copy so later writes by the
  // sender cannot change what is in flight.
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return (data as ArrayBuffer).slice(0);
  if (ArrayBuffer.isView(data)) {
    const view = data as ArrayBufferView;
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice().buffer;
  }
  throw new TypeError(`${what}: expected an ArrayBuffer, got ${Object.prototype.toString.call(data)}`);
}

export class EmulatedLink implements Link {
  private up = true;
  private dropCount = 0;
  private delayMs = 0;
  private watchReceive: ((frame: ArrayBuffer) => void) | null = null;
  private phoneReceive: ((payload: ArrayBuffer) => void) | null = null;
  private readonly statusListeners: Array<(connected: boolean) => void> = [];
  private readonly log: LoggedFrame[] = [];
  private readonly watchListeners = new Set<(bytes: Uint8Array) => void>();
  private readonly queues: Record<Direction, Queued[]> = { 'watch->phone': [], 'phone->watch': [] };
  private readonly immediatePending: Record<Direction, boolean> = { 'watch->phone': false, 'phone->watch': false };
  private readonly timerAt: Record<Direction, number | null> = { 'watch->phone': null, 'phone->watch': null };
  private readonly lastReadyAt: Record<Direction, number> = { 'watch->phone': -Infinity, 'phone->watch': -Infinity };
  /** The watch's port and app id, learnt from its frames, for the headers the link adds. */
  private watchPort = 20;
  private appId = 0;
  /** Errors thrown by a receiver while the link delivered to it, in order. */
  readonly errors: unknown[] = [];

  constructor(private readonly clock: FakeClock) {}

  get frames(): readonly LoggedFrame[] {
    return this.log;
  }

  get connected(): boolean {
    return this.up;
  }

  get phoneAttached(): boolean {
    return this.phoneReceive !== null;
  }

  attachWatch(receive: (frame: ArrayBuffer) => void): WatchAttachment {
    if (typeof receive !== 'function') throw new TypeError('link.attachWatch: receive must be a function');
    this.watchReceive = receive;
    this.statusListeners.length = 0;
    const mine = receive;
    const attached = () => this.watchReceive === mine;
    return {
      send: (frame) => {
        if (!attached()) throw new Error('link: this watch port was detached (the watch app ended)');
        return this.fromWatch(frame);
      },
      connected: () => this.up && attached(),
      onStatus: (cb) => {
        if (typeof cb !== 'function') throw new TypeError('link: onStatus needs a function');
        if (attached()) this.statusListeners.push(cb);
      },
      detach: () => {
        if (!attached()) return;
        this.watchReceive = null;
        this.statusListeners.length = 0;
      },
    };
  }

  attachPhone(receive: (payload: ArrayBuffer) => void): PhoneAttachment {
    if (typeof receive !== 'function') throw new TypeError('link.attachPhone: receive must be a function');
    this.phoneReceive = receive;
    const mine = receive;
    const attached = () => this.phoneReceive === mine;
    return {
      send: (payload) => {
        if (!attached()) {
          this.record('phone->watch', 0, FRAME_TYPE.data, 'dropped', 'sent by a side service that was stopped');
          return;
        }
        this.fromPhone(payload);
      },
      detach: () => {
        if (attached()) this.phoneReceive = null;
      },
    };
  }

  cut(): void {
    if (!this.up) return;
    this.up = false;
    // What was in the air is lost.
    for (const dir of ['watch->phone', 'phone->watch'] as const) {
      for (const q of this.queues[dir]) {
        q.entry.fate = 'cut';
        q.entry.note = 'in flight when the link was cut';
      }
      this.queues[dir].length = 0;
    }
    this.notify(false);
  }

  restore(): void {
    if (this.up) return;
    this.up = true;
    this.notify(true);
  }

  dropNext(n: number): void {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`link.dropNext: n must be an integer >= 0, got ${String(n)}`);
    this.dropCount = n;
  }

  delay(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(`link.delay: ms must be a finite number >= 0, got ${String(ms)}`);
    this.delayMs = ms;
  }

  private notify(connected: boolean): void {
    for (const cb of [...this.statusListeners]) {
      try {
        cb(connected);
      } catch (err) {
        this.errors.push(err);
      }
    }
  }

  private record(
    direction: Direction,
    size: number,
    type: number,
    fate: LinkFrame['fate'],
    note?: string,
  ): LoggedFrame {
    const entry: LoggedFrame = { direction, size, type, at: this.clock.now(), fate };
    if (note !== undefined) entry.note = note;
    this.log.push(entry);
    return entry;
  }

  /**
   * Hears every frame the watch sends (a copy of its bytes, header included), delivered or not: what a
   * Bluetooth sniffer next to the watch would see. Returns the way to stop listening.
   */
  onWatchFrame(listener: (bytes: Uint8Array) => void): () => void {
    this.watchListeners.add(listener);
    return () => this.watchListeners.delete(listener);
  }

  private fromWatch(data: unknown): boolean {
    const frame = toArrayBuffer(data, 'link (watch send)');
    for (const listener of this.watchListeners) listener(new Uint8Array(frame.slice(0)));
    if (frame.byteLength > MAX_FRAME)
      throw new RangeError(`link: a frame is at most ${MAX_FRAME} bytes, the watch sent ${frame.byteLength}`);
    const header = readHeader(frame);
    if (!this.up) {
      this.record('watch->phone', frame.byteLength, header.type, 'cut', 'sent while the link was down');
      return false;
    }
    const entry = this.record('watch->phone', frame.byteLength, header.type, 'pending');
    if (this.takeDrop(entry)) return true;
    if (header.flag === 1) {
      this.watchPort = header.port1;
      this.appId = header.appId;
    }
    this.enqueue('watch->phone', entry, frame);
    return true;
  }

  private fromPhone(data: unknown): void {
    const payload = new Uint8Array(toArrayBuffer(data, 'link (peerSocket.send)'));
    const isZmlClose =
      payload.byteLength === HEADER_SIZE + 1 &&
      payload[0] === 1 &&
      payload[1] === 1 &&
      readHeader(payload.buffer as ArrayBuffer).type === FRAME_TYPE.close;
    let frame: ArrayBuffer;
    if (isZmlClose) {
      frame = payload.slice().buffer;
    } else {
      if (payload.byteLength > MAX_PAYLOAD) {
        throw new RangeError(
          `link: the side service sent ${payload.byteLength} bytes; a frame carries at most ${MAX_PAYLOAD} after its ${HEADER_SIZE}-byte header`,
        );
      }
      frame = writeFrame(
        {
          flag: 1,
          version: 1,
          type: FRAME_TYPE.data,
          port1: this.watchPort,
          port2: SIDE_PORT,
          appId: this.appId,
          extra: 0,
        },
        payload,
      );
    }
    this.sendToWatch(frame, isZmlClose ? FRAME_TYPE.close : FRAME_TYPE.data);
  }

  private sendToWatch(frame: ArrayBuffer, type: number, note?: string): void {
    if (!this.up) {
      this.record('phone->watch', frame.byteLength, type, 'cut', 'sent while the link was down');
      return;
    }
    const entry = this.record('phone->watch', frame.byteLength, type, 'pending', note);
    if (this.takeDrop(entry)) return;
    this.enqueue('phone->watch', entry, frame);
  }

  private takeDrop(entry: LoggedFrame): boolean {
    if (this.dropCount <= 0) return false;
    this.dropCount--;
    entry.fate = 'dropped';
    entry.note = 'dropNext';
    return true;
  }

  private enqueue(dir: Direction, entry: LoggedFrame, bytes: ArrayBuffer): void {
    const readyAt = Math.max(this.clock.now() + this.delayMs, this.lastReadyAt[dir]);
    this.lastReadyAt[dir] = readyAt;
    this.queues[dir].push({ entry, readyAt, bytes });
    this.pump(dir);
  }

  /** Delivers the head of a direction's queue when it is due: one frame per host macrotask. */
  private pump(dir: Direction): void {
    const head = this.queues[dir][0];
    if (!head) return;
    if (head.readyAt > this.clock.now()) {
      if (this.timerAt[dir] !== null && this.timerAt[dir]! <= head.readyAt) return;
      this.timerAt[dir] = head.readyAt;
      this.clock.setTimeout(() => {
        this.timerAt[dir] = null;
        this.pump(dir);
      }, head.readyAt - this.clock.now());
      return;
    }
    if (this.immediatePending[dir]) return;
    this.immediatePending[dir] = true;
    void this.clock.track(
      new Promise<void>((resolve) => {
        setImmediate(() => {
          this.immediatePending[dir] = false;
          try {
            const next = this.queues[dir][0];
            if (next && next.readyAt <= this.clock.now()) {
              this.queues[dir].shift();
              this.deliver(dir, next);
            }
          } finally {
            resolve();
            this.pump(dir);
          }
        });
      }),
    );
  }

  private deliver(dir: Direction, q: Queued): void {
    if (dir === 'phone->watch') {
      const receive = this.watchReceive;
      if (!receive) {
        q.entry.fate = 'dropped';
        q.entry.note = 'no watch app running';
        return;
      }
      q.entry.fate = 'delivered';
      this.guard(() => receive(q.bytes));
      return;
    }
    const header = readHeader(q.bytes);
    if (header.flag !== 1) {
      q.entry.fate = 'dropped';
      q.entry.note = `not an app frame (flag ${header.flag})`;
      return;
    }
    switch (header.type) {
      case FRAME_TYPE.shake: {
        // The Zepp app answers the shake; port2 tells the watch whether a side service runs.
        q.entry.fate = 'delivered';
        const running = this.phoneReceive !== null;
        q.entry.note = running ? 'shake answered' : 'shake answered: no side service';
        const answer = writeFrame({ ...header, port2: running ? SIDE_PORT : 0 }, new Uint8Array(q.bytes, HEADER_SIZE));
        this.sendToWatch(answer, FRAME_TYPE.shake, 'shake answer');
        return;
      }
      case FRAME_TYPE.data:
      case FRAME_TYPE.dataSystemTool: {
        const receive = this.phoneReceive;
        if (!receive) {
          q.entry.fate = 'dropped';
          q.entry.note = 'no side service running';
          return;
        }
        q.entry.fate = 'delivered';
        this.guard(() => receive(q.bytes.slice(HEADER_SIZE)));
        return;
      }
      default:
        q.entry.fate = 'delivered';
        q.entry.note = 'consumed by the Zepp app';
    }
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.errors.push(err);
    }
  }
}

export function createLink(clock: FakeClock): EmulatedLink {
  return new EmulatedLink(clock);
}

/**
 * A link with no phone behind it, for a watch realm on its own: the watch's frames are taken and
 * counted (`sent`, their byte lengths) and nothing answers, so ZML's shake and requests time out.
 */
export function silentLink(): Link & { sent: number[] } {
  const sent: number[] = [];
  const port: WatchPort = { send: (f) => (sent.push(f.byteLength), true), connected: () => true, onStatus: () => {} };
  return {
    sent,
    attachWatch: () => port,
    attachPhone: () => ({ send: () => {} }),
    cut() {},
    restore() {},
    dropNext() {},
    delay() {},
    frames: [],
  };
}
