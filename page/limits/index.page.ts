// Spending limits left today, as of the last sync.
import { BasePage } from '@zeppos/zml/base-page';
import { layout } from 'zosLoader:./index.[pf].layout.js';
import { limitsView } from '../../lib/wallet/views';
import { utcOffsetMinutes } from '../common/clock';
import type { ListLayout } from '../common/list-layout';
import { listPage } from '../common/list-page';
import { loadWallet } from '../common/store';
import { COLOR, language, t } from '../common/ui';

Page(
  BasePage(
    listPage(layout as ListLayout, 'limits.title', ({ g, line, gap, note }) => {
      const view = limitsView(loadWallet(), {
        now: Date.now(),
        offsetMinutes: utcOffsetMinutes(),
        language: language(),
      });
      if (!view) return note(t('limits.unknown'));
      line(t('limits.leftToday'), g.textSize, COLOR.dim);
      line(view.leftToday, g.bigSize, COLOR.accent);
      gap();
      line(t('limits.perPayment', view.perPayment), g.textSize, COLOR.text);
      line(t('limits.spent', view.spent), g.textSize, COLOR.text);
      line(t('limits.daily', view.daily), g.textSize, COLOR.text);
      gap();
      line(t('limits.asOf', view.asOf), g.smallSize, COLOR.dim);
    }),
  ),
);
