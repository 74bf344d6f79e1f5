// The pure drawing helpers watch and band pages share (lib/format/ui.ts): %s filling and the language number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appLanguage, fillArgs } from '../../lib/format/ui';

describe('fillArgs', () => {
  it('fills each %s with the next argument, in order', () => {
    expect(fillArgs('Paid %s at %s', ['¥23.50', 'Canteen'])).toBe('Paid ¥23.50 at Canteen');
    expect(fillArgs('%s%s', ['a'])).toBe('a');
    expect(fillArgs('no args', ['x'])).toBe('no args');
  });

  it('puts the arguments in verbatim (a %s or $& inside one is not filled again) and keeps the rest', () => {
    const piece = fc.string().filter((s) => !s.includes('%s'));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.array(fc.string()), (pieces, args) => {
        const filled = pieces.map((p, i) => (i === 0 ? p : (args[i - 1] ?? '') + p)).join('');
        expect(fillArgs(pieces.join('%s'), args)).toBe(filled);
      }),
    );
  });
});

describe('appLanguage', () => {
  it('0 is zh-CN, 4 is ru-RU, any other number English', () => {
    expect(appLanguage(0)).toBe('zh-CN');
    expect(appLanguage(4)).toBe('ru-RU');
    fc.assert(
      fc.property(
        fc.integer().filter((n) => n !== 0 && n !== 4),
        (n) => appLanguage(n) === 'en-US',
      ),
    );
  });
});
