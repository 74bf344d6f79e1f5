// What the settings page's buttons do: check the input, then leave an action for the side service.
// The side service answers in the status record; the page re-renders on every storage change.
import { formatMoney } from '../lib/format/money';
import { errorArgText } from '../lib/wallet/settings-errors';
import {
  InputError,
  parseAmount,
  parseBindingCode,
  parseCardOptions,
  parseIssuerUrl,
  plainAmount,
} from '../lib/wallet/settings-input';
import { cardKeys, KEYS, parseStatus, type Action, type Status } from '../lib/wallet/settings-keys';

export interface SettingsStore {
  getItem(key: string): string | null | undefined;
  setItem(key: string, value: string): void;
}

const text = (store: SettingsStore, key: string) => {
  const v = store.getItem(key);
  return typeof v === 'string' ? v : '';
};

export function currentStatus(store: SettingsStore): Status {
  return parseStatus(store.getItem(KEYS.status));
}

function newActionId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

type ActionInput = Action extends infer A ? (A extends { id: string } ? Omit<A, 'id'> : never) : never;

/**
 * The input error the page shows, in its language: `say` fills a key of setting/i18n/*.po, `money`
 * formats an amount. An error stored as plain text (older pages) shows as it is.
 */
export function uiErrorText(
  stored: string | null | undefined,
  say: (key: string, ...args: string[]) => string,
  money: (minor: number, currency: string) => string,
): string {
  if (!stored) return '';
  try {
    const e = JSON.parse(stored) as { key?: unknown; args?: unknown; text?: unknown };
    if (typeof e.key !== 'string' || !Array.isArray(e.args)) return typeof e.text === 'string' ? e.text : stored;
    const args = e.args.map((a: unknown) => errorArgText(a, money));
    const said = say(e.key, ...args);
    // gettext answers a key it lacks with the key itself: fall back to the English text then.
    return said === e.key && typeof e.text === 'string' ? e.text : said;
  } catch {
    return stored;
  }
}

/** Runs a button's checks; on bad input shows the message and sends nothing. */
export function press(store: SettingsStore, make: () => ActionInput): void {
  try {
    const action = { ...make(), id: newActionId() };
    store.setItem(KEYS.uiError, '');
    store.setItem(KEYS.action, JSON.stringify(action));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // The message names the rule, never what was typed (a binding code is a secret).
    console.log(`settings: input refused: ${e.message}`);
    store.setItem(KEYS.uiError, JSON.stringify({ key: e.key, args: e.args, text: e.message }));
  }
}

export const bind = (store: SettingsStore) =>
  press(store, () => {
    parseIssuerUrl(text(store, KEYS.issuerUrl));
    parseBindingCode(text(store, KEYS.bindingCode));
    return { type: 'bind' };
  });

export const unbind = (store: SettingsStore) => press(store, () => ({ type: 'unbind' }));

export const refresh = (store: SettingsStore) => press(store, () => ({ type: 'refresh' }));

/** "Forgot PIN": the watch forgets its wallet and PIN at its next sync and asks for a new PIN (app-side/watch-sync.ts). */
export const forgetPin = (store: SettingsStore) => press(store, () => ({ type: 'forget-pin' }));

function currencyOf(status: Status): string {
  const currency = status.currency;
  if (!currency) throw new InputError('Bind this watch first', 'input.bindFirst');
  return currency;
}

export const saveLimits = (store: SettingsStore) =>
  press(store, () => {
    const status = currentStatus(store);
    const currency = currencyOf(status);
    const perPayment = parseAmount(text(store, KEYS.limitPerPayment), currency);
    const daily = parseAmount(text(store, KEYS.limitDaily), currency);
    if (perPayment > daily)
      throw new InputError('The limit per payment cannot be above the daily limit', 'input.perOverDaily');
    const caps = status.limits?.caps;
    if (caps && (perPayment > caps.perPayment || daily > caps.daily)) {
      throw new InputError(
        `Your wallet allows at most ${formatMoney(caps.perPayment, currency, 'en-US')} per payment and ${formatMoney(caps.daily, currency, 'en-US')} a day`,
        'input.overCaps',
        [
          { minor: caps.perPayment, currency },
          { minor: caps.daily, currency },
        ],
      );
    }
    return { type: 'set-limits', perPayment, daily };
  });

export const topUp = (store: SettingsStore) =>
  press(store, () => {
    const status = currentStatus(store);
    const currency = currencyOf(status);
    const cards = status.cards;
    const cardId = text(store, KEYS.topUpCard) || cards[0]?.id;
    if (!cardId || !cards.some((c) => c.id === cardId))
      throw new InputError('Choose a transit card', 'input.chooseCard');
    return { type: 'top-up', cardId, amount: parseAmount(text(store, KEYS.topUpAmount), currency) };
  });

/**
 * A card's options as its inputs show them: what was typed, else what the issuer has (the status).
 * The settings page shows these values and Save sends them.
 */
export function cardOptionInputs(store: SettingsStore, status: Status, cardId: string) {
  const keys = cardKeys(cardId);
  const card = status.cards.find((c) => c.id === cardId);
  const currency = status.currency;
  const typed = (key: string) => {
    const v = store.getItem(key);
    return typeof v === 'string' ? v : null;
  };
  const fromIssuer = (n: number | undefined) => (n && currency ? plainAmount(n, currency) : '');
  const autoTyped = typed(keys.auto);
  return {
    low: typed(keys.low) ?? fromIssuer(card?.low),
    auto: autoTyped !== null ? autoTyped === 'true' : card?.auto !== undefined,
    autoAmount: typed(keys.autoAmount) ?? fromIssuer(card?.auto?.amt),
  };
}

export const saveCardOptions = (store: SettingsStore, cardId: string) =>
  press(store, () => {
    const status = currentStatus(store);
    const currency = currencyOf(status);
    if (!status.cards.some((c) => c.id === cardId)) throw new InputError('Choose a transit card', 'input.chooseCard');
    const options = parseCardOptions(cardOptionInputs(store, status, cardId), currency, status.limits?.daily ?? null);
    return { type: 'card-options', cardId, ...options };
  });
