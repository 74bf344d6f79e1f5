// Transit cards: balance as of the last sync, and the last trips of each card.
import { BasePage } from '@zeppos/zml/base-page';
import { layout as shapeLayout } from 'zosLoader:./index.[pf].layout.js';
import { transitView } from '../../lib/wallet/views';
import { utcOffsetMinutes } from '../common/clock';
import type { ListLayout } from '../common/list-layout';
import { deviceScreen } from '../common/screen';
import { loadWallet } from '../common/store';
import { syncWallet } from '../common/sync';
import { COLOR, language, t, WidgetGroup } from '../common/ui';

const layout = shapeLayout as ListLayout;

Page(
  BasePage({
    group: null as WidgetGroup | null,

    build() {
      this.group = new WidgetGroup();
      this.render();
      syncWallet(this, Date.now).then(({ failure }) => {
        if (!failure) this.render();
      });
    },

    render() {
      const group = this.group;
      if (!group) return;
      group.clear();
      const screen = deviceScreen();
      const g = layout.geometry(screen.width, screen.height);
      const view = transitView(loadWallet(), { now: Date.now(), offsetMinutes: utcOffsetMinutes(), language: language() });
      group.text(g.title, t('transit.title'), g.titleSize, COLOR.text);
      let y = g.top;
      const line = (text: string, size: number, color: number) => {
        const h = Math.round(size * 1.4);
        group.text(g.row(y, h), text, size, color);
        y += h;
      };
      if (view.cards.length === 0) {
        group.text(g.row(y, Math.round(screen.height * 0.4)), t('transit.none'), g.textSize, COLOR.dim, true);
        return;
      }
      if (view.asOf) line(t('transit.asOf', view.asOf), g.smallSize, COLOR.dim);
      // The page scrolls past the screen's bottom when there are many trips.
      for (const card of view.cards) {
        y += g.gap;
        line(card.name, g.textSize, COLOR.text);
        line(card.balance, g.bigSize, COLOR.accent);
        for (const trip of card.trips) line(`${trip.when}  ${trip.line}  ${trip.fare}`, g.smallSize, COLOR.dim);
      }
    },
  }),
);
