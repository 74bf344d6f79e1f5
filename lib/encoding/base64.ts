// Base64 (RFC 4648 section 4, padded) and base64url (section 5, unpadded), pure JS.
// Decoders are strict: wrong alphabet, wrong length, wrong padding or non-zero spare
// bits are errors, so one byte string has exactly one accepted text form.

export class Base64Error extends Error {
  override name = 'Base64Error';
}

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function table(alphabet: string): Int16Array {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) t[alphabet.charCodeAt(i)] = i;
  return t;
}
const STD_T = table(STD);
const URL_T = table(URL);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + (pad ? '==' : '');
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + (pad ? '=' : '');
  }
  return out;
}

function decode(text: string, t: Int16Array, padded: boolean, what: string): Uint8Array {
  if (typeof text !== 'string') throw new Base64Error(`${what}: expected a string`);
  let len = text.length;
  if (padded) {
    if (len % 4 !== 0) throw new Base64Error(`${what}: length ${len} is not a multiple of 4`);
    if (len > 0 && text[len - 1] === '=') len--;
    if (len > 0 && text[len - 1] === '=') len--;
  }
  const rem = len % 4;
  if (rem === 1) throw new Base64Error(`${what}: impossible length ${text.length}`);
  const out = new Uint8Array(Math.floor(len / 4) * 3 + (rem === 0 ? 0 : rem - 1));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (t[c] as number) : -1;
    if (v < 0) throw new Base64Error(`${what}: invalid character at ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new Base64Error(`${what}: non-zero padding bits`);
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  return encode(bytes, STD, true);
}
export function decodeBase64(text: string): Uint8Array {
  return decode(text, STD_T, true, 'base64');
}
export function encodeBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL, false);
}
export function decodeBase64Url(text: string): Uint8Array {
  return decode(text, URL_T, false, 'base64url');
}
