// The wrist lock on the watch: lib/wallet/pin.ts's rules over the Wear sensor (@zos/sensor, API 2.0) and
// LocalStorage. app.ts starts it (lock at start, lock when the watch leaves the wrist while the app runs);
// the pay page opens through it (openPayLock) and makes its code only through `view`; page/pin is the keypad.
import { Wear } from '@zos/sensor';
import { replace } from '@zos/router';
import { createWidget, widget } from '@zos/ui';
import { layout as shapeLayout } from 'zosLoader:./lock.[pf].layout.js';
import {
  lockAtStart,
  onWear,
  payClosing,
  payScreen,
  payOpening,
  wearKind,
  type LockRecord,
  type WearKind,
} from '../../lib/wallet/pin';
import type { Wallet } from '../../lib/wallet/wallet';
import type { Rect } from '../../lib/codes/rects';
import { eraseLease, loadLock, saveLock } from './lock-store';
import { deviceScreen } from './screen';
import { COLOR, t, type WidgetGroup } from './ui';

export { eraseLease, loadLock, saveLock };

export const PIN_PAGE = 'page/pin/index.page';
export const PAY_PAGE = 'page/pay/index.page';

/** Geometry of the locked screen for one shape (lock.r.layout.ts, lock.s.layout.ts). */
export interface LockLayout {
  geometry(
    width: number,
    height: number,
  ): { title: Rect; titleSize: number; message: Rect; messageSize: number; button: Rect; buttonSize: number };
}
const layout = shapeLayout as LockLayout;

export function wearNow(wear: { getStatus(): number } = new Wear()): WearKind {
  return wearKind(wear.getStatus());
}

function update(rule: (rec: LockRecord, wear: WearKind, nowMs: number) => LockRecord, wear: WearKind): LockRecord {
  const before = loadLock();
  const after = rule(before, wear, Date.now());
  if (JSON.stringify(after) !== JSON.stringify(before)) saveLock(after);
  return after;
}

/**
 * app.ts: the lock for the app's run. At start the wallet locks unless the app saw the watch worn
 * lately and it is worn now; while the app runs, leaving the wrist locks at once. Returns the stop
 * for app onDestroy (which notes the watch was still worn at exit).
 */
export function startWristLock(): () => void {
  const wear = new Wear();
  update(lockAtStart, wearNow(wear));
  const changed = () => update(onWear, wearNow(wear));
  wear.onChange(changed);
  return () => {
    wear.offChange(changed);
    update(onWear, wearNow(wear));
  };
}

export interface PayLock {
  /**
   * Makes the pay page's view with `make` (the code generator) only when the wallet is open; otherwise
   * draws the locked screen into `group` (or, when the page is just opening, goes to the keypad) and
   * returns null without calling `make`.
   */
  view<T>(group: WidgetGroup, wallet: Wallet, make: () => T): T | null;
  close(): void;
}

/** The pay page opens: `changed` redraws it when the lock changes (the watch leaves the wrist). */
export function openPayLock(changed: () => void): PayLock {
  const wear = new Wear();
  update(payOpening, wearNow(wear));
  let opening = true;
  /** Whether the last view showed a code: the app's own listener may have locked first, so compare with this. */
  let shown = false;
  const listener = () => {
    const unlocked = update(onWear, wearNow(wear)).unlocked;
    if (shown && !unlocked) changed();
  };
  wear.onChange(listener);
  return {
    view(group, wallet, make) {
      const step = payScreen(loadLock(), wallet.lease !== null, opening);
      if (step.changed) saveLock(step.rec); // a sync brought a new lease: the erase is behind us
      opening = false;
      shown = false;
      switch (step.screen) {
        case 'open': {
          const out = make();
          shown = out !== null;
          return out;
        }
        case 'keypad':
          toKeypad();
          return null;
        case 'locked':
          drawLocked(group, 'pay.locked');
          return null;
        case 'erased':
          drawLocked(group, 'pin.erased');
          return null;
      }
    },
    close() {
      wear.offChange(listener);
      update(payClosing, wearNow(wear));
    },
  };
}

export function toKeypad(): void {
  replace({ url: PIN_PAGE });
}

/** Title, message and (unless erased) a button to the keypad. */
export function drawLocked(group: WidgetGroup, key: 'pay.locked' | 'pin.erased'): void {
  const screen = deviceScreen();
  const g = layout.geometry(screen.width, screen.height);
  group.text(g.title, t(`${key}.title`), g.titleSize, key === 'pin.erased' ? COLOR.warn : COLOR.text);
  group.text(g.message, t(`${key}.body`), g.messageSize, COLOR.text, true);
  if (key === 'pin.erased') return;
  group.add(
    createWidget(widget.BUTTON, {
      ...g.button,
      text: t(`${key}.button`),
      text_size: g.buttonSize,
      color: COLOR.text,
      normal_color: COLOR.button,
      press_color: COLOR.buttonPressed,
      radius: Math.round(g.button.h / 2),
      click_func: () => toKeypad(),
    }),
  );
}
