// The wrist lock on a band (API 1.0): lib/wallet/pin.ts's rules, as the watches apply them
// (page/common/lock.ts), over the 1.0 WEAR sensor and the record of lock-store.ts.
//
// 1.0 gives no word when the band leaves the wrist: WEAR's CHANGE event is "temporarily unavailable"
// (hmSensor/sensorId/WEAR.mdx, caution), and the simulator takes a listener and never calls it. So the
// pay page reads `current` every WEAR_POLL_MS with the 1.0 timer (timer/createTimer.mdx) while it shows,
// and nowhere else: taken off the wrist while the code shows, the code is gone at the next read, at most
// WEAR_POLL_MS later (test/band/band-pay.ts measures it). Since the band sees the wrist only while its
// pay page is open, each opening of that page is a start for the lock (lockAtStart: an unlock stands
// only if the page saw the band worn within RESUME_MS and it is worn now), unless the keypad has just
// unlocked it (`fresh`). docs/security.md says what this means for the user.
import {
  lockAtStart,
  onWear,
  payClosing,
  payScreen,
  payOpening,
  wearKind,
  type LockRecord,
  type WearKind,
} from '../../../lib/wallet/pin';
import type { Wallet } from '../../../lib/wallet/wallet';
import { eraseLease, loadLock, saveLock } from './lock-store';
import { WEAR_POLL_MS } from './wear';
import { cornerClearance } from '../pin/layout';
import { wrapText } from './layout';
import { after, COLOR, layout as bandLayout, t, type WidgetGroup } from './ui';

export { eraseLease, loadLock, saveLock };

export function wearNow(sensor: HmWearSensor = hmSensor.createSensor(hmSensor.id.WEAR)): WearKind {
  return wearKind(sensor.current);
}

export const PIN_PAGE = 'page/pin/index.page';
export const PAY_PAGE = 'page/pay/index.page';

/**
 * How stale the stored "last seen worn" may get while the page polls: written at most this often
 * (RESUME_MS is 5 minutes, so a minute late costs nothing), not at every read.
 */
const WORN_WRITE_MS = 60_000;

/** The record changed in what matters (not only when the wrist was last seen): it is written. */
function store(before: LockRecord, after: LockRecord): LockRecord {
  const moved = { ...after, wornAt: before.wornAt };
  const stale = after.wornAt !== null && (before.wornAt === null || after.wornAt - before.wornAt >= WORN_WRITE_MS);
  if (stale || JSON.stringify(moved) !== JSON.stringify(before)) saveLock(after);
  return after;
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

/** The pay page opens: `changed` redraws it when a read of the wrist locks the wallet under a code. */
export function openPayLock(changed: () => void): PayLock {
  const sensor = hmSensor.createSensor(hmSensor.id.WEAR);
  const now = Date.now();
  const wear = wearNow(sensor);
  const before = loadLock();
  // A start for the lock, unless the keypad just unlocked (RESUME_MS: the header).
  const started = before.fresh ? before : lockAtStart(before, wear, now);
  store(before, payOpening(started, wear, now));
  let opening = true;
  /** Whether the last view showed a code. */
  let shown = false;
  let stopped = false;
  let stopPoll: () => void = () => {};
  const poll = () => {
    if (stopped) return;
    const rec = loadLock();
    const next = store(rec, onWear(rec, wearNow(sensor), Date.now()));
    if (shown && !next.unlocked) changed();
    stopPoll = after(WEAR_POLL_MS, poll);
  };
  stopPoll = after(WEAR_POLL_MS, poll);
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
          drawLocked(group, false);
          return null;
        case 'erased':
          drawLocked(group, true);
          return null;
      }
    },
    close() {
      stopped = true;
      stopPoll();
      const rec = loadLock();
      store(rec, payClosing(rec, wearNow(sensor), Date.now()));
    },
  };
}

/** hmApp.reloadPage (reloadPage.mdx): the keypad takes the pay page's place, as the watches' replace(). */
export function toKeypad(): void {
  hmApp.reloadPage({ url: PIN_PAGE });
}

const LOCKED = { title: 'pay.locked.title', body: 'pay.locked.body', button: 'pay.locked.button' };
const ERASED = { title: 'pin.erased.title', body: 'band.pin.erased.body', button: null };

/** Title, message and (unless erased) a button to the keypad. */
export function drawLocked(group: WidgetGroup, erased: boolean): void {
  const keys = erased ? ERASED : LOCKED;
  drawNotice(
    group,
    t(keys.title),
    t(keys.body),
    erased ? COLOR.warn : COLOR.text,
    keys.button ? { text: t(keys.button), onTap: toKeypad } : null,
  );
}

/**
 * A title, a message and maybe one button at the foot of the screen (clear of the Mi Band 7's rounded
 * end): the message at the text size, or the small one when a long translation would reach the button.
 */
export function drawNotice(
  group: WidgetGroup,
  title: string,
  body: string,
  titleColor: number,
  button: { text: string; onTap: () => void } | null,
): void {
  const l = bandLayout();
  const w = l.screen.width - 2 * l.side;
  const h = 56;
  // As the keypad's last row: where the rounded corners leave the full width (pin/layout.ts).
  const buttonY = l.screen.height - Math.max(8, cornerClearance(l.screen.cornerRadius, l.side) + 4) - h;
  const top = l.title.y + l.title.h + 12;
  const room = (button ? buttonY - 12 : l.screen.height - Math.max(l.bottom, 20)) - top;
  const fits = (size: number) => wrapText(body, size, w).length * Math.round(size * 1.35) <= room;
  group.text(l.title, title, l.size.title, titleColor);
  group.paragraph(l.side, top, w, body, fits(l.size.text) ? l.size.text : l.size.small);
  if (button) group.button({ x: l.side, y: buttonY, w, h }, button.text, l.size.text + 2, button.onTap);
}
