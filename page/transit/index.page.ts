// Transit cards: balance as of the last sync, and the last trips of each card.
import { BasePage } from '@zeppos/zml/base-page';
import { push } from '@zos/router';
import { layout } from 'zosLoader:./index.[pf].layout.js';
import { transitView } from '../../lib/wallet/views';
import { utcOffsetMinutes } from '../common/clock';
import type { ListLayout } from '../common/list-layout';
import { listPage } from '../common/list-page';
import { loadWallet } from '../common/store';
import { COLOR, language, t } from '../common/ui';

Page(
  BasePage(
    listPage(layout as ListLayout, 'transit.title', ({ g, line, gap, note }) => {
      const view = transitView(loadWallet(), {
        now: Date.now(),
        offsetMinutes: utcOffsetMinutes(),
        language: language(),
      });
      if (view.cards.length === 0) return note(t('transit.none'));
      if (view.asOf) line(t('transit.asOf', view.asOf), g.smallSize, COLOR.dim);
      for (const card of view.cards) {
        // Every row of a card opens its page (page/card): params reach its onInit as a JSON string.
        const open = () => push({ url: 'page/card/index.page', params: { card: card.id } });
        gap();
        line(card.name, g.textSize, COLOR.text, open);
        line(card.balance, g.bigSize, card.lowUnder ? COLOR.warn : COLOR.accent, open);
        if (card.lowUnder) line(t('transit.low', card.lowUnder), g.smallSize, COLOR.warn, open);
        // Two rows a trip: when, line (up to 16 characters) and fare do not fit one row on the narrower screens.
        for (const trip of card.trips) {
          line(trip.line, g.smallSize, COLOR.text, open);
          line(`${trip.when}  ${trip.fare}`, g.smallSize, COLOR.dim, open);
        }
      }
    }),
  ),
);
