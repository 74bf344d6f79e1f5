// The payment code: made on the watch from the stored lease, replaced every step, drawn as
// black rectangles on white at whole pixels per module, on one CANVAS (code-canvas.ts).
// A tap anywhere on the code moves barcode -> QR code -> EMV QR code; the page opens in the format
// used last (memory.ts). While it shows, it asks for confirmation of a charge (confirmation.ts): a
// payment or a decline shows full screen with a buzz, then the next step's code (lib/wallet/pay-memory).
// Locked (page/common/lock.ts: off the wrist, or no PIN yet), no code is made or shown: the keypad opens.
// Square screens: the system status bar is hidden while the page shows, so the code may use the
// whole screen; it comes back when the page goes.
import { BasePage } from '@zeppos/zml/base-page';
import { createWidget, widget } from '@zos/ui';
import { layout as shapeLayout } from 'zosLoader:./index.[pf].layout.js';
import type { Outcome } from '../../lib/wallet/activity';
import { canSkip, spent, stepToShow, withMode } from '../../lib/wallet/pay-memory';
import { nextMode, payView, type CodeMode } from '../../lib/wallet/pay-view';
import { issuerNow } from '../../lib/wallet/wallet';
import { openBrightScreen, type BrightScreen } from '../common/bright-screen';
import { openPayLock, type PayLock } from '../common/lock';
import { deviceScreen } from '../common/screen';
import { loadWallet } from '../common/store';
import { COLOR, t, WidgetGroup } from '../common/ui';
import { showThenSync } from '../common/wallet-page';
import { createCodeCanvas } from './code-canvas';
import {
  buzz,
  drawOutcome,
  outcomeGeometry,
  startConfirmation,
  type Confirmation,
  type ShownCode,
} from './confirmation';
import { loadPayMemory, savePayMemory } from './memory';
import type { PayLayout } from './layout-types';

const layout = shapeLayout as PayLayout;
const SCREEN_ON_MS = 120_000; // long enough for a queue at the till
const OUTCOME_MS = 4_000; // how long "Paid ¥23.50" stays before the next code

