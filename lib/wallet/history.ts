// The history page (issue 10): the wallet's balance and its last payments and refunds as of the last
// sync, formatted in the user's language. Pure, so it is tested in Node.
import { formatMoney } from '../format/money';
import { formatMoment } from '../format/time';
import type { ViewContext } from './views';
import type { Wallet } from './wallet';

export interface HistoryRow {
  merchant: string;
  /** '-¥23.50' for a payment, '+¥3.50' for a refund. */
  amount: string;
  refund: boolean;
  when: string;
}

export interface HistoryView {
  /** null before a sync from an issuer that sends the balance. */
  balance: string | null;
  rows: HistoryRow[];
  asOf: string;
}

/** null before the first sync. */
export function historyView(wallet: Wallet, ctx: ViewContext): HistoryView | null {
  const last = wallet.last;
  if (!last) return null;
  const money = (n: number) => formatMoney(n, last.lim.cur, ctx.language);
  return {
    balance: last.bal === undefined ? null : money(last.bal),
    asOf: formatMoment(last.asOf, ctx.now, ctx.offsetMinutes, ctx.language),
    rows: (last.hist ?? []).map(([at, amount, merchant, kind]) => ({
      merchant,
      amount: kind === 'r' ? `+${money(amount)}` : money(-amount),
      refund: kind === 'r',
      when: formatMoment(at, ctx.now, ctx.offsetMinutes, ctx.language),
    })),
  };
}
