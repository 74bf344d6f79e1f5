// The keypad: a new PIN (typed twice) or the PIN that unlocks the wallet (lib/wallet/pin.ts). The
// digits live only in this page's memory; what is stored is the salted hash and the count of wrong
// tries, counted before each check so that a restart in the middle still counts it. Five wrong in a
// row erase the lease (page/common/lock.ts) and say so. Done, it goes on to the pay page.
import { BasePage } from '@zeppos/zml/base-page';
import { replace } from '@zos/router';
import { createWidget, setStatusBarVisible, widget } from '@zos/ui';
import { layout as shapeLayout } from 'zosLoader:./index.[pf].layout.js';
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
} from '../../lib/wallet/pin';
import { eraseLease, loadLock, PAY_PAGE, saveLock, wearNow } from '../common/lock';
import { deviceScreen } from '../common/screen';
import { COLOR, t, WidgetGroup } from '../common/ui';
import type { PinLayout } from './layout-types';

const layout = shapeLayout as PinLayout;
const KEYS: PinKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'del', '0'];

Page(
  BasePage({
    state: {
      entry: null as PinEntry | null,
      /** The line under the dots: a key and its argument. */
      note: null as null | { key: string; arg?: string },
    },

    group: null as WidgetGroup | null,

    build() {
      if (!deviceScreen().round) setStatusBarVisible(false);
      const rec = loadLock();
      this.state.entry = startEntry(rec);
      this.group = new WidgetGroup();
      const screen = deviceScreen();
      const g = layout.geometry(screen.width, screen.height);
      KEYS.forEach((key, i) => {
        const box = g.keys[i]!;
        this.group!.add(
          createWidget(widget.BUTTON, {
            ...box,
            text: key === 'del' ? '←' : key,
            text_size: g.keySize,
            color: COLOR.text,
            normal_color: COLOR.button,
            press_color: COLOR.buttonPressed,
            radius: Math.round(Math.min(box.w, box.h) / 2),
            click_func: () => this.press(key),
          }),
        );
      });
      this.dotsGroup = new WidgetGroup();
      this.draw();
    },

    dotsGroup: null as WidgetGroup | null,

    /** Title, the 4 dots and the note: what changes with each key. */
    draw() {
      const group = this.dotsGroup;
      const entry = this.state.entry;
      if (!group?.alive || !entry) return;
      group.clear();
      const screen = deviceScreen();
      const g = layout.geometry(screen.width, screen.height);
      group.text(g.title, t(`pin.${entry.step}`), g.titleSize, COLOR.text);
      g.dots.forEach((c, i) => {
        const filled = i < entry.digits.length;
        group.add(
          createWidget(widget.CIRCLE, {
            center_x: c.x,
            center_y: c.y,
            radius: g.dotRadius,
            color: filled ? COLOR.accent : COLOR.button,
          }),
        );
      });
      const note = this.state.note;
      if (note) group.text(g.message, t(note.key, note.arg ?? ''), g.messageSize, COLOR.warn);
    },

    press(key: PinKey) {
      const entry = this.state.entry;
      if (!entry) return;
      const { entry: next, done } = pressKey(entry, key);
      this.state.entry = next;
      if (key !== 'del') this.state.note = null;
      if (done === 'mismatch') this.state.note = { key: 'pin.mismatch' };
      else if (done && entry.step === 'repeat') return this.choose(done.pin);
      else if (done) return this.check(done.pin);
      this.draw();
    },

    choose(pin: string) {
      const rec = loadLock();
      const hash = hashPin(pin, makeSalt(Math.random, Date.now()));
      saveLock(pinSet(rec, hash, wearNow(), Date.now()));
      replace({ url: PAY_PAGE });
    },

    check(pin: string) {
      const counted = countTry(loadLock());
      saveLock(counted); // before the slow check: a restart now still counts this try
      const ok = counted.pin !== null && pinMatches(counted.pin, pin);
      const { rec, outcome } = afterTry(counted, ok, wearNow(), Date.now());
      saveLock(rec);
      if (outcome.kind === 'unlocked') {
        replace({ url: PAY_PAGE });
        return;
      }
      if (outcome.kind === 'erase') {
        eraseLease();
        this.showErased();
        return;
      }
      this.state.note = { key: 'pin.wrong', arg: String(outcome.left) };
      this.draw();
    },

    /** Too many wrong PINs: the keypad goes, a plain screen says what happened and what to do. */
    showErased() {
      this.group?.clear();
      this.dotsGroup?.clear();
      const group = this.dotsGroup;
      if (!group?.alive) return;
      const screen = deviceScreen();
      const g = layout.geometry(screen.width, screen.height);
      group.text(g.title, t('pin.erased.title'), g.titleSize, COLOR.warn);
      group.text(g.erasedMessage, t('pin.erased.body'), g.messageSize, COLOR.text, true);
      group.add(
        createWidget(widget.BUTTON, {
          ...g.erasedButton,
          text: t('pin.ok'),
          text_size: g.keySize,
          color: COLOR.text,
          normal_color: COLOR.button,
          press_color: COLOR.buttonPressed,
          radius: Math.round(g.erasedButton.h / 2),
          click_func: () => replace({ url: PAY_PAGE }),
        }),
      );
    },

    onDestroy() {
      this.group?.dispose();
      this.dotsGroup?.dispose();
      if (!deviceScreen().round) setStatusBarVisible(true);
    },
  }),
);
