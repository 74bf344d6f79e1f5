// The band's home: four buttons (pay, transit, limits, history) and where the data stands, under them.
import { formatMoment } from '../../../lib/format/time';
import { statusKey } from '../../../lib/wallet/views';
import type { SyncFailure } from '../../../lib/wallet/watch-phone';
import type { Wallet } from '../../../lib/wallet/wallet';
import { loadWallet } from '../common/store';
import { syncWallet } from '../common/sync';
import { wrapText } from '../common/layout';
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
    const status = statusKey(wallet, failure);
    const when = wallet.syncedAt ? formatMoment(wallet.syncedAt, Date.now(), utcOffsetMinutes(), language()) : '';
    const statusText = t(status.key, when);
    // The status under the buttons fits above the bottom: four buttons and a long status (Russian "not
    // bound": four lines) do not at full button height on Band 7's 368 px, so the buttons shrink to fit
    // (down to 44 px); the page does not scroll (band/page/common/list-page.ts says why).
    let y = l.title.y + l.title.h + 8;
    const statusH = wrapText(statusText, l.size.small, w).length * Math.round(l.size.small * 1.35) + 4;
    const step = Math.max(52, Math.min(64, Math.floor((l.screen.height - l.bottom - y - statusH) / PAGES.length)));
    for (const [key, url] of PAGES) {
      group.button({ x: l.side, y, w, h: step - 8 }, t(key), l.size.text + 2, () => hmApp.gotoPage({ url }));
      y += step;
    }
    group.paragraph(l.side, y + 4, w, statusText, l.size.small, COLOR.dim);
  }

  return {
    build() {
      hmUI.setLayerScrolling(false);
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
