// Home, transit and limits screens: state -> lines of text, formatted in the user's language.
import { formatMoney, type Language } from '../format/money';
import { formatMoment } from '../format/time';
import { limitsLeft, transitCards, type Wallet } from './wallet';
import type { SyncFailure } from './watch-phone';

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
  name: string;
  balance: string;
  trips: Array<{ when: string; line: string; fare: string }>;
}

export interface TransitView {
  cards: CardView[];
  asOf: string | null;
}

export function transitView(wallet: Wallet, ctx: ViewContext): TransitView {
  const currency = wallet.last?.lim.cur;
  const money = (n: number) => (currency ? formatMoney(n, currency, ctx.language) : String(n));
  return {
    asOf: wallet.last ? formatMoment(wallet.last.asOf, ctx.now, ctx.offsetMinutes, ctx.language) : null,
    cards: transitCards(wallet).map((c) => ({
      name: c.name,
      balance: money(c.bal),
      trips: c.trips.map(([at, fare, line]) => ({
        when: formatMoment(at, ctx.now, ctx.offsetMinutes, ctx.language),
        line,
        fare: money(-fare),
      })),
    })),
  };
}
