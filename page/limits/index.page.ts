// Spending limits left today, as of the last sync.
import { BasePage } from '@zeppos/zml/base-page';
import { layout as shapeLayout } from 'zosLoader:./index.[pf].layout.js';
import { limitsView } from '../../lib/wallet/views';
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
      const view = limitsView(loadWallet(), { now: Date.now(), offsetMinutes: utcOffsetMinutes(), language: language() });
      group.text(g.title, t('limits.title'), g.titleSize, COLOR.text);
      let y = g.top;
      const line = (text: string, size: number, color: number) => {
        const h = Math.round(size * 1.4);
        group.text(g.row(y, h), text, size, color);
        y += h;
      };
      if (!view) {
        group.text(g.row(y, Math.round(screen.height * 0.4)), t('limits.unknown'), g.textSize, COLOR.dim, true);
        return;
      }
      line(t('limits.leftToday'), g.textSize, COLOR.dim);
      line(view.leftToday, g.bigSize, COLOR.accent);
      y += g.gap;
      line(t('limits.perPayment', view.perPayment), g.textSize, COLOR.text);
      line(t('limits.spent', view.spent, view.daily), g.textSize, COLOR.text);
      y += g.gap;
      line(t('limits.asOf', view.asOf), g.smallSize, COLOR.dim);
    },
  }),
);
