// The ride code's bytes and its decimal text. Fixed layout, 141 bytes, big-endian:
//
//   0       header: format version (high 4 bits, 1), recovery bit of the step signature (bit 3),
//           issuer key id (bits 0-2)
//   1..4    certificate serial (u32)
//   5..8    certificate notAfter, Unix seconds (u32)
//   9..72   the issuer's certificate signature, P-256 ECDSA r || s
//   73..76  the step: Unix seconds / 30 (u32)
//   77..140 the card key's step signature, P-256 ECDSA r || s (low s)
//
// The text is the whole 141 bytes read as one big-endian number, in decimal, zero-padded to 340
// digits: a QR code holds digits in numeric mode at 3.33 bits each, against 8 bits per byte in byte
// mode, so the text costs 1.1% more than the bytes and can be typed, piped or pasted anywhere.
// Every 340-digit string below 2^1128 is one byte string: no two texts decode to the same bytes.

export const RIDE_FORMAT_VERSION = 1;
export const RIDE_STEP_SECONDS = 30;
export const RIDE_CODE_BYTES = 141;
export const RIDE_CODE_DIGITS = 340; // ceil(1128 * log10(2))
export const SIG_BYTES = 64;

export interface RideCodeParts {
  version: number;
  recovery: number; // 0 | 1
  keyId: number; // 0..7
  serial: number;
  notAfter: number; // Unix seconds
  certSig: Uint8Array; // 64
  step: number;
  stepSig: Uint8Array; // 64
}

export class RideFormatError extends Error {
  override name = 'RideFormatError';
}

function u32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 255;
  b[at + 2] = (v >>> 8) & 255;
  b[at + 3] = v & 255;
}
function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}
function isU32(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
}

export function encodeRideBytes(p: RideCodeParts): Uint8Array {
  if (!(Number.isInteger(p.version) && p.version >= 0 && p.version < 16)) throw new RangeError('version: 0..15');
  if (p.recovery !== 0 && p.recovery !== 1) throw new RangeError('recovery: 0 or 1');
  if (!(Number.isInteger(p.keyId) && p.keyId >= 0 && p.keyId < 8)) throw new RangeError('keyId: 0..7');
  if (!isU32(p.serial) || !isU32(p.notAfter) || !isU32(p.step)) throw new RangeError('serial, notAfter, step: u32');
  if (p.certSig.length !== SIG_BYTES || p.stepSig.length !== SIG_BYTES) throw new RangeError('signatures: 64 bytes');
  const b = new Uint8Array(RIDE_CODE_BYTES);
  b[0] = (p.version << 4) | (p.recovery << 3) | p.keyId;
  u32(b, 1, p.serial);
  u32(b, 5, p.notAfter);
  b.set(p.certSig, 9);
  u32(b, 73, p.step);
  b.set(p.stepSig, 77);
  return b;
}

/** The fields of 141 bytes (any version: the verifier judges it). Throws RideFormatError on another length. */
export function decodeRideBytes(b: Uint8Array): RideCodeParts {
  if (b.length !== RIDE_CODE_BYTES)
    throw new RideFormatError(`a ride code has ${RIDE_CODE_BYTES} bytes, not ${b.length}`);
  return {
    version: b[0]! >> 4,
    recovery: (b[0]! >> 3) & 1,
    keyId: b[0]! & 7,
    serial: readU32(b, 1),
    notAfter: readU32(b, 5),
    certSig: b.slice(9, 73),
    step: readU32(b, 73),
    stepSig: b.slice(77, 141),
  };
}

const HEX = '0123456789abcdef';

/** 141 bytes -> 340 decimal digits. */
export function rideBytesToDigits(b: Uint8Array): string {
  if (b.length !== RIDE_CODE_BYTES) throw new RangeError(`a ride code has ${RIDE_CODE_BYTES} bytes`);
  let hex = '0x';
  for (let i = 0; i < b.length; i++) hex += HEX[b[i]! >> 4]! + HEX[b[i]! & 15]!;
  const s = BigInt(hex).toString(10);
  return '0'.repeat(RIDE_CODE_DIGITS - s.length) + s;
}

/** 340 decimal digits -> 141 bytes. Throws RideFormatError naming what is wrong. */
export function rideDigitsToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new RideFormatError('a ride code is text');
  if (text.length !== RIDE_CODE_DIGITS)
    throw new RideFormatError(`a ride code has ${RIDE_CODE_DIGITS} digits, this one ${text.length} (truncated?)`);
  if (!/^[0-9]+$/.test(text)) throw new RideFormatError('a ride code has only digits');
  let hex = BigInt(text).toString(16);
  if (hex.length > RIDE_CODE_BYTES * 2) throw new RideFormatError('the number is too large for a ride code');
  hex = '0'.repeat(RIDE_CODE_BYTES * 2 - hex.length) + hex;
  const out = new Uint8Array(RIDE_CODE_BYTES);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
