// The ride code of one transit card (page param: the card id, or {"card": id}; default the first
// card the lease certifies): made on the watch, offline, from the lease's ride credential, a new one
// every 30 s step (lib/ride, docs/ride-codes.md), drawn as a QR code on one CANVAS at full brightness.
// Square screens: the status bar is hidden while the page shows, as on the pay page.
import { BasePage } from '@zeppos/zml/base-page';
import { layout as shapeLayout } from 'zosLoader:./index.[pf].layout.js';
import { useSmallTables } from '../../lib/ride/code';
import { rideParam, rideView } from '../../lib/wallet/ride-view';
import { openBrightScreen, type BrightScreen } from '../common/bright-screen';
import { deviceScreen } from '../common/screen';
import { loadWallet } from '../common/store';
import { COLOR, t, WidgetGroup } from '../common/ui';
import { showThenSync } from '../common/wallet-page';
import { createCodeCanvas } from '../pay/code-canvas';
import type { PayLayout } from '../pay/layout-types';

const layout = shapeLayout as PayLayout;
const SCREEN_ON_MS = 120_000; // a queue at the gate

Page(
  BasePage({
    state: {
      card: undefined as string | undefined,
      timer: 0 as unknown,
    },

    group: null as WidgetGroup | null,
    bright: null as BrightScreen | null,

    onInit(params: unknown) {
      this.state.card = rideParam(params);
      useSmallTables();
      this.bright = openBrightScreen(SCREEN_ON_MS);
    },

    build() {
      this.bright?.hideStatusBar();
      this.group = new WidgetGroup();
      showThenSync(this);
    },

    render() {
      clearTimeout(this.state.timer as number);
      const group = this.group;
      if (!group?.alive) return;
      group.clear();
      const screen = deviceScreen();
      const g = layout.geometry(screen.width, screen.height);
      const view = rideView(loadWallet(), Date.now(), this.state.card, screen, g);
      if (view.kind === 'message') {
        group.text(g.title, t('ride.title'), g.titleSize, COLOR.text);
        group.text(g.message, `${t(view.titleKey)}\n\n${t(view.hintKey)}`, g.messageSize, COLOR.text, true);
        return;
      }
      if (!view.compact) group.text(g.title, view.cardName || t('ride.title'), g.titleSize, COLOR.text);
      const { bounds, rects } = view.layout;
      group.add(createCodeCanvas(bounds, rects, { dark: COLOR.codeDark, light: COLOR.codeLight }, () => {}));
      if (!view.compact) group.text(g.hint, t('ride.hint'), g.hintSize, COLOR.dim);
      this.state.timer = setTimeout(() => this.render(), Math.max(200, view.refreshAt - Date.now()));
    },

    onDestroy() {
      clearTimeout(this.state.timer as number);
      this.group?.dispose();
      this.bright?.restore();
    },
  }),
);
