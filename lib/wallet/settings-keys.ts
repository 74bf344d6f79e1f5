// The contract of the settings page and the side service, which talk only through settingsStorage
// (strings): every key either of them uses, and the records stored under them with their checks.
// Pure: both ends import it. The checks of what a person types are in ./settings-input.
import type { AutoTopUpResult } from '../issuer-api/constants';
import { isNonNegativeInt, isPositiveInt, isRecord } from '../guards';
import type { SettingsError } from './settings-errors';

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
  /** A card's option inputs: cardKeys(cardId) names them. */
  cardPrefix: 'card.',
  /**
   * Written by the side service on "Forgot PIN": the id of a wipe the watch has yet to carry out
   * (lib/wallet/watch-phone.ts SyncReply `wipe`); removed once the watch reports it done.
   */
  pinReset: 'pin.reset',
  /** The settings page's own: an input error it shows until the next press. */
  uiError: 'ui.error',
} as const;

/** The settings page's input keys for one card's options (low-balance threshold, automatic top-up). */
export function cardKeys(cardId: string): { low: string; auto: string; autoAmount: string } {
  const at = `${KEYS.cardPrefix}${cardId}.`;
  return { low: `${at}low`, auto: `${at}auto`, autoAmount: `${at}autoAmount` };
}

/** A card in the status: its balance and options as of the last sync (the sync's SyncCard fields). */
export interface StatusCard {
  id: string;
  name: string;
  balance: number;
  /** Low-balance threshold; 0 or absent: none. */
  low?: number;
  /** Automatic top-up: its amount, and how the last one went in the card's current dip. */
  auto?: { amt: number; at?: number; r?: AutoTopUpResult };
}

export type Action =
  | { type: 'bind'; id: string }
  | { type: 'unbind'; id: string }
  | { type: 'refresh'; id: string }
  | { type: 'forget-pin'; id: string }
  | { type: 'set-limits'; id: string; perPayment: number; daily: number }
  | { type: 'top-up'; id: string; cardId: string; amount: number }
  | { type: 'card-options'; id: string; cardId: string; low: number; autoTopUp: number | null };

export interface Status {
  /** The id of the action this answers; the settings page shows its outcome. */
  actionId: string | null;
  outcome: 'ok' | 'error' | 'working' | null;
  /** What was done or what failed, in English (logs; the fallback of a page that lacks `error.code`). */
  message: string;
  /** With outcome 'error': the code and arguments the page says it by (./settings-errors). */
  error?: SettingsError | null;
  bound: boolean;
  issuerUrl: string | null;
  currency: string | null;
  limits: { perPayment: number; daily: number; caps: { perPayment: number; daily: number } } | null;
  cards: StatusCard[];
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
    case 'forget-pin':
      return { type: x.type, id };
    case 'set-limits':
      return isPositiveInt(x.perPayment) && isPositiveInt(x.daily)
        ? { type: 'set-limits', id, perPayment: x.perPayment, daily: x.daily }
        : null;
    case 'top-up':
      return typeof x.cardId === 'string' && x.cardId.length > 0 && isPositiveInt(x.amount)
        ? { type: 'top-up', id, cardId: x.cardId, amount: x.amount }
        : null;
    case 'card-options':
      return typeof x.cardId === 'string' &&
        x.cardId.length > 0 &&
        isNonNegativeInt(x.low) &&
        (x.autoTopUp === null || isPositiveInt(x.autoTopUp))
        ? { type: 'card-options', id, cardId: x.cardId, low: x.low, autoTopUp: x.autoTopUp }
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
