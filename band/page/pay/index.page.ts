// The payment code on a band: made from the stored lease (lib/wallet/pay-view.ts, as on watches), drawn
// as black FILL_RECTs on a white one at whole pixels per module (1.0 has no CANVAS), a new code every step.
// A tap on the code moves barcode -> QR code -> EMV QR code; the page opens in the format used last
// (memory.ts). The barcode runs along the long side with its digits in a column beside it; QR codes have
// them in two lines under them (band/page/common/layout.ts).
// Locked (common/lock.ts: off the wrist, read every WEAR_POLL_MS; or no PIN yet), no code is made or
// shown: the keypad opens. While a code shows, the page asks the phone whether it was charged
// (confirmation.ts): "Paid ¥23.50 · merchant" or "Declined" and why, full screen with a buzz, then the
// next step's code (lib/wallet/pay-memory.ts); "New code" in the title's place moves on to it too.
// Full brightness and a screen kept on while the page shows; both restored when it goes.
import type { Outcome } from '../../../lib/wallet/activity';
import { canSkip, spent, stepToShow, withMode, type PayMemory } from '../../../lib/wallet/pay-memory';
import { nextMode, payView } from '../../../lib/wallet/pay-view';
import { issuerNow } from '../../../lib/wallet/wallet';
import { bandPayGeometry, digitRows } from '../common/layout';
import { openPayLock, type PayLock } from '../common/lock';
import { loadWallet } from '../common/store';
import { openBrightScreen, type BrightScreen } from '../common/bright-screen';
import { showThenSync } from '../common/sync';
import { after, COLOR, layout, t, WidgetGroup } from '../common/ui';
import { buzz, drawOutcome, startConfirmation, type Confirmation, type ShownCode } from './confirmation';
import { loadPayMemory, savePayMemory } from './memory';

const OUTCOME_MS = 4_000; // how long "Paid ¥23.50" stays before the next code

function payPage() {
  const group = new WidgetGroup();
  let memory: PayMemory = loadPayMemory();
  let stopTimer: (() => void) | null = null;
  let bright: BrightScreen | null = null;
  let lock: PayLock | null = null;
  let confirmation: Confirmation | null = null;
  let vibrate: HmVibrateSensor | null = null;
  let shown: ShownCode = null;
  let outcome: Outcome | null = null;

  function message(title: string, text: string, hint?: string, size?: number) {
    const l = layout();
    const w = l.screen.width - 2 * l.side;
    group.text(l.title, title, l.size.title);
    const y = group.paragraph(l.side, l.title.y + l.title.h + 12, w, text, size ?? l.size.text);
    if (hint) group.paragraph(l.side, y + 12, w, hint, l.size.small, COLOR.dim);
  }

  function render() {
    stopTimer?.();
    stopTimer = null;
    if (!group.alive) return;
    group.clear();
    // Locked: the locked screen or the keypad, and nothing below runs (no code is made).
    const wallet = loadWallet();
    if (!lock?.view(group, wallet, () => true)) {
      shown = null;
      return;
    }
    const l = layout();
    if (outcome) {
      drawOutcome(group, l, outcome);
      stopTimer = after(OUTCOME_MS, () => {
        outcome = null;
        render();
      });
      return;
    }
    const now = Date.now();
    const lease = wallet.lease;
    const show = lease ? stepToShow(memory, lease, issuerNow(wallet, now)) : null;
    if (lease && show && 'wait' in show) {
      // Both codes the issuer would take now were shown as paid: the next one comes with the clock.
      shown = null;
      const at = show.wait * lease.step * 1000 - wallet.clockOffsetMs;
      // Small: "Next code in 60 s" on one line (a line break between 60 and s reads badly).
      message(t('pay.title'), t('pay.wait', String(Math.ceil((at - now) / 1000))), undefined, l.size.small);
      stopTimer = after(Math.max(200, Math.min(1000, at - now)), render);
      return;
    }
    const mode = memory.mode;
    const g = bandPayGeometry(l, mode);
    const step = show && 'step' in show ? show.step : undefined;
    const view = payView(wallet, now, mode, l.screen, g, undefined, step);
    if (view.kind === 'message') {
      shown = null;
      message(t('pay.title'), t(view.titleKey), t(view.hintKey));
      return;
    }
    shown =
      shown && shown.leaseId === lease!.leaseId && shown.step === view.step
        ? shown
        : { leaseId: lease!.leaseId, step: view.step, shownSince: issuerNow(wallet, now) };
    // "New code" where the title goes, narrower than it: clear of the Mi Band 7's rounded top.
    if (!view.compact) {
      const w = Math.round(l.screen.width * 0.62);
      const box = { ...l.title, x: Math.round((l.screen.width - w) / 2), w };
      group.button(box, t('pay.newCode'), l.size.text, newCode);
    }
    const { bounds, rects } = view.layout;
    group.rect(bounds, COLOR.codeLight, toggle);
    for (const r of rects) group.rect(r, COLOR.codeDark, toggle);
    const rows = digitRows(view.digits, g.digitRows);
    const rowH = Math.round(l.size.digits * 1.3);
    // The rows centred on the code (barcode: its column beside it), inside the digits box.
    const centre = mode === 'barcode' ? bounds.y + bounds.h / 2 : g.digits.y + g.digits.h / 2;
    let y = Math.round(centre - (rows.length * rowH) / 2);
    for (const row of rows) {
      const box = { x: g.digits.x, y, w: g.digits.w, h: rowH };
      // When the code takes the whole screen there is no room for "New code": the digits take its tap
      // instead, as on the watches (the press colour shows it).
      if (view.compact) group.button(box, row, l.size.digits, newCode, COLOR.background);
      else group.text(box, row, l.size.digits);
      y += rowH;
    }
    if (!view.compact) group.text(g.hint, t(`pay.tapFor.${nextMode(mode)}`), g.hintSize, COLOR.dim);
    stopTimer = after(Math.max(200, view.refreshAt - Date.now()), render);
  }

  function toggle() {
    memory = withMode(memory, nextMode(memory.mode));
    savePayMemory(memory);
    render();
  }

  /** "New code": the next step's code, while the issuer's window allows one. */
  function newCode() {
    const wallet = loadWallet();
    if (!shown || !wallet.lease || !canSkip(shown.step, wallet.lease, issuerNow(wallet, Date.now()))) return;
    memory = spent(memory, shown.leaseId, shown.step);
    savePayMemory(memory);
    render();
  }

  /** A charge of the code on screen: never show that code again, say so full screen, buzz. */
  function showOutcome(o: Outcome) {
    if (shown) {
      memory = spent(memory, shown.leaseId, shown.step);
      savePayMemory(memory);
    }
    shown = null;
    outcome = o;
    if (vibrate) buzz(vibrate, o);
    render();
  }

  return {
    onInit() {
      lock = openPayLock(render);
      bright = openBrightScreen(); // a scanner reads a bright, steady screen
    },
    build() {
      hmUI.setLayerScrolling(false);
      // The page's one VIBRATE instance (VIBRATE.mdx: a page may create only one).
      vibrate = hmSensor.createSensor(hmSensor.id.VIBRATE);
      showThenSync({ render, alive: () => group.alive });
      confirmation = startConfirmation({
        shown: () => shown,
        issuerNow: () => issuerNow(loadWallet(), Date.now()),
        onOutcome: showOutcome,
      });
    },
    onDestroy() {
      stopTimer?.();
      confirmation?.stop();
      lock?.close();
      vibrate?.stop();
      group.dispose();
      bright?.restore();
    },
  };
}

Page(payPage());
