// The band's home: four buttons (pay, transit, limits, history) and where the data stands, under them.
import { formatMoment } from '../../../lib/format/time';
import { statusKey } from '../../../lib/wallet/views';
import type { SyncFailure } from '../../../lib/wallet/watch-phone';
import type { Wallet } from '../../../lib/wallet/wallet';
import { loadWallet } from '../common/store';
import { syncWallet } from '../common/sync';
import { COLOR, language, layout, t, utcOffsetMinutes, WidgetGroup } from '../common/ui';

const PAGES: Array<[string, string]> = [
  ['home.pay', 'page/pay/index.page'],
  ['home.transit', 'page/transit/index.page'],
  ['home.limits', 'page/limits/index.page'],
  ['home.history', 'page/history/index.page'],
];

function homePage() {
  const group = new WidgetGroup();

  function render(wallet: Wallet, failure: SyncFailure | 'link' | null) {
    group.clear();
    const l = layout();
    const w = l.screen.width - 2 * l.side;
    group.text(l.title, t('app.name'), l.size.title);
    let y = l.title.y + l.title.h + 8;
    for (const [key, url] of PAGES) {
      group.button({ x: l.side, y, w, h: 56 }, t(key), l.size.text + 2, () => hmApp.gotoPage({ url }));
      y += 64;
    }
    const status = statusKey(wallet, failure);
    const when = wallet.syncedAt ? formatMoment(wallet.syncedAt, Date.now(), utcOffsetMinutes(), language()) : '';
    const end = group.paragraph(l.side, y + 4, w, t(status.key, when), l.size.small, COLOR.dim);
    // Four buttons and a long status (Russian "not bound": four lines) reach below Band 7's 368 px: the
    // page scrolls then (setLayerScrolling), with room under the last line to clear the rounded bottom.
    group.rect({ x: 0, y: end, w: l.screen.width, h: l.bottom + 10 }, COLOR.background);
  }

  return {
    build() {
      hmUI.setLayerScrolling(true);
      render(loadWallet(), null);
      syncWallet(Date.now, ({ wallet, failure }) => {
        if (group.alive) render(wallet, failure);
      });
    },
    onDestroy() {
      group.dispose();
    },
  };
}

Page(homePage());