Page(
  BasePage({
    state: {
      mode: 'barcode' as CodeMode,
      timer: 0 as unknown,
      memory: loadPayMemory(),
      shown: null as ShownCode,
      outcome: null as Outcome | null,
    },

    group: null as WidgetGroup | null,
    confirmation: null as Confirmation | null,
    lock: null as PayLock | null,
    bright: null as BrightScreen | null,

    onInit() {
      this.lock = openPayLock(() => this.render());
      // A cashier's scanner reads a bright, steady screen: full brightness while the code shows.
      this.bright = openBrightScreen(SCREEN_ON_MS);
      this.state.mode = this.state.memory.mode;
    },

    build() {
      this.bright?.hideStatusBar();
      this.group = new WidgetGroup();
      // Codes are made offline; a sync only renews the lease, so it runs behind the code.
      showThenSync(this);
      this.confirmation = startConfirmation({
        shown: () => this.state.shown,
        issuerNow: () => issuerNow(loadWallet(), Date.now()),
        onOutcome: (o) => this.showOutcome(o),
      });
    },

    render() {
      clearTimeout(this.state.timer as number);
      const group = this.group;
      if (!group?.alive) return;
      group.clear();
      const screen = deviceScreen();
      const g = layout.geometry(screen.width, screen.height);
      // Locked: the locked screen or the keypad, and nothing below runs (no code is made).
      if (!this.lock?.view(group, loadWallet(), () => true)) {
        this.state.shown = null;
        return;
      }
      if (this.state.outcome) {
        drawOutcome(group, outcomeGeometry(screen.width, screen.height, screen.round), this.state.outcome);
        this.state.timer = setTimeout(() => {
          this.state.outcome = null;
          this.render();
        }, OUTCOME_MS);
        return;
      }
      const now = Date.now();
      const wallet = loadWallet();
      const lease = wallet.lease;
      const show = lease ? stepToShow(this.state.memory, lease, issuerNow(wallet, now)) : null;
      if (lease && show && 'wait' in show) {
        // Both codes the issuer would take now were shown as paid: the next one comes with the clock.
        this.state.shown = null;
        const at = show.wait * lease.step * 1000 - wallet.clockOffsetMs;
        group.text(g.title, t('pay.title'), g.titleSize, COLOR.text);
        group.text(g.message, t('pay.wait', String(Math.ceil((at - now) / 1000))), g.messageSize, COLOR.text, true);
        this.state.timer = setTimeout(() => this.render(), Math.max(200, Math.min(1000, at - now)));
        return;
      }
      const step = show && 'step' in show ? show.step : undefined;
      const view = payView(wallet, now, this.state.mode, screen, g, undefined, step);
      if (view.kind === 'message') {
        this.state.shown = null;
        group.text(g.title, t('pay.title'), g.titleSize, COLOR.text);
        group.text(g.message, `${t(view.titleKey)}\n\n${t(view.hintKey)}`, g.messageSize, COLOR.text, true);
        return;
      }
      const before = this.state.shown;
      this.state.shown =
        before && lease && before.leaseId === lease.leaseId && before.step === view.step
          ? before
          : { leaseId: lease!.leaseId, step: view.step, shownSince: issuerNow(wallet, now) };
      if (!view.compact) this.newCodeButton(g.title, g.titleSize);
      const { bounds, rects, below } = view.layout;
      group.add(
        createCodeCanvas(bounds, rects, { dark: COLOR.codeDark, light: COLOR.codeLight }, () => this.toggleMode()),
      );
      // When the code takes the whole screen there is no room for the "New code" button: the digits
      // line under the code takes its tap instead (press colour shows it is one).
      if (below && view.compact) this.digitsButton(below, view.digits, g.digitsSize);
      else if (below) group.text(below, view.digits, g.digitsSize, COLOR.text);
      if (!view.compact) group.text(g.hint, t(`pay.tapFor.${nextMode(this.state.mode)}`), g.hintSize, COLOR.dim);
      this.state.timer = setTimeout(() => this.render(), Math.max(200, view.refreshAt - Date.now()));
    },

    toggleMode() {
      this.state.mode = nextMode(this.state.mode);
      this.state.memory = withMode(this.state.memory, this.state.mode);
      savePayMemory(this.state.memory);
      this.render();
    },

    /** "New code": the next step's code, while the issuer's window allows one. */
    newCodeButton(title: { x: number; y: number; w: number; h: number }, size: number) {
      // The square layout's title spans the screen: a pill that wide would run into the rounded corners.
      const w = Math.min(title.w, Math.round(deviceScreen().width * 0.6));
      const box = { ...title, x: title.x + Math.round((title.w - w) / 2), w };
      this.group?.add(
        createWidget(widget.BUTTON, {
          ...box,
          text: t('pay.newCode'),
          text_size: size,
          color: COLOR.text,
          normal_color: COLOR.button,
          press_color: COLOR.buttonPressed,
          radius: Math.round(box.h / 2),
          click_func: () => this.newCode(),
        }),
      );
    },

    digitsButton(box: { x: number; y: number; w: number; h: number }, digits: string, size: number) {
      this.group?.add(
        createWidget(widget.BUTTON, {
          ...box,
          text: digits,
          text_size: size,
          color: COLOR.text,
          normal_color: COLOR.background,
          press_color: COLOR.buttonPressed,
          radius: Math.round(box.h / 2),
          click_func: () => this.newCode(),
        }),
      );
    },

    newCode() {
      const shown = this.state.shown;
      const wallet = loadWallet();
      if (!shown || !wallet.lease || !canSkip(shown.step, wallet.lease, issuerNow(wallet, Date.now()))) return;
      this.state.memory = spent(this.state.memory, shown.leaseId, shown.step);
      savePayMemory(this.state.memory);
      this.render();
    },

    /** A charge of the code on screen: never show that code again, say so full screen, buzz. */
    showOutcome(outcome: Outcome) {
      const shown = this.state.shown;
      if (shown) {
        this.state.memory = spent(this.state.memory, shown.leaseId, shown.step);
        savePayMemory(this.state.memory);
      }
      // No code shows under "Paid": a later "used" try of the paid code (a register scanning it
      // again) is then older than the next code and is not reported against it.
      this.state.shown = null;
      this.state.outcome = outcome;
      buzz(outcome);
      this.render();
    },

    onDestroy() {
      clearTimeout(this.state.timer as number);
      this.confirmation?.stop();
      this.lock?.close();
      this.group?.dispose();
      this.bright?.restore();
    },
  }),
);
