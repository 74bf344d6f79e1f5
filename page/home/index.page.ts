// The menu: pay, transit cards, limits, history; and a status line saying how fresh the stored data is.
import { BasePage } from '@zeppos/zml/base-page';
import { createWidget, widget } from '@zos/ui';
import { push } from '@zos/router';
import { layout as shapeLayout } from 'zosLoader:./index.[pf].layout.js';
import { formatMoment } from '../../lib/format/time';
import { statusKey } from '../../lib/wallet/views';
import type { SyncFailure } from '../../lib/wallet/watch-phone';
import type { Wallet } from '../../lib/wallet/wallet';
import { utcOffsetMinutes } from '../common/clock';
import { deviceScreen } from '../common/screen';
import { loadWallet } from '../common/store';
import { syncWallet } from '../common/sync';
import { COLOR, language, t, WidgetGroup } from '../common/ui';
import type { HomeLayout } from './layout-types';

const layout = shapeLayout as HomeLayout;
const MENU = [
  { key: 'home.pay', url: 'page/pay/index.page' },
  { key: 'home.transit', url: 'page/transit/index.page' },
  { key: 'home.limits', url: 'page/limits/index.page' },
  { key: 'home.history', url: 'page/history/index.page' },
] as const;

Page(
  BasePage({
    status: null as WidgetGroup | null,

    build() {
      const screen = deviceScreen();
      const g = layout.geometry(screen.width, screen.height);
      const title = new WidgetGroup();
      title.text(g.title, t('app.name'), g.titleSize, COLOR.accent);
      MENU.forEach((item, i) => {
        createWidget(widget.BUTTON, {
          ...g.buttons[i]!,
          text: t(item.key),
          text_size: g.buttonSize,
          color: COLOR.text,
          normal_color: COLOR.button,
          press_color: COLOR.buttonPressed,
          radius: Math.round(g.buttons[i]!.h / 2),
          click_func: () => push({ url: item.url }),
        });
      });
      this.status = new WidgetGroup();
      this.showStatus(loadWallet(), null);
      syncWallet(Date.now).then(({ wallet, failure }) => this.showStatus(wallet, failure));
    },

    onDestroy() {
      this.status?.dispose();
    },

    showStatus(wallet: Wallet, failure: SyncFailure | 'link' | null) {
      const group = this.status;
      if (!group?.alive) return;
      group.clear();
      const screen = deviceScreen();
      const g = layout.geometry(screen.width, screen.height);
      const { key, arg } = statusKey(wallet, failure);
      const when =
        arg && wallet.syncedAt !== null
          ? formatMoment(wallet.syncedAt, Date.now(), utcOffsetMinutes(), language())
          : '';
      group.text(g.status, t(key, when), g.statusSize, failure ? COLOR.warn : COLOR.dim, true);
    },
  }),
);
