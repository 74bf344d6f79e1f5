import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { code128Pattern, code128Symbols, encodeCode128, CODE128_QUIET_ZONE } from '../../lib/codes/code128';

// ISO/IEC 15417 symbol character table: bar, space, bar, space, bar, space widths in modules for
// symbol values 0..105, then the stop pattern (7 elements).
const WIDTHS = `212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132
122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211
212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 113123
113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 314111 221411
431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111
241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 412121 111143 111341
131141 114113 114311 411113 411311 113141 114131 311141 411131 211412 211214 211232 2331112`.split(/\s+/);

function widthsOf(modules: ArrayLike<number>): string {
  let out = '';
  let run = 1;
  for (let i = 1; i <= modules.length; i++) {
    if (i < modules.length && modules[i] === modules[i - 1]) run++;
    else {
      out += String(run);
      run = 1;
    }
  }
  return out;
}

const BY_WIDTHS = new Map(WIDTHS.slice(0, 106).map((w, v) => [w, v]));

/** An independent reader: modules -> symbol values via the width table, checks quiet zones, check symbol and stop. */
function readCode128(modules: Uint8Array, quiet: number): string {
  for (let i = 0; i < quiet; i++)
    if (modules[i] || modules[modules.length - 1 - i]) throw new Error('quiet zone not light');
  const body = modules.subarray(quiet, modules.length - quiet);
  if (widthsOf(body.subarray(body.length - 13)) !== WIDTHS[106]) throw new Error('no stop pattern');
  const values: number[] = [];
  for (let at = 0; at + 13 < body.length; at += 11) {
    const v = BY_WIDTHS.get(widthsOf(body.subarray(at, at + 11)));
    if (v === undefined) throw new Error(`no symbol at ${at}`);
    values.push(v);
  }
  const check = values.pop()!;
  let sum = values[0]!;
  for (let k = 1; k < values.length; k++) sum += k * values[k]!;
  if (sum % 103 !== check) throw new Error('bad check symbol');
  let set = values[0] === 105 ? 'C' : values[0] === 104 ? 'B' : '?';
  let text = '';
  for (const v of values.slice(1)) {
    if (set === 'C' && v < 100) text += String(v).padStart(2, '0');
    else if (set === 'C' && v === 100) set = 'B';
    else if (set === 'B' && v === 99) set = 'C';
    else if (set === 'B' && v < 95) text += String.fromCharCode(v + 32);
    else throw new Error(`unexpected value ${v} in set ${set}`);
  }
  return text;
}

describe('Code 128 symbol table', () => {
  it('the table itself is sane: 107 distinct patterns, 11 modules (stop 13), even bar modules', () => {
    expect(new Set(WIDTHS).size).toBe(107);
    WIDTHS.forEach((w, v) => {
      const d = [...w].map(Number);
      expect(d.reduce((a, b) => a + b, 0)).toBe(v === 106 ? 13 : 11);
      expect((d[0]! + d[2]! + d[4]!) % 2).toBe(0);
    });
  });

  it('every symbol value 0..105 has the widths of the standard', () => {
    for (let v = 0; v < 106; v++) {
      const p = code128Pattern(v);
      const modules = Array.from({ length: 11 }, (_, b) => (p >>> (10 - b)) & 1);
      expect(modules[0]).toBe(1);
      expect(widthsOf(modules), `value ${v}`).toBe(WIDTHS[v]);
    }
    expect(() => code128Pattern(106)).toThrow();
  });

  it('ends with the stop pattern and the quiet zones', () => {
    const b = encodeCode128('12345678901234567890');
    expect(b.quiet).toBe(CODE128_QUIET_ZONE);
    expect(widthsOf(b.modules.subarray(b.modules.length - 10 - 13, b.modules.length - 10))).toBe(WIDTHS[106]);
    expect([...b.modules.subarray(0, 10)].every((m) => m === 0)).toBe(true);
    expect([...b.modules.subarray(b.modules.length - 10)].every((m) => m === 0)).toBe(true);
  });
});

describe('encodeCode128', () => {
  it('a 20-digit code is start C + 10 pairs + check: 165 modules with quiet zones', () => {
    const b = encodeCode128('12345678901234567890');
    expect(b.symbols.slice(0, 11)).toEqual([105, 12, 34, 56, 78, 90, 12, 34, 56, 78, 90]);
    // check = (105 + sum of position * value) mod 103, computed by hand-written loop above in readCode128 too
    expect(b.modules.length).toBe(20 + 12 * 11 + 13);
    expect(readCode128(b.modules, 10)).toBe('12345678901234567890');
  });

  it('a known check symbol: "PJJ123C" (set B)', () => {
    // 104 + 1*48 + 2*42 + 3*42 + 4*17 + 5*18 + 6*19 + 7*35 = 879; 879 mod 103 = 55
    const s = code128Symbols('PJJ123C');
    expect(s[0]).toBe(104);
    expect(s[s.length - 1]).toBe(879 % 103);
  });

  it('digit strings of any length round-trip, using set C for pairs', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,40}$/), (d) => {
        const b = encodeCode128(d);
        expect(readCode128(b.modules, 10)).toBe(d);
        const dataSymbols = b.symbols.length - 2;
        expect(dataSymbols).toBeLessThanOrEqual(Math.ceil(d.length / 2) + 2);
      }),
      { numRuns: 300 },
    );
  });

  it('any printable ASCII round-trips', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)),
          minLength: 1,
          maxLength: 40,
        }),
        (t) => {
          expect(readCode128(encodeCode128(t).modules, 10)).toBe(t);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects empty input, non-printable characters and bad quiet zones', () => {
    expect(() => encodeCode128('')).toThrow(/nothing/);
    expect(() => encodeCode128('12\n34')).toThrow(/printable/);
    expect(() => encodeCode128('é')).toThrow(/printable/);
    expect(() => encodeCode128('12', -1)).toThrow(/quiet/);
  });
});
