import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError, parseAmount, parseBindingCode, parseIssuerUrl } from '../../lib/wallet/settings-input';
import { EMPTY_STATUS, parseAction, parseStatus } from '../../lib/wallet/settings-keys';

describe('settings input', () => {
  it('accepts https issuers and plain http only on this phone', () => {
    expect(parseIssuerUrl(' https://Wallet.Example.org/ ')).toBe('https://wallet.example.org');
    expect(parseIssuerUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(() => parseIssuerUrl('http://wallet.example.org')).toThrow(/https/);
    expect(() => parseIssuerUrl('wallet.example.org')).toThrow(InputError);
    expect(() => parseIssuerUrl('https://x/?q=1')).toThrow(InputError);
  });

  it('reads binding codes the way people type them', () => {
    expect(parseBindingCode('ab12-cd34')).toBe('AB12CD34');
    expect(parseBindingCode('O1LI 2345')).toBe('01112345');
    expect(() => parseBindingCode('AB12CD3')).toThrow(/8 letters/);
    expect(() => parseBindingCode('AB12CD3U')).toThrow(InputError); // U is not Crockford base32
  });

  it('turns typed amounts into minor units', () => {
    expect(parseAmount('12.5', 'CNY')).toBe(1250);
    expect(parseAmount('12,50', 'RUB')).toBe(1250);
    expect(parseAmount('7', 'CNY')).toBe(700);
    expect(parseAmount('1500', 'JPY')).toBe(1500);
    expect(() => parseAmount('1.5', 'JPY')).toThrow(/0 digits/);
    expect(() => parseAmount('0', 'CNY')).toThrow(/more than zero/);
    expect(() => parseAmount('-3', 'CNY')).toThrow(InputError);
    expect(() => parseAmount('1.234', 'CNY')).toThrow(InputError);
  });

  it('parses any amount it formats, and only throws InputError on junk', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), (minor) => {
        const text = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
        expect(parseAmount(text, 'CNY')).toBe(minor);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (junk) => {
        for (const f of [() => parseAmount(junk, 'CNY'), () => parseBindingCode(junk), () => parseIssuerUrl(junk)]) {
          try {
            f();
          } catch (e) {
            expect(e).toBeInstanceOf(InputError);
          }
        }
      }),
    );
  });

  it('understands only well-formed actions, and any status text', () => {
    expect(parseAction('{"type":"top-up","id":"1","cardId":"c","amount":5}')).toEqual({
      type: 'top-up',
      id: '1',
      cardId: 'c',
      amount: 5,
    });
    expect(parseAction('{"type":"top-up","id":"1","cardId":"c","amount":-5}')).toBeNull();
    expect(parseAction('{"type":"set-limits","id":"1","perPayment":1.5,"daily":2}')).toBeNull();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const action = parseAction(text);
        if (action) expect(['bind', 'unbind', 'refresh', 'set-limits', 'top-up']).toContain(action.type);
        expect(parseStatus(text)).toBeTypeOf('object');
      }),
    );
    expect(parseStatus(null)).toEqual(EMPTY_STATUS);
  });
});
