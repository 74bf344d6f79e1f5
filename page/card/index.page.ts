// One transit card, opened from the transit page: balance and when it is from, the low-balance and
// automatic top-up state, the last trips, and what can be done with the card (view.actions).
// push() hands the params over as a string (JSON here; router/push at API 2.0: "If a standard JSON
// object is passed, the method internally converts it to a string") to onInit.
import { BasePage } from '@zeppos/zml/base-page';
import { push } from '@zos/router';
import { layout } from 'zosLoader:./index.[pf].layout.js';
import { cardIdFromParams, cardPageView } from '../../lib/wallet/views';
import { utcOffsetMinutes } from '../common/clock';
import type { ListLayout } from '../common/list-layout';
import { renderList, type ListScroll } from '../common/list-page';
import { loadWallet } from '../common/store';
import { COLOR, language, t, WidgetGroup } from '../common/ui';
import { showThenSync } from '../common/wallet-page';

Page(
  BasePage({
    cardId: '',
    group: null as WidgetGroup | null,
    scroll: null as ListScroll | null,

    onInit(params: unknown) {
      this.cardId = cardIdFromParams(params);
    },

    build() {
      this.group = new WidgetGroup();
      showThenSync(this);
    },

    render() {
      if (!this.group) return;
      const view = cardPageView(loadWallet(), this.cardId, {
        now: Date.now(),
        offsetMinutes: utcOffsetMinutes(),
        language: language(),
      });
      const title = view ? { text: view.name } : 'transit.title';
      this.scroll = renderList(
        this.group,
        (layout as ListLayout).geometry,
        title,
        ({ g, line, gap, note, wrapped, button }) => {
          if (!view) return note(t('card.gone'));
          line(view.balance, g.bigSize, view.lowUnder ? COLOR.warn : COLOR.accent);
          line(t('card.asOf', view.asOf), g.smallSize, COLOR.dim);
          for (const n of view.notes) wrapped(t(n.key, ...n.args), g.smallSize, n.warn ? COLOR.warn : COLOR.dim, 2);
          for (const a of view.actions) button(t(a.key), () => push({ url: a.url, params: a.params }));
          gap();
          line(t('card.trips'), g.textSize, COLOR.text);
          if (view.trips.length === 0) line(t('card.noTrips'), g.smallSize, COLOR.dim);
          for (const trip of view.trips) {
            line(trip.line, g.smallSize, COLOR.text);
            line(`${trip.when}  ${trip.fare}`, g.smallSize, COLOR.dim);
          }
        },
        this.scroll?.() ?? 0,
      );
    },

    onDestroy() {
      this.group?.dispose();
    },
  }),
);
