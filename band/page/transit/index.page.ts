// Transit cards on a band: balances as of the last sync, and each card's last trips (lib/wallet/views.ts).
// A card's name is a button that opens its page (band/page/card), the card id handed over as gotoPage's
// string param (hmApp/gotoPage.mdx), JSON {"card": id} as on the watches (cardIdFromParams).
import { transitView } from '../../../lib/wallet/views';
import { listPage } from '../common/list-page';
import { loadWallet } from '../common/store';
import { COLOR, language, t, utcOffsetMinutes } from '../common/ui';

Page(
  listPage('transit.title', ({ l, line, pair, gap, note, together, button }) => {
    const view = transitView(loadWallet(), {
      now: Date.now(),
      offsetMinutes: utcOffsetMinutes(),
      language: language(),
    });
    if (view.cards.length === 0) return note(t('transit.none'));
    if (view.asOf) line(t('transit.asOf', view.asOf), l.size.small, COLOR.dim);
    for (const card of view.cards) {
      gap();
      // A card's name (a button: it opens the card's page) stays on the page of its balance, a trip's line on
      // the page of its fare; trips that go on to the next page get the card's name again above them.
      together(() => {
        button(
          card.name,
          () => hmApp.gotoPage({ url: 'page/card/index.page', param: JSON.stringify({ card: card.id }) }),
          true,
        );
        line(card.balance, l.size.big, card.lowUnder ? COLOR.warn : COLOR.accent);
        if (card.lowUnder) line(t('transit.low', card.lowUnder), l.size.small, COLOR.warn);
      });
      // Two rows a trip: the line, then when (left) and the fare (right): one row does not fit 192 px.
      for (const trip of card.trips)
        together(() => {
          line(trip.line, l.size.small);
          pair(trip.when, trip.fare, l.size.small - 2, COLOR.dim);
        });
    }
  }),
);
