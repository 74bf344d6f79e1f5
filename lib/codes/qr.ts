// QR Code model 2 (ISO/IEC 18004) encoder: error correction level M, numeric or byte mode,
// the smallest version (1-40) that fits.
//
// Why not qrcode-generator at run time: on the watch it costs ~21 KB minified (GIF/SVG/table
// renderers, all four EC levels, Kanji) of the 30 KB budget, and its make() builds the whole
// symbol eight times and scores each through per-module isDark() calls, which is most of a
// payment code's time in QuickJS. This encoder builds the unmasked symbol once, then scores the
// eight masks on a flat Uint8Array. qrcode-generator stays the oracle: test/codes/qr.test.ts
// checks that for every version and both modes our symbol, under one of the eight masks, equals
// qrcode-generator's module for module, and that jsQR and zxing-wasm read it back.

/** A QR symbol without its quiet zone. */
export interface QrMatrix {
  version: number; // 1..40
  mask: number; // 0..7
  size: number; // modules per side, quiet zone NOT included (17 + 4 * version)
  modules: Uint8Array; // size * size, row-major, 1 = dark
}

/** Light modules required around the symbol (ISO/IEC 18004: 4). Layout adds them. */
export const QR_QUIET_ZONE = 4;

export type QrMode = 'numeric' | 'byte';

// Level M per version: error correction codewords per block, number of blocks (ISO/IEC 18004 table 9).
const EC_PER_BLOCK_M = [
  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28,
  28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];
const BLOCKS_M = [
  1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35,
  37, 38, 40, 43, 45, 47, 49,
];
const FORMAT_EC_BITS_M = 0; // level M is 00 in the format information

/** Codewords (data + EC) a version holds: its data-region modules / 8. */
function rawCodewords(version: number): number {
  let bits = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    bits -= (25 * align - 10) * align - 55;
    if (version >= 7) bits -= 36;
  }
  return bits >> 3;
}

function dataCodewords(version: number): number {
  return rawCodewords(version) - EC_PER_BLOCK_M[version - 1]! * BLOCKS_M[version - 1]!;
}

function countBits(mode: QrMode, version: number): number {
  if (mode === 'numeric') return version < 10 ? 10 : version < 27 ? 12 : 14;
  return version < 10 ? 8 : 16;
}

function payloadBits(mode: QrMode, length: number): number {
  if (mode === 'byte') return length * 8;
  return Math.floor(length / 3) * 10 + [0, 4, 7][length % 3]!;
}

class BitWriter {
  readonly bytes: number[] = [];
  bitLength = 0;
  put(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      if ((this.bitLength & 7) === 0) this.bytes.push(0);
      if ((value >>> i) & 1) this.bytes[this.bytes.length - 1]! |= 0x80 >>> (this.bitLength & 7);
      this.bitLength++;
    }
  }
}

// GF(256) with polynomial 0x11D, as log/antilog tables.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;

/** Generator polynomial coefficients (leading 1 omitted) for `degree` EC codewords. */
function rsGenerator(degree: number): Uint8Array {
  const g = new Uint8Array(degree);
  g[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      g[j] = mul(g[j]!, root) ^ (j + 1 < degree ? g[j + 1]! : 0);
    }
    root = mul(root, 2);
  }
  return g;
}

function mul(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!;
}

function rsRemainder(data: ArrayLike<number>, gen: Uint8Array): Uint8Array {
  const rem = new Uint8Array(gen.length);
  for (let i = 0; i < data.length; i++) {
    const factor = data[i]! ^ rem[0]!;
    rem.copyWithin(0, 1);
    rem[rem.length - 1] = 0;
    if (factor !== 0) {
      const lf = LOG[factor]!;
      for (let j = 0; j < gen.length; j++) if (gen[j]) rem[j]! ^= EXP[LOG[gen[j]!]! + lf]!;
    }
  }
  return rem;
}

/** Data codewords -> interleaved data + EC codewords. */
function addErrorCorrection(data: number[], version: number): number[] {
  const blocks = BLOCKS_M[version - 1]!;
  const ecLen = EC_PER_BLOCK_M[version - 1]!;
  const raw = rawCodewords(version);
  const shortBlocks = blocks - (raw % blocks);
  const shortLen = Math.floor(raw / blocks) - ecLen; // data codewords in a short block
  const gen = rsGenerator(ecLen);
  const dataBlocks: number[][] = [];
  const ecBlocks: Uint8Array[] = [];
  for (let b = 0, k = 0; b < blocks; b++) {
    const len = shortLen + (b < shortBlocks ? 0 : 1);
    const block = data.slice(k, k + len);
    k += len;
    dataBlocks.push(block);
    ecBlocks.push(rsRemainder(block, gen));
  }
  const out: number[] = [];
  for (let i = 0; i <= shortLen; i++) {
    for (const block of dataBlocks) if (i < block.length) out.push(block[i]!);
  }
  for (let i = 0; i < ecLen; i++) for (const ec of ecBlocks) out.push(ec[i]!);
  return out;
}

