// The keypad on a band: a new PIN (typed twice) or the PIN that unlocks the wallet, with the rules of
// lib/wallet/pin.ts as the watches' page/pin applies them. The digits live only in this page's memory;
// what is stored (common/lock-store.ts, a /data file) is the salted hash and the count of wrong tries,
// counted before each check so that a restart in the middle still counts it. Five wrong in a row erase
// the lease and say so. Done, it goes on to the pay page (hmApp.reloadPage: nothing to go back to).
import {
  afterTry,
  countTry,
  hashPin,
  makeSalt,
  pinMatches,
  pinSet,
  pressKey,
  startEntry,
  type PinEntry,
  type PinKey,
} from '../../../lib/wallet/pin';
import { drawNotice, eraseLease, loadLock, PAY_PAGE, saveLock, wearNow } from '../common/lock';
import { COLOR, layout, t, WidgetGroup } from '../common/ui';
import { bandPinGeometry } from './layout';

const KEYS: PinKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'del', '0'];

function pinPage() {
  const keys = new WidgetGroup();
  const top = new WidgetGroup();
  let entry: PinEntry | null = null;
  /** The line under the dots: a key and its argument. */
  let note: { key: string; arg?: string } | null = null;

  /** Title, the 4 dots and the note: what changes with each key. */
  function draw() {
    if (!top.alive || !entry) return;
    top.clear();
    const l = layout();
    const g = bandPinGeometry(l);
    top.text(l.title, t(`pin.${entry.step}`), l.size.title);
    g.dots.forEach((c, i) => top.circle(c.x, c.y, g.dotRadius, i < entry!.digits.length ? COLOR.accent : COLOR.button));
    if (note) top.paragraph(g.note.x, g.note.y, g.note.w, t(note.key, note.arg ?? ''), g.noteSize, COLOR.warn);
  }

  function press(key: PinKey) {
    if (!entry) return;
    const before = entry;
    const { entry: next, done } = pressKey(before, key);
    entry = next;
    if (key !== 'del') note = null;
    if (done === 'mismatch') note = { key: 'pin.mismatch' };
    else if (done && before.step === 'repeat') return choose(done.pin);
    else if (done) return check(done.pin);
    draw();
  }

  function choose(pin: string) {
    const hash = hashPin(pin, makeSalt(Math.random, Date.now()));
    saveLock(pinSet(loadLock(), hash, wearNow(), Date.now()));
    hmApp.reloadPage({ url: PAY_PAGE });
  }

  function check(pin: string) {
    const counted = countTry(loadLock());
    saveLock(counted); // before the slow check: a restart now still counts this try
    const ok = counted.pin !== null && pinMatches(counted.pin, pin);
    const { rec, outcome } = afterTry(counted, ok, wearNow(), Date.now());
    saveLock(rec);
    if (outcome.kind === 'unlocked') return hmApp.reloadPage({ url: PAY_PAGE });
    if (outcome.kind === 'erase') {
      eraseLease();
      return showErased();
    }
    note = { key: 'pin.wrong', arg: String(outcome.left) };
    draw();
  }

  /** Too many wrong PINs: the keypad goes, a plain screen says what happened and what to do. */
  function showErased() {
    keys.clear();
    top.clear();
    drawNotice(top, t('pin.erased.title'), t('band.pin.erased.body'), COLOR.warn, {
      text: t('pin.ok'),
      onTap: () => hmApp.reloadPage({ url: PAY_PAGE }),
    });
  }

  return {
    build() {
      hmUI.setLayerScrolling(false);
      entry = startEntry(loadLock());
      const g = bandPinGeometry(layout());
      KEYS.forEach((key, i) => keys.button(g.keys[i]!, key === 'del' ? '←' : key, g.keySize, () => press(key)));
      draw();
    },
    onDestroy() {
      keys.dispose();
      top.dispose();
    },
  };
}

Page(pinPage());
