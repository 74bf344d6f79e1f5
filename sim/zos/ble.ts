// Fake @zos/ble as ZML's transport uses it: createConnect, send, connectStatus, addListener,
// removeListener, disConnect (docs: ble/*.mdx; facts: zepp-runtime-facts.md). Frames go to the link's
// WatchPort whole (16-byte header + payload); frames from the phone reach the createConnect callback.
import type { WatchPort } from '../kernel/contracts';

type FrameCb = (index: number, data: ArrayBuffer, size: number) => void;
type StatusCb = (connected: boolean) => void;

export interface BleFake {
  module: Record<string, unknown>;
  /** A frame from the link, for the current createConnect callback (dropped when none, as on the watch). */
  deliver(frame: ArrayBuffer): void;
  /** The link's connection state changed. */
  status(connected: boolean): void;
  /** Forget callbacks (app ended). */
  detach(): void;
}

export function createBle(port: WatchPort): BleFake {
  let onFrame: FrameCb | null = null;
  let listeners: StatusCb[] = [];
  const module = {
    createConnect(cb: unknown): void {
      if (typeof cb !== 'function') throw new TypeError('@zos/ble: createConnect needs a callback');
      onFrame = cb as FrameCb;
    },
    disConnect(): void {
      onFrame = null;
    },
    connectStatus(): boolean {
      return port.connected();
    },
    send(buf: unknown, size: unknown): boolean {
      // ArrayBuffers from the vm realm fail `instanceof ArrayBuffer` here, so check the tag.
      if (Object.prototype.toString.call(buf) !== '[object ArrayBuffer]')
        throw new TypeError('@zos/ble: send needs an ArrayBuffer');
      const ab = buf as ArrayBuffer;
      const n = size === undefined ? ab.byteLength : size;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > ab.byteLength) {
        throw new RangeError(`@zos/ble: send size ${String(n)} outside 0..${ab.byteLength}`);
      }
      const copy = new ArrayBuffer(n);
      new Uint8Array(copy).set(new Uint8Array(ab, 0, n));
      return port.send(copy);
    },
    addListener(cb: unknown): void {
      if (typeof cb !== 'function') throw new TypeError('@zos/ble: addListener needs a callback');
      listeners.push(cb as StatusCb);
    },
    removeListener(cb?: unknown): void {
      listeners = cb === undefined ? [] : listeners.filter((l) => l !== cb);
    },
  };
  return {
    module,
    deliver(frame) {
      onFrame?.(0, frame, frame.byteLength);
    },
    status(connected) {
      for (const l of [...listeners]) l(connected);
    },
    detach() {
      onFrame = null;
      listeners = [];
    },
  };
}
