// Money at the edge: integer minor units + ISO 4217 code -> text in the user's language.
// Written by hand because the watch's QuickJS has no Intl.NumberFormat.

export type Language = 'en-US' | 'zh-CN' | 'ru-RU';

interface CurrencyFacts {
  exponent: number; // digits after the decimal point (ISO 4217 minor unit)
  symbol: string;
}

const CURRENCIES: Record<string, CurrencyFacts> = {
  CNY: { exponent: 2, symbol: '¥' },
  RUB: { exponent: 2, symbol: '₽' },
  USD: { exponent: 2, symbol: '$' },
  EUR: { exponent: 2, symbol: '€' },
  GBP: { exponent: 2, symbol: '£' },
  HKD: { exponent: 2, symbol: 'HK$' },
  JPY: { exponent: 0, symbol: '¥' },
  KRW: { exponent: 0, symbol: '₩' },
};

export function currencyExponent(currency: string): number {
  const facts = CURRENCIES[currency];
  if (!facts) throw new RangeError(`unknown currency ${JSON.stringify(currency)}`);
  return facts.exponent;
}

function groupThousands(digits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

/** formatMoney(123450, 'CNY', 'en-US') === '¥1,234.50'; ru-RU puts the symbol after: '1 234,50 ₽'. */
export function formatMoney(minor: number, currency: string, language: Language): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount must be a safe integer of minor units, got ${minor}`);
  const facts = CURRENCIES[currency];
  if (!facts) throw new RangeError(`unknown currency ${JSON.stringify(currency)}`);
  const abs = String(Math.abs(minor)).padStart(facts.exponent + 1, '0');
  const whole = abs.slice(0, abs.length - facts.exponent);
  const fraction = abs.slice(abs.length - facts.exponent);
  const sign = minor < 0 ? '-' : '';
  if (language === 'ru-RU') {
    const number = groupThousands(whole, '\u00a0') + (fraction ? `,${fraction}` : '');
    return `${sign}${number}\u00a0${facts.symbol}`;
  }
  return `${sign}${facts.symbol}${groupThousands(whole, ',')}${fraction ? `.${fraction}` : ''}`;
}
