import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMoney, type Language } from '../../lib/format/money';
import { formatMoment } from '../../lib/format/time';

const languages: Language[] = ['en-US', 'zh-CN', 'ru-RU'];

describe('formatMoney', () => {
  it('writes amounts the way each language does', () => {
    expect(formatMoney(123450, 'CNY', 'en-US')).toBe('¥1,234.50');
    expect(formatMoney(123450, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney(123450, 'RUB', 'ru-RU')).toBe('1\u00a0234,50\u00a0₽');
    expect(formatMoney(5, 'USD', 'en-US')).toBe('$0.05');
    expect(formatMoney(-250, 'EUR', 'en-US')).toBe('-€2.50');
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
  });

  it('rejects what is not money', () => {
    expect(() => formatMoney(1.5, 'CNY', 'en-US')).toThrow(RangeError);
    expect(() => formatMoney(100, 'XXX', 'en-US')).toThrow(/unknown currency/);
  });

  it('keeps every digit: the digits of the text are the digits of the amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom(...languages),
        fc.constantFrom('CNY', 'RUB', 'JPY'),
        (minor, lang, cur) => {
          const text = formatMoney(minor, cur, lang);
          expect(text.replace(/\D/g, '').replace(/^0+(?=\d)/, '')).toBe(String(Math.abs(minor)));
          expect(text.startsWith('-')).toBe(minor < 0);
        },
      ),
    );
  });
});

describe('time formatting', () => {
  const t = Date.UTC(2026, 10, 25, 6, 5); // 06:05 UTC
  it('applies the offset', () => {
    expect(formatMoment(t, t, 480, 'en-US')).toBe('14:05');
    expect(formatMoment(t, t, -420, 'en-US')).toBe('23:05');
  });
  it('shows the clock for today and the date otherwise', () => {
    expect(formatMoment(t, t + 3600_000, 480, 'en-US')).toBe('14:05');
    expect(formatMoment(t, t + 3 * 86_400_000, 480, 'en-US')).toBe('25 Nov 14:05');
    expect(formatMoment(t, t + 3 * 86_400_000, 480, 'zh-CN')).toBe('11月25日 14:05');
    expect(formatMoment(t, t + 3 * 86_400_000, 180, 'ru-RU')).toBe('25 ноя 09:05');
  });
  it('never throws for any finite time and offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }),
        fc.integer({ min: -720, max: 840 }),
        fc.constantFrom(...languages),
        (ms, off, lang) => {
          expect(formatMoment(ms, ms, off, lang)).toMatch(/^\d\d:\d\d$/);
          expect(formatMoment(ms, ms + 5 * 86_400_000, off, lang)).toMatch(/\d\d:\d\d$/);
        },
      ),
    );
  });
});
