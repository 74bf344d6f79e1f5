// The errors the side service reports to the settings page, by a stable code and its arguments, so the
// page says them in its own language (setting/i18n/*.po key `error.<code>`; an input check's code is its
// InputError key, `input.*`, which is its .po key already). The side service still writes the English
// text (Status.message) for logs and as the fallback of a page that does not know the code.
// Pure: the side service (app-side/settings-actions.ts) picks the code, the page (setting/index.ts) says it.
import type { MoneyArg } from './settings-input';

/**
 * Every code the side service can report besides an input check's key, with the number of `%s` its
 * text takes. test/setting/settings-errors.test.ts checks each has a key in every .po with as many `%s`.
 */
export const SETTINGS_ERROR_ARGS = {
  /** No answer: the network, or a wrong address. Arg: the issuer's address. */
  unreachable: 1,
  /** No answer within the time limit. Arg: the limit in seconds. */
  timeout: 1,
  /** An answer that is not what the issuer API says. */
  'bad-response': 0,
  /** The issuer no longer knows this device (401 on anything but binding): it is unbound now. */
  unbound: 0,
  /** Too many requests (429). */
  'rate-limited': 0,
  /** The issuer is busy, its database down, or it failed (5xx). */
  unavailable: 0,
  /** Any other refusal. Arg: the issuer's error code (`error` of its body), or its HTTP status. */
  refused: 1,
  /** Not the issuer: something failed on the phone itself. */
  unexpected: 0,
  /** Binding: the code is wrong, expired or used (the issuer's bad-binding-code). */
  'bind.bad-code': 0,
  /** Binding: the issuer refused the watch's name (1..64 characters). */
  'bind.bad-name': 0,
  /** Spending limits above what the wallet allows (over-cap). Args: the caps per payment and per day. */
  'limits.over-cap': 2,
  /** A top-up more than the wallet's balance (insufficient-funds). Arg: the amount. */
  'top-up.insufficient-funds': 1,
  /** A top-up or card options for a card the issuer does not know (any more). */
  'card.unknown': 0,
  /** An automatic top-up above the wallet's daily cap (over-cap). Arg: the cap. */
  'card-options.over-cap': 1,
} as const;

export type SettingsErrorCode = keyof typeof SETTINGS_ERROR_ARGS;
export const SETTINGS_ERROR_CODES = Object.keys(SETTINGS_ERROR_ARGS) as SettingsErrorCode[];

export type ErrorArg = string | MoneyArg;

/** What the side service stores in Status.error beside the English Status.message. */
export interface SettingsError {
  /** A SettingsErrorCode or an InputError key (`input.*`). */
  code: string;
  args: ErrorArg[];
  /** The issuer's own error code (its body's `error`) when the issuer refused. */
  issuer?: string;
}

/** The .po key a code is said by. */
export function errorKey(code: string): string {
  return code.startsWith('input.') ? code : `error.${code}`;
}

/** Said when no .po text is at hand at all (gettext answered its key for `error.unknown` too). */
export const UNKNOWN_ERROR_ENGLISH = 'Unknown error';

/**
 * The error as the page says it, in its language: `say` is gettext with %s filled (it answers a key it
 * lacks with the key itself), `money` formats an amount. A code the .po does not have (a newer side
 * service) says "Unknown error (code)" in the page's language, then the English text. Never throws and
 * never answers an empty string, whatever is stored.
 */
export function settingsErrorText(
  error: unknown,
  englishText: unknown,
  say: (key: string, ...args: string[]) => string,
  money: (minor: number, currency: string) => string,
): string {
  const english = typeof englishText === 'string' ? englishText.trim() : '';
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const code = typeof record.code === 'string' && record.code.length > 0 ? record.code : null;
  const args = Array.isArray(record.args) ? record.args.map((a: unknown) => errorArgText(a, money)) : [];
  const attempt = (key: string, ...a: string[]): string | null => {
    try {
      const said = say(key, ...a);
      return typeof said === 'string' && said.trim() !== '' && said !== key ? said : null;
    } catch {
      return null;
    }
  };
  if (code !== null) {
    const said = attempt(errorKey(code), ...args);
    if (said !== null) return said;
  }
  // No code (an older side service) but English words: those.
  if (code === null && english) return english;
  const name = code ?? '?';
  const unknown = english ? attempt('error.unknownWithText', name, english) : attempt('error.unknown', name);
  return unknown ?? `${UNKNOWN_ERROR_ENGLISH} (${name})${english ? `: ${english}` : ''}`;
}

/** One argument as text: an amount formatted by `money`, or plainly when it cannot be (unknown currency). */
export function errorArgText(a: unknown, money: (minor: number, currency: string) => string): string {
  try {
    if (typeof a === 'string') return a;
    if (typeof a === 'object' && a !== null && 'minor' in a && 'currency' in a) {
      const currency = String(a.currency);
      try {
        const said = money(Number(a.minor), currency);
        if (typeof said === 'string' && said !== '') return said;
      } catch {
        // not a currency or amount we can format: plainly below
      }
      return `${String(a.minor)} ${currency}`;
    }
    return String(a);
  } catch {
    return '?'; // an object whose toString throws
  }
}
