// A stand-in for the watch in the phone realm's tests: speaks ZML's device-side framing, written
// here from the frame layout (16-byte link header, 66-byte message header, chunks of at most 3518
// bytes) rather than taken from ZML, so the link and the side service are checked against an
// independent encoder and decoder. The whole-app tests use the real watch realm instead.
import { FRAME_TYPE, readHeader, writeFrame } from '../../kernel/link';
import type { Link, WatchPort } from '../../kernel/contracts';

export const MESSAGE_HEADER = 66;
export const CHUNK_DATA = 3518;
export const PAYLOAD_TYPE = { request: 1, response: 2, notify: 3 } as const;
export const CONTENT = { empty: 0, text: 1, json: 2, bin: 3 } as const;

export interface Message {
  traceId: number;
  spanId: number;
  seqId: number;
  totalLength: number;
  payloadType: number;
  opCode: number;
  contentType: number;
  dataType: number;
  data: Uint8Array;
}

export function encodeMessage(m: Omit<Message, 'totalLength'> & { totalLength?: number }): Uint8Array {
  const out = new Uint8Array(MESSAGE_HEADER + m.data.byteLength);
  const v = new DataView(out.buffer);
  v.setUint32(0, m.traceId, true);
  v.setUint32(4, 0, true); // parentId
  v.setUint32(8, m.spanId, true);
  v.setUint32(12, m.seqId, true);
  v.setUint32(16, m.totalLength ?? m.data.byteLength, true);
  v.setUint32(20, m.data.byteLength, true);
  v.setUint8(24, m.payloadType);
  v.setUint8(25, m.opCode);
  // 26..53: seven timestamps, left 0; 54: contentType, 55: dataType, 56..65: extras (0).
  v.setUint8(54, m.contentType);
  v.setUint8(55, m.dataType);
  out.set(m.data, MESSAGE_HEADER);
  return out;
}

export function decodeMessage(bytes: Uint8Array): Message {
  if (bytes.byteLength < MESSAGE_HEADER)
    throw new RangeError(`message of ${bytes.byteLength} bytes is shorter than its header`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const payloadLength = v.getUint32(20, true);
  const data = bytes.slice(MESSAGE_HEADER);
  if (data.byteLength !== payloadLength)
    throw new RangeError(`payloadLength ${payloadLength} but ${data.byteLength} bytes follow`);
  return {
    traceId: v.getUint32(0, true),
    spanId: v.getUint32(8, true),
    seqId: v.getUint32(12, true),
    totalLength: v.getUint32(16, true),
    payloadType: v.getUint8(24),
    opCode: v.getUint8(25),
    contentType: v.getUint8(54),
    dataType: v.getUint8(55),
    data,
  };
}

/** Splits data into ZML chunks: seqId from 0, opCode 1 on the last. */
export function chunkMessage(
  base: { traceId: number; spanId: number; payloadType: number; contentType: number; dataType: number },
  data: Uint8Array,
): Uint8Array[] {
  const count = Math.max(1, Math.ceil(data.byteLength / CHUNK_DATA));
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const part = data.subarray(i * CHUNK_DATA, Math.min(data.byteLength, (i + 1) * CHUNK_DATA));
    out.push(
      encodeMessage({ ...base, seqId: i, opCode: i === count - 1 ? 1 : 0, totalLength: data.byteLength, data: part }),
    );
  }
  return out;
}

export class WireWatch {
  readonly port: WatchPort;
  readonly received: Array<{ type: number; port2: number; message?: Message }> = [];
  readonly statuses: boolean[] = [];
  sidePort = 0;
  private nextTrace = 500;
  private readonly pending = new Map<number, { chunks: Message[]; resolve: (v: unknown) => void }>();

  constructor(
    link: Link,
    readonly appId = 1093118,
  ) {
    this.port = link.attachWatch((frame) => this.onFrame(frame));
    this.port.onStatus((up) => this.statuses.push(up));
  }

  private header(type: number) {
    return { flag: 1, version: 1, type, port1: 20, port2: this.sidePort, appId: this.appId, extra: 0 };
  }

  shake(): boolean {
    return this.port.send(writeFrame(this.header(FRAME_TYPE.shake), new Uint8Array([this.appId & 0xff])));
  }

  /** Sends a ZML JSON-RPC request; resolves with the decoded answer ({jsonrpc, result} or {jsonrpc, error}). */
  request(method: string, params?: unknown): Promise<unknown> {
    const traceId = this.nextTrace++;
    const data = new TextEncoder().encode(JSON.stringify({ jsonrpc: 'hmrpcv1', method, params }));
    const answer = new Promise<unknown>((resolve) => this.pending.set(traceId, { chunks: [], resolve }));
    for (const chunk of chunkMessage(
      {
        traceId,
        spanId: 1000 + traceId,
        payloadType: PAYLOAD_TYPE.request,
        contentType: CONTENT.json,
        dataType: CONTENT.json,
      },
      data,
    )) {
      if (!this.port.send(writeFrame(this.header(FRAME_TYPE.data), chunk))) throw new Error('send message error');
    }
    return answer;
  }

  private onFrame(frame: ArrayBuffer): void {
    const h = readHeader(frame);
    if (h.type === FRAME_TYPE.shake) {
      this.sidePort = h.port2;
      this.received.push({ type: h.type, port2: h.port2 });
      return;
    }
    if (h.type === FRAME_TYPE.close) {
      this.sidePort = 0;
      this.received.push({ type: h.type, port2: h.port2 });
      return;
    }
    const message = decodeMessage(new Uint8Array(frame, 16));
    this.received.push({ type: h.type, port2: h.port2, message });
    const wait = this.pending.get(message.traceId);
    if (!wait || message.payloadType !== PAYLOAD_TYPE.response) return;
    wait.chunks.push(message);
    const last = wait.chunks.find((c) => c.opCode === 1);
    if (!last || wait.chunks.length !== last.seqId + 1) return;
    wait.chunks.sort((a, b) => a.seqId - b.seqId);
    const all = new Uint8Array(last.totalLength);
    let at = 0;
    for (const c of wait.chunks) {
      all.set(c.data, at);
      at += c.data.byteLength;
    }
    if (at !== last.totalLength)
      throw new Error(`response ${message.traceId}: ${at} bytes, expected ${last.totalLength}`);
    this.pending.delete(message.traceId);
    wait.resolve(JSON.parse(new TextDecoder().decode(all)));
  }
}
