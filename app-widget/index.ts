// The shortcut card (app.json module app-widget; guide device/secondary-widget.md): what is left to
// spend today and the lowest transit balance, from the wallet the pages stored; one tap opens the
// pay page, whose wrist lock asks for the PIN when locked (page/common/lock.ts). A card has no
// Bluetooth, so it only reads what the last sync left in localStorage.
import { createWidget, event, getAppWidgetSize, widget, align, text_style } from '@zos/ui';
import { push } from '@zos/router';
import { layout } from 'zosLoader:./index.[pf].layout.js';
import { shortcutView } from '../lib/wallet/views';
import { utcOffsetMinutes } from '../page/common/clock';
import { loadWallet } from '../page/common/store';
import { COLOR, language, t } from '../page/common/ui';
import type { CardLayout, CardRow } from './layout-types';

const PAY_PAGE = 'page/pay/index.page';
const HOME_PAGE = 'page/home/index.page';

AppWidget({
  build() {
    const size = getAppWidgetSize();
    const g = (layout as CardLayout).geometry(size);
    const view = shortcutView(loadWallet(), {
      now: Date.now(),
      offsetMinutes: utcOffsetMinutes(),
      language: language(),
    });
    const url = view.kind === 'unbound' ? HOME_PAGE : PAY_PAGE;
    // Cards take taps only; the whole card opens the app, so every widget on it answers a tap.
    const open = () => push({ url });
    const tappable = (w: { addEventListener: (e: number, fn: () => void) => void }) =>
      w.addEventListener(event.CLICK_UP, open);
    tappable(
      createWidget(widget.FILL_RECT, {
        x: 0,
        y: 0,
        w: size.w,
        h: size.h,
        radius: size.radius,
        color: COLOR.button,
        angle: 0,
      }),
    );
    const text = (row: CardRow, value: string, textSize: number, color: number, wrap = false) =>
      tappable(
        createWidget(widget.TEXT, {
          ...row,
          text: value,
          text_size: textSize,
          color,
          align_h: g.centered ? align.CENTER_H : align.LEFT,
          align_v: align.CENTER_V,
          text_style: wrap ? text_style.WRAP : text_style.ELLIPSIS,
        }),
      );
    if (view.kind === 'unbound') {
      text({ ...g.label, h: g.line.y + g.line.h - g.label.y }, t('shortcut.notBound'), g.lineSize, COLOR.text, true);
      text(g.note, t('shortcut.tapToOpen'), g.noteSize, COLOR.dim);
      return;
    }
    text(g.label, t('limits.leftToday'), g.labelSize, COLOR.dim);
    text(g.big, view.leftToday ?? t('shortcut.noLimits'), view.leftToday ? g.bigSize : g.lineSize, COLOR.accent);
    const card = view.lowest;
    text(
      g.line,
      card ? t('shortcut.lowest', card.name, card.balance) : t('shortcut.noCards'),
      g.lineSize,
      card?.lowUnder ? COLOR.warn : COLOR.text,
    );
    text(
      g.note,
      card?.lowUnder ? t('transit.low', card.lowUnder) : t('shortcut.tapToPay'),
      g.noteSize,
      card?.lowUnder ? COLOR.warn : COLOR.dim,
    );
  },
});
