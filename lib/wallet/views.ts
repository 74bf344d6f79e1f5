// Home, transit and limits screens: state -> lines of text, formatted in the user's language.
import { formatMoney, type Language } from '../format/money';
import { formatMoment } from '../format/time';
import { limitsLeft, transitCards, type Wallet } from './wallet';
import type { SyncFailure } from './watch-phone';
import type { AutoTopUpResult, SyncCard } from '../issuer-api/types';
import type { TokenLease } from '../payment/types';

/** Where and when a screen is shown: the watch's time, its UTC offset and the user's language. */
export interface ViewContext {
  now: number;
  offsetMinutes: number;
  language: Language;
}

/** The status line under the home menu: when the data is from, or why it is not fresh. */
export function statusKey(wallet: Wallet, failure: SyncFailure | 'link' | null): { key: string; arg?: 'syncedAt' } {
  if (!wallet.lease && !wallet.last) return { key: failure === 'link' ? 'status.noPhone' : 'status.notBound' };
  if (failure === 'unbound') return { key: 'status.unbound' };
  if (failure === 'link') return { key: 'status.offline', arg: 'syncedAt' };
  if (failure) return { key: 'status.issuerDown', arg: 'syncedAt' };
  return { key: 'status.synced', arg: 'syncedAt' };
}

export interface LimitsView {
  leftToday: string;
  perPayment: string;
  spent: string;
  daily: string;
  asOf: string;
}

export function limitsView(wallet: Wallet, ctx: ViewContext): LimitsView | null {
  const left = limitsLeft(wallet, ctx.now);
  if (!left || !wallet.last) return null;
  const money = (n: number) => formatMoney(n, left.currency, ctx.language);
  return {
    leftToday: money(left.today),
    perPayment: money(left.perPayment),
    spent: money(left.spent),
    daily: money(left.daily),
    asOf: formatMoment(wallet.last.asOf, ctx.now, ctx.offsetMinutes, ctx.language),
  };
}

export interface CardView {
  /** The card's id: what the card page is opened with. */
  id: string;
  name: string;
  balance: string;
  trips: Array<{ when: string; line: string; fare: string }>;
  /** Under its low-balance threshold: the threshold, formatted (the warning says "under ..."); else null. */
  lowUnder: string | null;
}

export interface TransitView {
  cards: CardView[];
  asOf: string | null;
}

/**
 * Where a card stands against its low-balance threshold and automatic top-up; the watch and the
 * settings page both read it. `failure`: why the last automatic top-up in this dip could not be paid,
 * shown only while the card is still under its threshold (once it is back above, it is history).
 */
export interface CardState {
  low: boolean;
  threshold: number;
  auto: { amount: number; lastAt: number | null; failure: Exclude<AutoTopUpResult, 'ok'> | null } | null;
}

export function cardState(card: Pick<SyncCard, 'bal' | 'low' | 'auto'>): CardState {
  const threshold = card.low ?? 0;
  const low = threshold > 0 && card.bal < threshold;
  const a = card.auto;
  return {
    low,
    threshold,
    auto: a
      ? {
          amount: a.amt,
          lastAt: a.at ?? null,
          failure: low && a.r !== undefined && a.r !== 'ok' ? a.r : null,
        }
      : null,
  };
}

function moneyIn(wallet: Wallet, ctx: ViewContext): (n: number) => string {
  const currency = wallet.last?.lim.cur;
  return (n: number) => (currency ? formatMoney(n, currency, ctx.language) : String(n));
}

function cardSummary(c: SyncCard, money: (n: number) => string, ctx: ViewContext): CardView {
  const state = cardState(c);
  return {
    id: c.id,
    name: c.name,
    balance: money(c.bal),
    trips: c.trips.map(([at, fare, line]) => ({
      when: formatMoment(at, ctx.now, ctx.offsetMinutes, ctx.language),
      line,
      fare: money(-fare),
    })),
    lowUnder: state.low ? money(state.threshold) : null,
  };
}

