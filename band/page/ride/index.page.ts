// The ride code of one transit card on a band (param: JSON {"card": id} from the card page; default the
// first card the lease certifies): made offline from the lease's ride credential, a new one every 30 s
// step (lib/wallet/ride-view.ts, lib/ride, docs/ride-codes.md), drawn as black FILL_RECTs on a white one
// (1.0 has no CANVAS) at 3 px a module, the most a 192 px wide screen holds (band/page/common/layout.ts).
// Full brightness and the screen kept on while it shows; both restored when it goes (as the pay page).
import { useSmallTables } from '../../../lib/ride/code';
import { rideParam, rideView } from '../../../lib/wallet/ride-view';
import { bandRideGeometry, wrapText } from '../common/layout';
import { loadWallet } from '../common/store';
import { openBrightScreen, type BrightScreen } from '../common/bright-screen';
import { showThenSync } from '../common/sync';
import { after, COLOR, layout, t, WidgetGroup } from '../common/ui';
import type { Rect } from '../../../lib/codes/rects';

const below = (a: Rect, b: Rect) => a.y >= b.y + b.h;

function ridePage() {
  const group = new WidgetGroup();
  let card: string | undefined;
  let stopTimer: (() => void) | null = null;
  let bright: BrightScreen | null = null;

  function render() {
    stopTimer?.();
    if (!group.alive) return;
    group.clear();
    const l = layout();
    const g = bandRideGeometry(l);
    const view = rideView(loadWallet(), Date.now(), card, l.screen, g);
    const w = l.screen.width - 2 * l.side;
    if (view.kind === 'message') {
      group.text(l.title, t('ride.title'), l.size.title);
      const y = group.paragraph(l.side, l.title.y + l.title.h + 12, w, t(view.titleKey), l.size.text);
      group.paragraph(l.side, y + 12, w, t(view.hintKey), l.size.small, COLOR.dim);
      return;
    }
    const { bounds, rects } = view.layout;
    // `compact` (under the watches' 4 px) is always so on a band; title and hint go where the code leaves room.
    if (below(bounds, g.title)) group.text(g.title, view.cardName || t('ride.title'), l.size.title);
    group.rect(bounds, COLOR.codeLight);
    for (const r of rects) group.rect(r, COLOR.codeDark);
    if (below(g.hint, bounds)) {
      // Wrapped, centred in the hint's two lines (one line in English and Chinese).
      const hint = t('ride.hint');
      const lines = wrapText(hint, g.hintSize, g.hint.w).length;
      const y = g.hint.y + Math.round((g.hint.h - lines * Math.round(g.hintSize * 1.35)) / 2);
      group.paragraph(g.hint.x, y, g.hint.w, hint, g.hintSize, COLOR.dim);
    }
    stopTimer = after(Math.max(200, view.refreshAt - Date.now()), render);
  }

  return {
    onInit(param: unknown) {
      card = rideParam(param);
      // The 4-bit fixed-base tables: 512 points kept, not 4 096, and a quicker first code (lib/ride/code.ts).
      useSmallTables();
      bright = openBrightScreen(); // a scanner reads a bright, steady screen
    },
    build() {
      hmUI.setLayerScrolling(false);
      showThenSync({ render, alive: () => group.alive });
    },
    onDestroy() {
      stopTimer?.();
      group.dispose();
      bright?.restore();
    },
  };
}

Page(ridePage());
