// Hex text <-> bytes, pure JS. Output is upper case (as EMV documents write it).

export class HexError extends Error {
  override name = 'HexError';
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += ((bytes[i] as number) < 16 ? '0' : '') + (bytes[i] as number).toString(16);
  return s.toUpperCase();
}

export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new HexError(`not an even-length hex string: ${JSON.stringify(String(hex).slice(0, 40))}`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
