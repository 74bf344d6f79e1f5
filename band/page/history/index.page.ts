// History on a band: the wallet's balance and its last 10 payments and refunds as of the last sync
// (lib/wallet/history.ts, as on the watches), on the scrolling list page.
import { historyView } from '../../../lib/wallet/history';
import { listPage } from '../common/list-page';
import { loadWallet } from '../common/store';
import { COLOR, language, t, utcOffsetMinutes } from '../common/ui';

Page(
  listPage('history.title', ({ l, line, gap, note, wrapped, together }) => {
    const view = historyView(loadWallet(), {
      now: Date.now(),
      offsetMinutes: utcOffsetMinutes(),
      language: language(),
    });
    if (!view) return note(t('history.noSync'));
    if (view.balance) line(t('history.balance', view.balance), l.size.text, COLOR.accent);
    line(t('history.asOf', view.asOf), l.size.small, COLOR.dim);
    if (view.rows.length === 0) return note(t('history.none'));
    for (const row of view.rows) {
      gap();
      // The merchant (up to 24 characters: two lines of 192 px in Latin, three in CJK) wrapped, not
      // shrunk or cut; then the amount; then when, after "Refund" for a refund.
      together(() => {
        wrapped(row.merchant, l.size.small);
        line(row.amount, l.size.text, row.refund ? COLOR.accent : COLOR.text);
        line(row.refund ? `${t('history.refund')} · ${row.when}` : row.when, l.size.small - 2, COLOR.dim);
      });
    }
  }),
);