export function transitView(wallet: Wallet, ctx: ViewContext): TransitView {
  const money = moneyIn(wallet, ctx);
  return {
    asOf: wallet.last ? formatMoment(wallet.last.asOf, ctx.now, ctx.offsetMinutes, ctx.language) : null,
    cards: transitCards(wallet).map((c) => cardSummary(c, money, ctx)),
  };
}

/** Something the card page offers to do with the card: a page to open (helpers add theirs, e.g. the ride code). */
export interface CardAction {
  /** i18n key of the button's text. */
  key: string;
  /** The page it opens (a page of app.json) and the params it is opened with. */
  url: string;
  params: { card: string };
}

/** A line of text on the card page: its i18n key and the values for its %s, and whether it warns. */
export interface CardNote {
  key: string;
  args: string[];
  warn: boolean;
}

export interface CardPageView extends CardView {
  asOf: string;
  /** The low-balance warning and the automatic top-up lines, in the order shown. */
  notes: CardNote[];
  actions: CardAction[];
}

/** The actions of a card's page, in order: its ride code, when the stored lease certifies the card (lib/ride). */
export function cardActions(card: SyncCard, lease: TokenLease | null = null): CardAction[] {
  const actions: CardAction[] = [];
  if (lease?.ride?.some((r) => r.card === card.id))
    actions.push({ key: 'card.ride', url: 'page/ride/index.page', params: { card: card.id } });
  return actions;
}

/**
 * The card id in the card page's params: CardAction-style `{"card": id}`, which @zos/router push
 * turns into a JSON string for onInit. '' for anything else (the page then says the card is gone).
 */
export function cardIdFromParams(params: unknown): string {
  if (typeof params !== 'string') return '';
  try {
    const p = JSON.parse(params) as unknown;
    if (typeof p !== 'object' || p === null) return '';
    const card = (p as { card?: unknown }).card;
    return typeof card === 'string' ? card : '';
  } catch {
    return '';
  }
}

/** The card page's view model, or null when the stored record has no card with this id (gone since). */
export function cardPageView(wallet: Wallet, cardId: string, ctx: ViewContext): CardPageView | null {
  const c = transitCards(wallet).find((x) => x.id === cardId);
  if (!c || !wallet.last) return null;
  const money = moneyIn(wallet, ctx);
  const state = cardState(c);
  const when = (t: number) => formatMoment(t, ctx.now, ctx.offsetMinutes, ctx.language);
  const notes: CardNote[] = [];
  if (state.low) notes.push({ key: 'card.low', args: [money(state.threshold)], warn: true });
  else if (state.threshold > 0) notes.push({ key: 'card.warnsUnder', args: [money(state.threshold)], warn: false });
  if (state.auto) {
    const a = state.auto;
    if (a.failure === 'insufficient-funds') notes.push({ key: 'card.autoFailFunds', args: [], warn: true });
    else if (a.failure === 'over-daily') notes.push({ key: 'card.autoFailDaily', args: [], warn: true });
    else if (a.lastAt !== null && c.auto?.r === 'ok')
      notes.push({ key: 'card.autoDone', args: [money(a.amount), when(a.lastAt)], warn: false });
    notes.push({ key: 'card.autoOn', args: [money(a.amount)], warn: false });
  }
  return {
    ...cardSummary(c, money, ctx),
    asOf: when(wallet.last.asOf),
    notes,
    actions: cardActions(c, wallet.lease),
  };
}

/**
 * The shortcut card (app-widget/index.ts): what is left to spend today and the transit card with the
 * lowest balance (with its low-balance warning). `unbound`: nothing stored yet (no lease, no sync).
 */
export type ShortcutView = { kind: 'unbound' } | { kind: 'wallet'; leftToday: string | null; lowest: CardView | null };

export function shortcutView(wallet: Wallet, ctx: ViewContext): ShortcutView {
  if (!wallet.lease && !wallet.last) return { kind: 'unbound' };
  const cards = transitCards(wallet);
  let lowest: SyncCard | null = null;
  for (const c of cards) if (!lowest || c.bal < lowest.bal) lowest = c;
  return {
    kind: 'wallet',
    leftToday: limitsView(wallet, ctx)?.leftToday ?? null,
    lowest: lowest ? cardSummary(lowest, moneyIn(wallet, ctx), ctx) : null,
  };
}
