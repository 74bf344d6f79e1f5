import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ellipsize, layoutLines, wrapLine } from '../../render/text';

// A monospace stand-in for measureText: 10 px a character.
const measure = (s: string) => Array.from(s).length * 10;
const words = fc
  .array(fc.constantFrom('a', 'bb', 'ccc', 'pay', 'Кошелёк', '腕上钱包', 'wallet2026', ' ', '  '), { maxLength: 20 })
  .map((a) => a.join(' '));

describe('wrapLine', () => {
  it('keeps every line within the width unless a single character is wider', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 5, max: 120 }), (text, width) => {
        for (const line of wrapLine(measure, text, width)) {
          expect(measure(line) <= width || Array.from(line).length === 1).toBe(true);
        }
      }),
    );
  });

  it('loses no visible character and keeps their order', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 5, max: 120 }), (text, width) => {
        expect(wrapLine(measure, text, width).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });

  it('breaks at spaces when words fit, and between Chinese characters', () => {
    expect(wrapLine(measure, 'pay now please', 80)).toEqual(['pay now', 'please']);
    expect(wrapLine(measure, '腕上钱包', 20)).toEqual(['腕上', '钱包']);
    expect(wrapLine(measure, 'abcdefgh', 30)).toEqual(['abc', 'def', 'gh']);
  });
});

describe('ellipsize', () => {
  it('returns the line unchanged when it fits, else a prefix ending in ...', () => {
    fc.assert(
      fc.property(words, fc.integer({ min: 0, max: 200 }), (text, width) => {
        const out = ellipsize(measure, text, width);
        if (measure(text) <= width) expect(out).toBe(text);
        else {
          expect(out.endsWith('...')).toBe(true);
          expect(text.startsWith(out.slice(0, -3))).toBe(true);
          expect(measure(out) <= width || out === '...').toBe(true);
        }
      }),
    );
  });
});

describe('layoutLines', () => {
  it('breaks at newlines in every style, wraps only with WRAP, one line with ELLIPSIS', () => {
    expect(layoutLines(measure, { text: 'ab\ncd ef', w: 30, overflow: 'none' })).toEqual(['ab', 'cd ef']);
    expect(layoutLines(measure, { text: 'ab\ncd ef', w: 30, overflow: 'wrap' })).toEqual(['ab', 'cd', 'ef']);
    expect(layoutLines(measure, { text: 'ab\ncd ef', w: 50, overflow: 'ellipsis' })).toEqual(['ab...']);
  });
});
