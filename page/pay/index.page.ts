// The payment code: made on the watch from the stored lease, replaced every step, drawn as
// black rectangles on white at whole pixels per module, on one CANVAS (code-canvas.ts).
// A tap anywhere on the code moves barcode -> QR code -> EMV QR code.
// Locked (page/common/lock.ts: off the wrist, or no PIN yet), no code is made or shown: the keypad opens.
// Square screens: the system status bar is hidden while the page shows, so the code may use the
// whole screen; it comes back when the page goes.
import { BasePage } from '@zeppos/zml/base-page';
import { setStatusBarVisible } from '@zos/ui';
import {
  getAutoBrightness,
  getBrightness,
  pauseDropWristScreenOff,
  resetDropWristScreenOff,
  setAutoBrightness,
  setBrightness,
  setPageBrightTime,
} from '@zos/display';
import { layout as shapeLayout } from 'zosLoader:./index.[pf].layout.js';
import { nextMode, payView, type CodeMode } from '../../lib/wallet/pay-view';
import { openPayLock, type PayLock } from '../common/lock';
import { deviceScreen } from '../common/screen';
import { loadWallet } from '../common/store';
import { COLOR, t, WidgetGroup } from '../common/ui';
import { showThenSync } from '../common/wallet-page';
import { createCodeCanvas } from './code-canvas';
import type { PayLayout } from './layout-types';

const layout = shapeLayout as PayLayout;
const SCREEN_ON_MS = 120_000; // long enough for a queue at the till

Page(
  BasePage({
    state: {
      mode: 'barcode' as CodeMode,
      timer: 0 as unknown,
      saved: null as null | { auto: boolean; brightness: number },
    },

    group: null as WidgetGroup | null,
    lock: null as PayLock | null,

    onInit() {
      this.lock = openPayLock(() => this.render());
      // A cashier's scanner reads a bright, steady screen: full brightness while the code shows.
      this.state.saved = { auto: getAutoBrightness(), brightness: getBrightness() };
      setAutoBrightness(false);
      setBrightness(100);
      setPageBrightTime({ brightTime: SCREEN_ON_MS });
      pauseDropWristScreenOff({ duration: SCREEN_ON_MS });
    },

    build() {
      if (!deviceScreen().round) setStatusBarVisible(false);
      this.group = new WidgetGroup();
      // Codes are made offline; a sync only renews the lease, so it runs behind the code.
      showThenSync(this);
    },

    render() {
      clearTimeout(this.state.timer as number);
      const group = this.group;
      if (!group?.alive) return;
      group.clear();
      const screen = deviceScreen();
      const g = layout.geometry(screen.width, screen.height);
      const now = Date.now();
      const wallet = loadWallet();
      const view = this.lock?.view(group, wallet, () => payView(wallet, now, this.state.mode, screen, g));
      if (!view) return;
      if (view.kind === 'message' || !view.compact) group.text(g.title, t('pay.title'), g.titleSize, COLOR.text);
      if (view.kind === 'message') {
        group.text(g.message, `${t(view.titleKey)}\n\n${t(view.hintKey)}`, g.messageSize, COLOR.text, true);
        return;
      }
      const { bounds, rects, below } = view.layout;
      group.add(
        createCodeCanvas(bounds, rects, { dark: COLOR.codeDark, light: COLOR.codeLight }, () => this.toggleMode()),
      );
      if (below) group.text(below, view.digits, g.digitsSize, COLOR.text);
      if (!view.compact) group.text(g.hint, t(`pay.tapFor.${nextMode(this.state.mode)}`), g.hintSize, COLOR.dim);
      this.state.timer = setTimeout(() => this.render(), Math.max(200, view.refreshAt - Date.now()));
    },

    toggleMode() {
      this.state.mode = nextMode(this.state.mode);
      this.render();
    },

    onDestroy() {
      clearTimeout(this.state.timer as number);
      this.lock?.close();
      this.group?.dispose();
      if (!deviceScreen().round) setStatusBarVisible(true);
      resetDropWristScreenOff();
      const saved = this.state.saved;
      if (saved) {
        setBrightness(saved.brightness);
        setAutoBrightness(saved.auto);
      }
    },
  }),
);
