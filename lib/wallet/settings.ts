// The settings page and the side service talk only through settingsStorage (strings). These are the keys,
// the records stored under them, and the checks of what a person types. Pure: both ends import it.
import { currencyExponent } from '../format/money';
import { normalizeBindingCode } from '../issuer-api/binding-code';
import { isPositiveInt, isRecord } from '../guards';

export const KEYS = {
  issuerUrl: 'issuer.url',
  bindingCode: 'bind.code',
  deviceName: 'device.name',
  /** Written by the settings page: a request for the side service (an Action, JSON). */
  action: 'action',
  /** Written by the side service: what it did with the last action and what it knows (Status, JSON). */
  status: 'status',
  /** The device credential: written and read by the side service only. */
  credential: 'device.credential',
  /** Amount typed for a top-up, and the card it goes to. */
  topUpAmount: 'topup.amount',
  topUpCard: 'topup.card',
  limitPerPayment: 'limits.perPayment',
  limitDaily: 'limits.daily',
} as const;

export type Action =
  | { type: 'bind'; id: string }
  | { type: 'unbind'; id: string }
  | { type: 'refresh'; id: string }
  | { type: 'set-limits'; id: string; perPayment: number; daily: number }
  | { type: 'top-up'; id: string; cardId: string; amount: number };

export interface Status {
  /** The id of the action this answers; the settings page shows its outcome. */
  actionId: string | null;
  outcome: 'ok' | 'error' | 'working' | null;
  message: string;
  bound: boolean;
  issuerUrl: string | null;
  currency: string | null;
  limits: { perPayment: number; daily: number; caps: { perPayment: number; daily: number } } | null;
  cards: Array<{ id: string; name: string; balance: number }>;
  at: number;
}

export const EMPTY_STATUS: Status = {
  actionId: null,
  outcome: null,
  message: '',
  bound: false,
  issuerUrl: null,
  currency: null,
  limits: null,
  cards: [],
  at: 0,
};

export class InputError extends Error {
  override name = 'InputError';
}

/** http(s) URL of the issuer, without a trailing slash. Plain http only for loopback and private testing hosts. */
export function parseIssuerUrl(text: string): string {
  const trimmed = text.trim().replace(/\/+$/, '');
  const m = /^(https?):\/\/([^/\s?#]+)(\/[^\s?#]*)?$/i.exec(trimmed);
  if (!m) throw new InputError('The issuer address must look like https://wallet.example.org');
  const scheme = m[1]!.toLowerCase();
  const host = m[2]!.toLowerCase();
  const local = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(host);
  if (scheme === 'http' && !local) throw new InputError('Use https:// for the issuer (http:// only for a test issuer on this phone)');
  return `${scheme}://${host}${m[3] ?? ''}`;
}

/** The 8-character binding code as the operator printed it; spaces and dashes ignored, I/L read as 1, O as 0. */
export function parseBindingCode(text: string): string {
  const code = normalizeBindingCode(text.replace(/[\s-]/g, ''));
  if (!code) throw new InputError('The binding code has 8 letters and digits, as your wallet provider gave it');
  return code;
}

/** '12.5' in CNY -> 1250 minor units. Positive, at most the currency's decimals, at most 1e9 whole units. */
export function parseAmount(text: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const m = /^\s*(\d{1,9})(?:[.,](\d*))?\s*$/.exec(text);
  if (!m) throw new InputError('Enter an amount like 12.50');
  const fraction = m[2] ?? '';
  if (fraction.length > exponent) throw new InputError(`At most ${exponent} digits after the point`);
  const minor = Number(m[1]) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (minor <= 0) throw new InputError('The amount must be more than zero');
  return minor;
}


/** The side service's check of an action read from storage; null for anything it does not understand. */
export function parseAction(text: string | null | undefined): Action | null {
  if (!text) return null;
  let x: unknown;
  try {
    x = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(x) || typeof x.id !== 'string' || x.id.length === 0 || x.id.length > 64) return null;
  const id = x.id;
  switch (x.type) {
    case 'bind':
    case 'unbind':
    case 'refresh':
      return { type: x.type, id };
    case 'set-limits':
      return isPositiveInt(x.perPayment) && isPositiveInt(x.daily) ? { type: 'set-limits', id, perPayment: x.perPayment, daily: x.daily } : null;
    case 'top-up':
      return typeof x.cardId === 'string' && x.cardId.length > 0 && isPositiveInt(x.amount)
        ? { type: 'top-up', id, cardId: x.cardId, amount: x.amount }
        : null;
    default:
      return null;
  }
}

/** The settings page's read of the side service's status; the empty status for anything else. */
export function parseStatus(text: string | null | undefined): Status {
  if (!text) return EMPTY_STATUS;
  try {
    const x = JSON.parse(text) as unknown;
    if (!isRecord(x) || typeof x.bound !== 'boolean' || !Array.isArray(x.cards)) return EMPTY_STATUS;
    return { ...EMPTY_STATUS, ...(x as Partial<Status>) };
  } catch {
    return EMPTY_STATUS;
  }
}
