// The band pay page's confirmation, as the watches' page/pay/confirmation.ts: while the page is open it
// asks the phone every ACTIVITY_POLL_MS what happened to this device's codes (wallet.activity, the same
// side service question, through ZML's 1.0 messaging), and reports a charge of the code on screen. It
// stops when the page goes (stop()) or ACTIVITY_WINDOW_MS after the page opened or last showed a
// payment. One question at a time: the next waits for the answer or its time limit. The 1.0 timer
// (common/ui.ts after()) paces it: 1.0 has no setTimeout.
import { formatMoney } from '../../../lib/format/money';
import {
  ACTIVITY_POLL_MS,
  ACTIVITY_TIMEOUT_MS,
  ACTIVITY_WINDOW_MS,
  activityRequest,
  declineKey,
  outcomeFor,
  parseActivityReply,
  type Outcome,
} from '../../../lib/wallet/activity';
import type { BandLayout } from '../common/layout';
import { describeError } from '../common/log';
import { appMessaging } from '../common/sync';
import { after, COLOR, language, t, type WidgetGroup } from '../common/ui';

/** What the page shows now, as the confirmation needs it; null while no code shows. */
export type ShownCode = { leaseId: string; step: number; shownSince: number } | null;

export interface Confirmation {
  /** The page closed: no more questions, late answers are dropped. */
  stop(): void;
}

export function startConfirmation(opts: {
  shown: () => ShownCode;
  issuerNow: () => number;
  onOutcome: (o: Outcome) => void;
}): Confirmation {
  let stopped = false;
  let stopTimer: () => void = () => {};
  let until = Date.now() + ACTIVITY_WINDOW_MS;
  // A little before the page opened: a charge made as it opened still counts (its step decides).
  const since = opts.issuerNow() - ACTIVITY_POLL_MS;
  const seen = new Set<string>();

  const schedule = (): void => {
    if (stopped || Date.now() + ACTIVITY_POLL_MS > until) return; // closed, or the 2 minutes are up
    stopTimer = after(ACTIVITY_POLL_MS, ask);
  };

  const heard = (answer: unknown): void => {
    const reply = parseActivityReply(answer);
    const shown = opts.shown();
    if (!reply.ok || !shown) return;
    const outcome = outcomeFor(reply.activity.items, shown, seen);
    if (!outcome) return;
    seen.add(outcome.id);
    // A queue at the till: another payment may follow, so the 2 minutes start again.
    until = Date.now() + ACTIVITY_WINDOW_MS;
    opts.onOutcome(outcome);
  };

  function ask(): void {
    if (stopped) return;
    let pending;
    try {
      pending = appMessaging().request(activityRequest(since), { timeout: ACTIVITY_TIMEOUT_MS });
    } catch (e) {
      console.log(`no phone messaging: ${describeError(e)}`);
      return schedule();
    }
    pending.then(
      (answer) => {
        if (stopped) return;
        try {
          heard(answer);
        } catch (e) {
          console.log(`activity answer dropped: ${describeError(e)}`);
        }
        schedule();
      },
      (e) => {
        console.log(`no activity answer from the phone: ${describeError(e)}`);
        schedule();
      },
    );
  }

  schedule();
  return {
    stop() {
      stopped = true;
      stopTimer();
    },
  };
}

/**
 * The buzz (hmSensor VIBRATE, sensorId/VIBRATE.mdx): scene 25 (strong, short) for a payment, 0 (two
 * short, as a message notification) for a decline; as the watches' Vibrator scenes. The page creates the
 * one instance it may have; stop() before each start(), or a second start does not vibrate (the page's rule).
 */
export function buzz(vibrate: HmVibrateSensor, outcome: Outcome): void {
  vibrate.stop();
  vibrate.scene = outcome.kind === 'paid' ? 25 : 0;
  vibrate.start();
}

/** The full screen after a charge: "Paid" / "¥23.50" / "Campus canteen", or "Declined" and why. */
export function drawOutcome(group: WidgetGroup, l: BandLayout, outcome: Outcome): void {
  let amount: string;
  try {
    amount = formatMoney(outcome.amount, outcome.currency, language());
  } catch {
    amount = `${outcome.amount} ${outcome.currency}`;
  }
  const { width, height } = l.screen;
  const w = width - 2 * l.side;
  const paid = outcome.kind === 'paid';
  let y = Math.round(height * 0.22);
  const head = Math.round(l.size.big * 1.4);
  group.text(
    { x: l.side, y, w, h: head },
    t(paid ? 'paid.title' : 'paid.declined'),
    l.size.big,
    paid ? COLOR.accent : COLOR.warn,
  );
  y += head + 8;
  const amountSize = l.size.big + 6;
  const amountH = Math.round(amountSize * 1.4);
  group.text({ x: l.side, y, w, h: amountH }, amount, amountSize, paid ? COLOR.text : COLOR.dim);
  y += amountH + 12;
  group.paragraph(
    l.side,
    y,
    w,
    paid ? outcome.merchant : t(declineKey(outcome.reason)),
    l.size.text,
    paid ? COLOR.dim : COLOR.text,
  );
}
