// Code 128 (ISO/IEC 15417) encoder: code set C for digit pairs, code set B for other printable
// ASCII, mod-103 check symbol, stop pattern and quiet zones. Written here because no small,
// well-kept library fits a watch bundle.

/** A linear barcode as modules, quiet zones included. */
export interface Barcode {
  modules: Uint8Array; // 1 = bar, 0 = space; quiet zones at both ends
  quiet: number; // light modules at each end
  symbols: number[]; // symbol values: start, data, check (the stop pattern follows)
}

/** Light modules at each end: ISO/IEC 15417 asks for at least 10 X. */
export const CODE128_QUIET_ZONE = 10;

// Symbol values 0..105 as 11-module patterns, most significant bit first (1 = bar): every
// symbol is 3 bars and 3 spaces starting with a bar. test/codes/code128.test.ts checks this
// against the standard's table of bar/space widths.
const PATTERNS = [
  0x6cc, 0x66c, 0x666, 0x498, 0x48c, 0x44c, 0x4c8, 0x4c4, 0x464, 0x648, 0x644, 0x624, 0x59c, 0x4dc, 0x4ce, 0x5cc, 0x4ec,
  0x4e6, 0x672, 0x65c, 0x64e, 0x6e4, 0x674, 0x76e, 0x74c, 0x72c, 0x726, 0x764, 0x734, 0x732, 0x6d8, 0x6c6, 0x636, 0x518,
  0x458, 0x446, 0x588, 0x468, 0x462, 0x688, 0x628, 0x622, 0x5b8, 0x58e, 0x46e, 0x5d8, 0x5c6, 0x476, 0x776, 0x68e, 0x62e,
  0x6e8, 0x6e2, 0x6ee, 0x758, 0x746, 0x716, 0x768, 0x762, 0x71a, 0x77a, 0x642, 0x78a, 0x530, 0x50c, 0x4b0, 0x486, 0x42c,
  0x426, 0x590, 0x584, 0x4d0, 0x4c2, 0x434, 0x432, 0x612, 0x650, 0x7ba, 0x614, 0x47a, 0x53c, 0x4bc, 0x49e, 0x5e4, 0x4f4,
  0x4f2, 0x7a4, 0x794, 0x792, 0x6de, 0x6f6, 0x7b6, 0x578, 0x51e, 0x45e, 0x5e8, 0x5e2, 0x7a8, 0x7a2, 0x5de, 0x5ee, 0x75e,
  0x7ae, 0x684, 0x690, 0x69c,
];
const STOP = 0x18eb; // 13 modules: 2331112

const CODE_C = 99;
const CODE_B = 100;
const START_B = 104;
const START_C = 105;

/** The 11-module pattern of symbol value 0..105 (most significant bit = first module). */
export function code128Pattern(value: number): number {
  const p = PATTERNS[value];
  if (p === undefined) throw new Error(`Code 128: no symbol value ${value}`);
  return p;
}

function digitRun(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i - from;
}

/**
 * The symbol values for `text` (printable ASCII 32..126), start and check symbol included.
 * Digits go in set C in pairs where a run of 4 or more (or the whole text, if 2 or more and
 * even) allows it; everything else goes in set B.
 */
export function code128Symbols(text: string): number[] {
  if (text.length === 0) throw new Error('Code 128: nothing to encode');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126)
      throw new Error(`Code 128: character ${JSON.stringify(text[i])} at ${i} is not printable ASCII`);
  }
  const out: number[] = [];
  const firstRun = digitRun(text, 0);
  let setC = (firstRun >= 4 && firstRun % 2 === 0) || (firstRun === text.length && firstRun >= 2 && firstRun % 2 === 0);
  out.push(setC ? START_C : START_B);
  let i = 0;
  while (i < text.length) {
    const run = digitRun(text, i);
    if (setC) {
      if (run >= 2) {
        out.push(Number(text.slice(i, i + 2)));
        i += 2;
        continue;
      }
      out.push(CODE_B);
      setC = false;
    }
    if (run >= 4) {
      // An odd run leaves its first digit in set B, so the rest pairs up.
      if (run % 2 === 1) {
        out.push(text.charCodeAt(i) - 32);
        i++;
      }
      out.push(CODE_C);
      setC = true;
      continue;
    }
    out.push(text.charCodeAt(i) - 32);
    i++;
  }
  let sum = out[0]!;
  for (let k = 1; k < out.length; k++) sum += k * out[k]!;
  out.push(sum % 103);
  return out;
}

/** Encodes `text` as Code 128 modules with quiet zones of `quiet` modules (default 10). */
export function encodeCode128(text: string, quiet = CODE128_QUIET_ZONE): Barcode {
  if (!Number.isInteger(quiet) || quiet < 0) throw new Error('Code 128: quiet zone must be a whole number >= 0');
  const symbols = code128Symbols(text);
  const modules = new Uint8Array(quiet * 2 + symbols.length * 11 + 13);
  let at = quiet;
  for (const s of symbols) {
    const p = PATTERNS[s]!;
    for (let b = 10; b >= 0; b--) modules[at++] = (p >>> b) & 1;
  }
  for (let b = 12; b >= 0; b--) modules[at++] = (STOP >>> b) & 1;
  return { modules, quiet, symbols };
}
