// Bytes: hex text <-> bytes and constant-time equality, pure JS. Hex output is upper case (as EMV
// documents write it); input may be either case.

export class HexError extends Error {
  override name = 'HexError';
}

const HEX = '0123456789ABCDEF';

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    s += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return s;
}

export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new HexError(`not an even-length hex string: ${JSON.stringify(String(hex).slice(0, 40))}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Equal strings (compared by UTF-16 code unit) or equal byte arrays, without an early exit, so timing
 * does not leak where they differ. Only the length is compared first: lengths are not secret here.
 */
export function constantTimeEqual(a: string, b: string): boolean;
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean;
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a !== typeof b || a.length !== b.length) return false;
  const at = (x: string | Uint8Array, i: number): number =>
    typeof x === 'string' ? x.charCodeAt(i) : (x[i] as number);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= at(a, i) ^ at(b, i);
  return diff === 0;
}