function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const size = 17 + 4 * version;
  const out = [6];
  for (let pos = size - 7 - (count - 2) * step; pos <= size - 7; pos += step) out.push(pos);
  return out;
}

/** Writes a function module: value into `m`, and marks it in `fn`. */
function setFn(m: Uint8Array, fn: Uint8Array, size: number, x: number, y: number, dark: boolean): void {
  m[y * size + x] = dark ? 1 : 0;
  fn[y * size + x] = 1;
}

function drawFunctionPatterns(m: Uint8Array, fn: Uint8Array, version: number): void {
  const size = 17 + 4 * version;
  for (let i = 0; i < size; i++) {
    setFn(m, fn, size, 6, i, i % 2 === 0);
    setFn(m, fn, size, i, 6, i % 2 === 0);
  }
  const finder = (cx: number, cy: number): void => {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx + dx;
        const y = cy + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        const d = Math.max(Math.abs(dx), Math.abs(dy));
        setFn(m, fn, size, x, y, d !== 2 && d !== 4);
      }
    }
  };
  finder(3, 3);
  finder(size - 4, 3);
  finder(3, size - 4);
  const align = alignmentPositions(version);
  const last = align.length - 1;
  for (let i = 0; i <= last; i++) {
    for (let j = 0; j <= last; j++) {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) continue; // finders
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          setFn(m, fn, size, align[i]! + dx, align[j]! + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      }
    }
  }
  // Reserve the format areas now (written per mask later), then the dark module.
  drawFormat(m, fn, size, 0);
  if (version >= 7) {
    let rem = version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      setFn(m, fn, size, a, b, dark);
      setFn(m, fn, size, b, a, dark);
    }
  }
}

