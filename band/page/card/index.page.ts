// One transit card on a band, opened from the transit page: balance and when it is from, the low-balance
// and automatic top-up lines, "Ride code" when the lease certifies the card, and the last trips
// (lib/wallet/views.ts cardPageView, as on the watches). The card id comes as onInit's string param
// (global.mdx: "the param parameter is passed by the param parameter in hmApp.gotoPage").
import { cardIdFromParams, cardPageView, type CardPageView } from '../../../lib/wallet/views';
import { listFrame, textWidth } from '../common/layout';
import { listPage } from '../common/list-page';
import { loadWallet } from '../common/store';
import { COLOR, language, layout, t, utcOffsetMinutes } from '../common/ui';

let cardId = '';

function view(): CardPageView | null {
  return cardPageView(loadWallet(), cardId, {
    now: Date.now(),
    offsetMinutes: utcOffsetMinutes(),
    language: language(),
  });
}

/**
 * Whether the card's name fits the title box (drawn down to 70%, then cut: ui.ts text): on the Mi Band 7 the
 * box narrows to its rounded top, and "Airport Express" does not fit it. Then the title says "Transit cards"
 * and the name heads the page, wrapped.
 */
function nameFitsTitle(name: string): boolean {
  const l = layout();
  return textWidth(name, Math.ceil(l.size.title * 0.7)) <= listFrame(l).title.w;
}

const page = listPage(
  () => {
    const name = view()?.name;
    return name && nameFitsTitle(name) ? name : t('transit.title');
  },
  ({ l, line, pair, gap, note, wrapped, button, together }) => {
    const v = view();
    if (!v) return note(t('card.gone'));
    if (!nameFitsTitle(v.name)) wrapped(v.name, l.size.text);
    line(v.balance, l.size.big, v.lowUnder ? COLOR.warn : COLOR.accent);
    line(t('card.asOf', v.asOf), l.size.small, COLOR.dim);
    for (const n of v.notes) wrapped(t(n.key, ...n.args), l.size.small, n.warn ? COLOR.warn : COLOR.dim);
    // gotoPage's param is a string (gotoPage.mdx): the action's params as JSON, which rideParam reads.
    for (const a of v.actions) button(t(a.key), () => hmApp.gotoPage({ url: a.url, param: JSON.stringify(a.params) }));
    gap();
    line(t('card.trips'), l.size.text);
    if (v.trips.length === 0) line(t('card.noTrips'), l.size.small, COLOR.dim);
    // Two rows a trip, as on the transit page: one row does not fit 192 px.
    for (const trip of v.trips)
      together(() => {
        line(trip.line, l.size.small);
        pair(trip.when, trip.fare, l.size.small - 2, COLOR.dim);
      });
  },
);

Page({
  onInit(param: unknown) {
    cardId = cardIdFromParams(param);
  },
  ...page,
});
