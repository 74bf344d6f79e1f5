// The checks of what a person types into the settings page. The page runs them before it sends an
// action; the side service runs the URL and binding-code checks again on what it reads from storage.
import { currencyExponent, formatMoney } from '../format/money';
import { normalizeBindingCode } from '../issuer-api/binding-code';

/** An amount for the settings page to format in its own language. */
export interface MoneyArg {
  minor: number;
  currency: string;
}

/**
 * Bad input, said in English (`message`, for logs and tests) and by a key of setting/i18n/*.po with
 * its `%s` arguments, which the settings page shows in the phone's language.
 */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly key: string,
    readonly args: ReadonlyArray<string | MoneyArg> = [],
  ) {
    super(message);
  }
}

/** http(s) URL of the issuer, without a trailing slash. Plain http only for loopback and private testing hosts. */
export function parseIssuerUrl(text: string): string {
  const trimmed = text.trim().replace(/\/+$/, '');
  const m = /^(https?):\/\/([^/\s?#]+)(\/[^\s?#]*)?$/i.exec(trimmed);
  if (!m) throw new InputError('The issuer address must look like https://wallet.example.org', 'input.issuerUrl');
  const scheme = m[1]!.toLowerCase();
  const host = m[2]!.toLowerCase();
  const local = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host);
  if (scheme === 'http' && !local)
    throw new InputError('Use https:// for the issuer (http:// only for a test issuer on this phone)', 'input.https');
  return `${scheme}://${host}${m[3] ?? ''}`;
}

/** The 8-character binding code as the operator printed it; spaces and dashes ignored, I/L read as 1, O as 0. */
export function parseBindingCode(text: string): string {
  const code = normalizeBindingCode(text.replace(/[\s-]/g, ''));
  if (!code)
    throw new InputError(
      'The binding code has 8 letters and digits, as your wallet provider gave it',
      'input.bindingCode',
    );
  return code;
}

/** '12.5' in CNY -> 1250 minor units. Positive, at most the currency's decimals, at most 1e9 whole units. */
export function parseAmount(text: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const m = /^\s*(\d{1,9})(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) throw new InputError('Enter an amount like 12.50', 'input.amount');
  const fraction = m[2] ?? '';
  if (fraction.length > exponent)
    throw new InputError(`At most ${exponent} digits after the point`, 'input.fraction', [String(exponent)]);
  const minor = Number(m[1]) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (minor <= 0) throw new InputError('The amount must be more than zero', 'input.positive');
  return minor;
}

/** 1250 in CNY -> '12.50': an amount as a person would type it (parseAmount reads it back). */
export function plainAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`amount must be a non-negative safe integer`);
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** A card's options as the settings page reads them from its inputs. */
export interface CardOptionsInput {
  /** The "warn under" amount as typed; empty or zero: no warning. */
  low: string;
  /** Automatic top-up switched on. */
  auto: boolean;
  /** The automatic top-up amount as typed (read only when `auto`). */
  autoAmount: string;
}

/**
 * What the issuer's card options route takes: a threshold in minor units (0: none) and an automatic
 * top-up amount or null. Automatic top-up needs a threshold to cross, and may not exceed the daily
 * limit (`daily`, when the page knows it): such a top-up could never be paid.
 */
export function parseCardOptions(
  input: CardOptionsInput,
  currency: string,
  daily: number | null = null,
): { low: number; autoTopUp: number | null } {
  const lowText = input.low.trim();
  const low = lowText === '' || /^0+(?:[.,]0*)?$/.test(lowText) ? 0 : parseAmount(lowText, currency);
  if (!input.auto) return { low, autoTopUp: null };
  if (low === 0)
    throw new InputError('Set a low-balance amount for automatic top-up to start under', 'input.autoNeedsLow');
  const autoTopUp = parseAmount(input.autoAmount, currency);
  if (daily !== null && autoTopUp > daily)
    throw new InputError(
      `An automatic top-up cannot be more than your daily limit (${formatMoney(daily, currency, 'en-US')})`,
      'input.autoOverDaily',
      [{ minor: daily, currency }],
    );
  return { low, autoTopUp };
}