function formatBits(mask: number): number {
  const data = (FORMAT_EC_BITS_M << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

function drawFormat(m: Uint8Array, fn: Uint8Array, size: number, mask: number): void {
  const bits = formatBits(mask);
  const bit = (i: number): boolean => ((bits >>> i) & 1) === 1;
  for (let i = 0; i <= 5; i++) setFn(m, fn, size, 8, i, bit(i));
  setFn(m, fn, size, 8, 7, bit(6));
  setFn(m, fn, size, 8, 8, bit(7));
  setFn(m, fn, size, 7, 8, bit(8));
  for (let i = 9; i < 15; i++) setFn(m, fn, size, 14 - i, 8, bit(i));
  for (let i = 0; i < 8; i++) setFn(m, fn, size, size - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i++) setFn(m, fn, size, 8, size - 15 + i, bit(i));
  setFn(m, fn, size, 8, size - 8, true); // the dark module
}

function placeData(m: Uint8Array, fn: Uint8Array, size: number, codewords: number[]): void {
  const totalBits = codewords.length * 8;
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // skip the vertical timing column
    const upward = ((right + 1) & 2) === 0;
    for (let v = 0; v < size; v++) {
      const y = upward ? size - 1 - v : v;
      for (let j = 0; j < 2; j++) {
        const idx = y * size + right - j;
        if (fn[idx] === 0 && i < totalBits) {
          m[idx] = (codewords[i >>> 3]! >>> (7 - (i & 7))) & 1;
          i++;
        } // remainder bits stay 0 (light) before masking, as the standard says
      }
    }
  }
}

function maskBit(mask: number, x: number, y: number): boolean {
  switch (mask) {
    case 0:
      return (x + y) % 2 === 0;
    case 1:
      return y % 2 === 0;
    case 2:
      return x % 3 === 0;
    case 3:
      return (x + y) % 3 === 0;
    case 4:
      return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    default:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
  }
}

function applyMask(m: Uint8Array, fn: Uint8Array, size: number, mask: number): void {
  for (let y = 0, idx = 0; y < size; y++) {
    for (let x = 0; x < size; x++, idx++) {
      if (fn[idx] === 0 && maskBit(mask, x, y)) m[idx]! ^= 1;
    }
  }
}

/** The standard's penalty score (rules N1-N4); lower is better. */
export function qrPenalty(m: Uint8Array, size: number): number {
  return size + 8 <= 31 ? qrPenaltyBits(m, size) : qrPenaltyScan(m, size);
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * qrPenalty for version 1 (21 x 21: every payment code) with rows and columns as 32-bit
 * integers: scoring the eight masks was most of encodeQr's time in QuickJS, and this cuts it
 * severalfold. Same score as qrPenaltyScan (a property test holds them equal).
 */
export function qrPenaltyBits(m: Uint8Array, size: number): number {
  if (size + 8 > 31) throw new Error('qrPenaltyBits: symbol too large for 32-bit lines');
  const rows = new Int32Array(size);
  const cols = new Int32Array(size);
  let dark = 0;
  for (let y = 0, i = 0; y < size; y++) {
    for (let x = 0; x < size; x++, i++) {
      if (m[i] === 1) {
        rows[y]! |= 1 << x;
        cols[x]! |= 1 << y;
        dark++;
      }
    }
  }
  const full = (1 << size) - 1;
  const starts = (1 << (size - 2)) - 1; // 11-module windows over the line padded by 4 light each side
  let score = 0;
  for (let pass = 0; pass < 2; pass++) {
    const lines = pass === 0 ? rows : cols;
    for (let k = 0; k < size; k++) {
      const v = lines[k]!;
      // N1: a run of L >= 5 holds L - 4 starts of five in a row; it scores 3 + (L - 5).
      for (let colour = 0; colour < 2; colour++) {
        const b = colour === 0 ? v : ~v & full;
        const r5 = b & (b >>> 1) & (b >>> 2) & (b >>> 3) & (b >>> 4);
        if (r5 !== 0) score += popcount(r5) + 2 * popcount(r5 & ~(r5 >>> 1));
      }
      // N3: 1011101 with 4 light modules before or after, bit k of a pattern = k-th module.
      const padded = v << 4;
      let a = -1;
      let c = -1;
      for (let j = 0; j < 11; j++) {
        const sh = padded >>> j;
        a &= (0x05d >>> j) & 1 ? sh : ~sh;
        c &= (0x5d0 >>> j) & 1 ? sh : ~sh;
      }
      score += 40 * (popcount(a & starts) + popcount(c & starts));
    }
  }
  // N2: 2x2 blocks of one colour.
  const pairs = (1 << (size - 1)) - 1;
  for (let y = 0; y + 1 < size; y++) {
    const both = rows[y]! & rows[y + 1]!;
    const none = ~(rows[y]! | rows[y + 1]!) & full;
    score += 3 * (popcount(both & (both >>> 1) & pairs) + popcount(none & (none >>> 1) & pairs));
  }
  const total = size * size;
  score += (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
  return score;
}

/**
 * qrPenalty for any size, from each line's run lengths. N3 counts what an 11-module window
 * sliding over the line (padded by the light quiet zone) would: dark 1 : light 1 : dark 3 :
 * light 1 : dark 1 with 4 light modules after it (the first dark run may be longer, it starts
 * before the window) or before it (the last dark run may be longer).
 */
export function qrPenaltyScan(m: Uint8Array, size: number): number {
  let score = 0;
  let dark = 0;
  const runs = new Int32Array(size + 1);
  for (let pass = 0; pass < 2; pass++) {
    const major = pass === 0 ? size : 1;
    const minor = pass === 0 ? 1 : size;
    for (let a = 0; a < size; a++) {
      const base = a * major;
      const first = m[base]!;
      let prev = first;
      let len = 0;
      let n = 0;
      for (let b = 0, i = base; b < size; b++, i += minor) {
        const v = m[i]!;
        dark += v;
        if (v === prev) len++;
        else {
          runs[n++] = len;
          len = 1;
          prev = v;
        }
      }
      runs[n++] = len;
      // N1: a run of L >= 5 scores 3 + (L - 5).
      for (let r = 0; r < n; r++) if (runs[r]! >= 5) score += runs[r]! - 2;
      // N3: dark runs are the even runs when the line starts dark, the odd ones otherwise.
      for (let r = first === 1 ? 0 : 1; r + 4 < n; r += 2) {
        if (runs[r + 1] !== 1 || runs[r + 3] !== 1) continue;
        if (runs[r + 2] !== 3) continue;
        const lightBefore = r === 0 ? 4 : runs[r - 1]! + (r - 1 === 0 ? 4 : 0);
        const lightAfter = r + 4 === n - 1 ? 4 : runs[r + 5]! + (r + 5 === n - 1 ? 4 : 0);
        if (runs[r + 4] === 1 && lightAfter >= 4) score += 40; // 1011101 then 0000
        if (runs[r] === 1 && lightBefore >= 4) score += 40; // 0000 then 1011101
      }
    }
  }
  dark >>= 1; // every module was counted once per pass
  // N2: 2x2 blocks of one colour.
  for (let y = 0; y + 1 < size; y++) {
    for (let x = 0, i = y * size; x + 1 < size; x++, i++) {
      const v = m[i]!;
      if (v === m[i + 1] && v === m[i + size] && v === m[i + size + 1]) score += 3;
    }
  }
  // N4: distance of the dark share from 50%, in 5% steps.
  const total = size * size;
  score += (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
  return score;
}

function chooseMode(text: string): QrMode {
  return /^[0-9]*$/.test(text) ? 'numeric' : 'byte';
}

function toBytes(data: string | Uint8Array): Uint8Array {
  if (typeof data !== 'string') return data;
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c > 0x7f) throw new Error('QR byte mode: text must be ASCII (pass a Uint8Array for other bytes)');
    out[i] = c;
  }
  return out;
}

/**
 * Encodes digits in numeric mode, or an ASCII string / bytes in byte mode (the EMV CPM base64
 * string), at level M in the smallest version that fits. `mode` defaults to numeric for a
 * digits-only string. Throws if the data does not fit version 40.
 */
export function encodeQr(data: string | Uint8Array, mode?: QrMode): QrMatrix {
  const chosen: QrMode = mode ?? (typeof data === 'string' ? chooseMode(data) : 'byte');
  if (chosen === 'numeric' && (typeof data !== 'string' || !/^[0-9]*$/.test(data))) {
    throw new Error('QR numeric mode: data must be a string of digits 0-9');
  }
  const bytes = chosen === 'byte' ? toBytes(data) : null;
  const length = bytes ? bytes.length : (data as string).length;

  let version = 1;
  for (; version <= 40; version++) {
    if (4 + countBits(chosen, version) + payloadBits(chosen, length) <= dataCodewords(version) * 8) break;
  }
  if (version > 40)
    throw new Error(`QR: ${length} ${chosen === 'numeric' ? 'digits' : 'bytes'} do not fit version 40 at level M`);

  const w = new BitWriter();
  if (bytes) {
    w.put(0b0100, 4);
    w.put(length, countBits('byte', version));
    for (const b of bytes) w.put(b, 8);
  } else {
    const digits = data as string;
    w.put(0b0001, 4);
    w.put(length, countBits('numeric', version));
    for (let i = 0; i < length; i += 3) {
      const group = digits.slice(i, i + 3);
      w.put(Number(group), group.length * 3 + 1);
    }
  }
  const capacityBits = dataCodewords(version) * 8;
  w.put(0, Math.min(4, capacityBits - w.bitLength)); // terminator
  if (w.bitLength & 7) w.put(0, 8 - (w.bitLength & 7));
  for (let pad = 0xec; w.bytes.length < capacityBits / 8; pad ^= 0xec ^ 0x11) w.bytes.push(pad);

  const size = 17 + 4 * version;
  const base = new Uint8Array(size * size);
  const fn = new Uint8Array(size * size);
  drawFunctionPatterns(base, fn, version);
  placeData(base, fn, size, addErrorCorrection(w.bytes, version));

  let best: Uint8Array | null = null;
  let bestMask = 0;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask++) {
    const m = base.slice();
    applyMask(m, fn, size, mask);
    drawFormat(m, fn, size, mask);
    const score = qrPenalty(m, size);
    if (score < bestScore) {
      best = m;
      bestMask = mask;
      bestScore = score;
    }
  }
  return { version, mask: bestMask, size, modules: best! };
}

/** For tests and renderers: the symbol built with a given mask (no penalty scoring). */
export function encodeQrWithMask(data: string | Uint8Array, mask: number, mode?: QrMode): QrMatrix {
  if (!Number.isInteger(mask) || mask < 0 || mask > 7) throw new Error('QR mask must be 0..7');
  const chosen = encodeQr(data, mode);
  if (chosen.mask === mask) return chosen;
  // Undo the chosen mask and apply the requested one; function modules are unaffected.
  const size = chosen.size;
  const fn = new Uint8Array(size * size);
  const scratch = new Uint8Array(size * size);
  drawFunctionPatterns(scratch, fn, chosen.version);
  const m = chosen.modules.slice();
  applyMask(m, fn, size, chosen.mask);
  applyMask(m, fn, size, mask);
  drawFormat(m, fn, size, mask);
  return { version: chosen.version, mask, size, modules: m };
}

/** The symbol with its quiet zone: a square grid of (size + 2 * quiet) modules, 1 = dark. */
export function withQuietZone(qr: QrMatrix, quiet = QR_QUIET_ZONE): { size: number; modules: Uint8Array } {
  const size = qr.size + 2 * quiet;
  const modules = new Uint8Array(size * size);
  for (let y = 0; y < qr.size; y++) {
    modules.set(qr.modules.subarray(y * qr.size, (y + 1) * qr.size), (y + quiet) * size + quiet);
  }
  return { size, modules };
}
