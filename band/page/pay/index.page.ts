// The payment code on a band: made from the stored lease (lib/wallet/pay-view.ts, as on watches), drawn
// as black FILL_RECTs on a white one at whole pixels per module (1.0 has no CANVAS), a new code every step.
// A tap on the code moves barcode -> QR code -> EMV QR code. The barcode runs along the long side with its
// digits in a column beside it; QR codes have them in two lines under them (band/page/common/layout.ts).
// Full brightness and a screen kept on while the page shows; both restored when it goes.
import { nextMode, payView, type CodeMode } from '../../../lib/wallet/pay-view';
import { bandPayGeometry, digitRows } from '../common/layout';
import { loadWallet } from '../common/store';
import { showThenSync } from '../common/sync';
import { after, COLOR, layout, t, WidgetGroup } from '../common/ui';

const SCREEN_ON_S = 120; // long enough for a queue at the till

function payPage() {
  const group = new WidgetGroup();
  let mode: CodeMode = 'barcode';
  let stopTimer: (() => void) | null = null;
  let saved: { auto: boolean; brightness: number } | null = null;

  function render() {
    stopTimer?.();
    if (!group.alive) return;
    group.clear();
    const l = layout();
    const g = bandPayGeometry(l, mode);
    const view = payView(loadWallet(), Date.now(), mode, l.screen, g);
    if (view.kind === 'message') {
      group.text(l.title, t('pay.title'), l.size.title);
      const y = group.paragraph(
        l.side,
        l.title.y + l.title.h + 12,
        l.screen.width - 2 * l.side,
        t(view.titleKey),
        l.size.text,
      );
      group.paragraph(l.side, y + 12, l.screen.width - 2 * l.side, t(view.hintKey), l.size.small, COLOR.dim);
      return;
    }
    if (!view.compact) group.text(l.title, t('pay.title'), l.size.title);
    const toggle = () => {
      mode = nextMode(mode);
      render();
    };
    const { bounds, rects } = view.layout;
    group.rect(bounds, COLOR.codeLight, toggle);
    for (const r of rects) group.rect(r, COLOR.codeDark, toggle);
    const rows = digitRows(view.digits, g.digitRows);
    const rowH = Math.round(l.size.digits * 1.3);
    // The rows centred on the code (barcode: its column beside it), inside the digits box.
    const centre = mode === 'barcode' ? bounds.y + bounds.h / 2 : g.digits.y + g.digits.h / 2;
    let y = Math.round(centre - (rows.length * rowH) / 2);
    for (const row of rows) {
      group.text({ x: g.digits.x, y, w: g.digits.w, h: rowH }, row, l.size.digits);
      y += rowH;
    }
    if (!view.compact) group.text(g.hint, t(`pay.tapFor.${nextMode(mode)}`), g.hintSize, COLOR.dim);
    stopTimer = after(Math.max(200, view.refreshAt - Date.now()), render);
  }

  return {
    onInit() {
      // A cashier's scanner reads a bright, steady screen (hmSetting/setBrightness.mdx: auto-brightness
      // off first, or the sensor overrides it).
      saved = { auto: hmSetting.getScreenAutoBright(), brightness: hmSetting.getBrightness() };
      hmSetting.setScreenAutoBright(false);
      hmSetting.setBrightness(100);
      hmSetting.setBrightScreen(SCREEN_ON_S);
      hmApp.setScreenKeep(true);
    },
    build() {
      hmUI.setLayerScrolling(false);
      showThenSync({ render, alive: () => group.alive });
    },
    onDestroy() {
      stopTimer?.();
      group.dispose();
      hmSetting.setBrightScreenCancel();
      hmApp.setScreenKeep(false);
      if (saved) {
        hmSetting.setBrightness(saved.brightness);
        hmSetting.setScreenAutoBright(saved.auto);
      }
    },
  };
}

Page(payPage());
