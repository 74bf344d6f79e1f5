// Spending limits left today on a band, as of the last sync (lib/wallet/views.ts).
import { limitsView } from '../../../lib/wallet/views';
import { listPage } from '../common/list-page';
import { loadWallet } from '../common/store';
import { COLOR, language, t, utcOffsetMinutes } from '../common/ui';

Page(
  listPage('limits.title', ({ l, line, gap, note, together }) => {
    const view = limitsView(loadWallet(), { now: Date.now(), offsetMinutes: utcOffsetMinutes(), language: language() });
    if (!view) return note(t('limits.unknown'));
    together(() => {
      line(t('limits.leftToday'), l.size.text, COLOR.dim);
      line(view.leftToday, l.size.big, COLOR.accent);
    });
    gap();
    // Label and amount on rows of their own: "Per payment: 500.00 CNY" does not fit 192 px at a readable size.
    for (const [key, amount] of [
      ['band.limits.perPayment', view.perPayment],
      ['band.limits.spent', view.spent],
      ['band.limits.daily', view.daily],
    ] as const) {
      together(() => {
        line(t(key), l.size.small, COLOR.dim);
        line(amount, l.size.text);
      });
    }
    gap();
    line(t('limits.asOf', view.asOf), l.size.small, COLOR.dim);
  }),
);
