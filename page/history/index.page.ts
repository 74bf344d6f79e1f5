// History: the wallet's balance and its last 10 payments and refunds, as of the last sync (issue 10).
import { BasePage } from '@zeppos/zml/base-page';
import { layout } from 'zosLoader:./index.[pf].layout.js';
import { historyView } from '../../lib/wallet/history';
import { utcOffsetMinutes } from '../common/clock';
import type { ListLayout } from '../common/list-layout';
import { listPage } from '../common/list-page';
import { loadWallet } from '../common/store';
import { COLOR, language, t } from '../common/ui';

Page(
  BasePage(
    listPage(layout as ListLayout, 'history.title', ({ g, line, gap, note }) => {
      const view = historyView(loadWallet(), {
        now: Date.now(),
        offsetMinutes: utcOffsetMinutes(),
        language: language(),
      });
      if (!view) return note(t('history.noSync'));
      if (view.balance) line(t('history.balance', view.balance), g.textSize, COLOR.accent);
      line(t('history.asOf', view.asOf), g.smallSize, COLOR.dim);
      if (view.rows.length === 0) return note(t('history.none'));
      for (const row of view.rows) {
        gap();
        // Two rows a payment: a merchant's name (up to 24 characters) and the amount do not share one.
        line(row.merchant, g.textSize, COLOR.text);
        line(row.amount, g.textSize, row.refund ? COLOR.accent : COLOR.text);
        line(row.refund ? `${t('history.refund')} · ${row.when}` : row.when, g.smallSize, COLOR.dim);
      }
    }),
  ),
);
