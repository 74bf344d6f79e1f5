// Transit cards on a band: balances as of the last sync, and each card's last trips (lib/wallet/views.ts).
import { transitView } from '../../../lib/wallet/views';
import { listPage } from '../common/list-page';
import { loadWallet } from '../common/store';
import { COLOR, language, t, utcOffsetMinutes } from '../common/ui';

Page(
  listPage('transit.title', ({ l, line, pair, gap, note, together, heading }) => {
    const view = transitView(loadWallet(), {
      now: Date.now(),
      offsetMinutes: utcOffsetMinutes(),
      language: language(),
    });
    if (view.cards.length === 0) return note(t('transit.none'));
    if (view.asOf) line(t('transit.asOf', view.asOf), l.size.small, COLOR.dim);
    for (const card of view.cards) {
      gap();
      // A card's name stays on the page of its balance, a trip's line on the page of its fare; trips that go
      // on to the next page get the card's name again above them.
      together(() => {
        heading(card.name, l.size.text);
        line(card.balance, l.size.big, COLOR.accent);
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
