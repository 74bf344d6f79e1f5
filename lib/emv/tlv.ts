// BER-TLV as EMV uses it (EMV Book 3 annex B): multi-byte tags, short and long lengths,
// constructed templates decoded recursively. Tags are upper-case hex strings ("9F26").
// Any input either decodes or fails with TlvError; nothing else is thrown.
import { toHex } from '../encoding/bytes';

export class TlvError extends Error {
  override name = 'TlvError';
}

export type TlvNode = TlvPrimitive | TlvConstructed;
export interface TlvPrimitive {
  tag: string;
  value: Uint8Array;
}
export interface TlvConstructed {
  tag: string;
  children: TlvNode[];
}

export const MAX_TAG_BYTES = 4;
/** Lengths up to 4 length bytes (0x84) are read; EMV objects never come near that. */
export const MAX_LENGTH_BYTES = 4;
export const DEFAULT_MAX_DEPTH = 16;

export function isConstructed(node: TlvNode): node is TlvConstructed {
  return 'children' in node;
}

/** Tag bytes for a hex tag; checks the BER continuation rules. */
export function tagBytes(tag: string): Uint8Array {
  if (typeof tag !== 'string' || !/^(?:[0-9A-F]{2})+$/.test(tag))
    throw new TlvError(`tag must be upper-case hex bytes, got ${JSON.stringify(tag)}`);
  const n = tag.length / 2;
  if (n > MAX_TAG_BYTES) throw new TlvError(`tag ${tag} is longer than ${MAX_TAG_BYTES} bytes`);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = parseInt(tag.slice(2 * i, 2 * i + 2), 16);
  if (out[0] === 0x00) throw new TlvError('tag 00 is reserved for padding');
  const multi = ((out[0] as number) & 0x1f) === 0x1f;
  if (!multi && n !== 1) throw new TlvError(`tag ${tag}: first byte does not announce more tag bytes`);
  if (multi) {
    if (n === 1) throw new TlvError(`tag ${tag}: missing subsequent tag bytes`);
    for (let i = 1; i < n; i++) {
      const more = ((out[i] as number) & 0x80) !== 0;
      if (more !== i < n - 1) throw new TlvError(`tag ${tag}: bad continuation bit in byte ${i + 1}`);
    }
  }
  return out;
}

function lengthBytes(len: number): number[] {
  if (len < 0x80) return [len];
  const out: number[] = [];
  for (let v = len; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  if (out.length > MAX_LENGTH_BYTES) throw new TlvError(`length ${len} too large`);
  return [0x80 | out.length, ...out];
}

function encodeInto(nodes: readonly TlvNode[], out: number[], depth: number): void {
  if (depth > DEFAULT_MAX_DEPTH) throw new TlvError(`nesting deeper than ${DEFAULT_MAX_DEPTH}`);
  for (const node of nodes) {
    const tb = tagBytes(node.tag);
    const constructedTag = ((tb[0] as number) & 0x20) !== 0;
    let value: ArrayLike<number>;
    if (isConstructed(node)) {
      if (!constructedTag) throw new TlvError(`tag ${node.tag} is primitive but has children`);
      const inner: number[] = [];
      encodeInto(node.children, inner, depth + 1);
      value = inner;
    } else {
      if (constructedTag) throw new TlvError(`tag ${node.tag} is constructed but has a value instead of children`);
      if (!(node.value instanceof Uint8Array)) throw new TlvError(`tag ${node.tag}: value must be a Uint8Array`);
      value = node.value;
    }
    for (let i = 0; i < tb.length; i++) out.push(tb[i] as number);
    for (const b of lengthBytes(value.length)) out.push(b);
    for (let i = 0; i < value.length; i++) out.push(value[i] as number);
  }
}

/** Encodes TLV objects with minimal (DER-style) lengths. */
export function encodeTlv(nodes: readonly TlvNode[]): Uint8Array {
  const out: number[] = [];
  encodeInto(nodes, out, 0);
  return Uint8Array.from(out);
}

function decodeRange(bytes: Uint8Array, start: number, end: number, depth: number, maxDepth: number): TlvNode[] {
  if (depth > maxDepth) throw new TlvError(`nesting deeper than ${maxDepth}`);
  const nodes: TlvNode[] = [];
  let i = start;
  while (i < end) {
    // Book 3 annex B: '00' bytes may pad before, between and after objects.
    if (bytes[i] === 0x00) {
      i++;
      continue;
    }
    const tagStart = i;
    const first = bytes[i++] as number;
    if ((first & 0x1f) === 0x1f) {
      let b: number;
      do {
        if (i >= end) throw new TlvError(`truncated tag at offset ${tagStart}`);
        b = bytes[i++] as number;
        if (i - tagStart > MAX_TAG_BYTES)
          throw new TlvError(`tag at offset ${tagStart} longer than ${MAX_TAG_BYTES} bytes`);
      } while (b & 0x80);
    }
    const tag = toHex(bytes.subarray(tagStart, i));
    if (i >= end) throw new TlvError(`missing length for tag ${tag} at offset ${tagStart}`);
    let len = bytes[i++] as number;
    if (len === 0x80) throw new TlvError(`indefinite length for tag ${tag} (not allowed in EMV)`);
    if (len > 0x80) {
      const n = len & 0x7f;
      if (n > MAX_LENGTH_BYTES)
        throw new TlvError(`length of tag ${tag} uses ${n} bytes (at most ${MAX_LENGTH_BYTES})`);
      if (i + n > end) throw new TlvError(`truncated length for tag ${tag}`);
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + (bytes[i++] as number);
    }
    if (len > end - i) throw new TlvError(`tag ${tag} at offset ${tagStart} needs ${len} bytes, ${end - i} left`);
    if ((first & 0x20) !== 0) {
      nodes.push({ tag, children: decodeRange(bytes, i, i + len, depth + 1, maxDepth) });
    } else {
      nodes.push({ tag, value: bytes.slice(i, i + len) });
    }
    i += len;
  }
  return nodes;
}

/** Decodes a sequence of TLV objects filling all of `bytes`. */
export function decodeTlv(bytes: Uint8Array, maxDepth = DEFAULT_MAX_DEPTH): TlvNode[] {
  if (!(bytes instanceof Uint8Array)) throw new TlvError('input must be a Uint8Array');
  return decodeRange(bytes, 0, bytes.length, 0, maxDepth);
}

/** The first object with this tag among `nodes` (not searching inside templates). */
export function findTlv(nodes: readonly TlvNode[], tag: string): TlvNode | undefined {
  return nodes.find((n) => n.tag === tag);
}

/** The value of the first primitive object with this tag, if any. */
export function findValue(nodes: readonly TlvNode[], tag: string): Uint8Array | undefined {
  const n = findTlv(nodes, tag);
  return n && !isConstructed(n) ? n.value : undefined;
}
