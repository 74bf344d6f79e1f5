// The pay page's confirmation (issue 10): while the page is open it asks the phone every
// ACTIVITY_POLL_MS what happened to this device's codes (wallet.activity; the phone asks the issuer
// once per question) and reports a charge of the code on screen. It stops when the page goes (stop())
// or ACTIVITY_WINDOW_MS after the page opened or last showed a payment: nothing asks in the
// background. One question at a time: the next waits for the answer or its time limit.
import { Vibrator, VIBRATOR_SCENE_NOTIFICATION, VIBRATOR_SCENE_SHORT_STRONG } from '@zos/sensor';
import type { Rect } from '../../lib/codes/rects';
import { formatMoney } from '../../lib/format/money';
import {
  ACTIVITY_POLL_MS,
  ACTIVITY_TIMEOUT_MS,
  ACTIVITY_WINDOW_MS,
  activityRequest,
  declineKey,
  outcomeFor,
  parseActivityReply,
  type Outcome,
} from '../../lib/wallet/activity';
import { describeError, logger } from '../common/log';
import { appMessaging } from '../common/sync';
import { COLOR, language, t, WidgetGroup } from '../common/ui';

/** What the page shows now, as the confirmation needs it; null while no code shows. */
export type ShownCode = { leaseId: string; step: number; shownSince: number } | null;

export interface Confirmation {
  /** The page closed: no more questions, late answers are dropped. */
  stop(): void;
  /** Questions asked so far (the bench counts them). */
  readonly asked: number;
}

/**
 * `shown()` is read at each answer; `issuerNow()` the issuer's clock as the watch knows it;
 * `onOutcome` hears each new charge of the code on screen, once.
 */
export function startConfirmation(opts: {
  shown: () => ShownCode;
  issuerNow: () => number;
  onOutcome: (o: Outcome) => void;
}): Confirmation {
  let stopped = false;
  let timer: unknown = 0;
  let asked = 0;
  let until = Date.now() + ACTIVITY_WINDOW_MS;
  // A little before the page opened: a charge made as it opened still counts (its step decides).
  const since = opts.issuerNow() - ACTIVITY_POLL_MS;
  const seen = new Set<string>();

  const schedule = (): void => {
    if (stopped) return;
    if (Date.now() + ACTIVITY_POLL_MS > until) return; // the 2 minutes are up
    timer = setTimeout(ask, ACTIVITY_POLL_MS);
  };

  function ask(): void {
    if (stopped) return;
    asked++;
    appMessaging()
      .request<unknown>(activityRequest(since), { timeout: ACTIVITY_TIMEOUT_MS })
      .then(
        (answer) => {
          if (stopped) return;
          const reply = parseActivityReply(answer);
          if (!reply.ok) return;
          const shown = opts.shown();
          if (!shown) return;
          const outcome = outcomeFor(reply.activity.items, shown, seen);
          if (!outcome) return;
          seen.add(outcome.id);
          // A queue at the till: another payment may follow, so the 2 minutes start again.
          until = Date.now() + ACTIVITY_WINDOW_MS;
          opts.onOutcome(outcome);
        },
        (e: unknown) => logger.warn(`no activity answer from the phone: ${describeError(e)}`),
      )
      .catch((e: unknown) => logger.warn(`activity answer dropped: ${describeError(e)}`))
      .then(schedule);
  }

  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer as number);
    },
    get asked() {
      return asked;
    },
  };
}

/** A short buzz for a payment, the two-pulse notification buzz for a decline (Vibrator, API 2.0). */
export function buzz(outcome: Outcome): void {
  try {
    new Vibrator().start({
      mode: outcome.kind === 'paid' ? VIBRATOR_SCENE_SHORT_STRONG : VIBRATOR_SCENE_NOTIFICATION,
    });
  } catch (e) {
    logger.warn(`vibrator: ${describeError(e)}`);
  }
}

export interface OutcomeGeometry {
  head: Rect;
  headSize: number;
  amount: Rect;
  amountSize: number;
  detail: Rect;
  detailSize: number;
}

/** The full screen after a charge: "Paid" / "¥23.50" / "Campus canteen", or "Declined" and why. */
export function drawOutcome(group: WidgetGroup, g: OutcomeGeometry, outcome: Outcome): void {
  const lang = language();
  let amount: string;
  try {
    amount = formatMoney(outcome.amount, outcome.currency, lang);
  } catch {
    amount = `${outcome.amount} ${outcome.currency}`;
  }
  if (outcome.kind === 'paid') {
    group.text(g.head, t('paid.title'), g.headSize, COLOR.accent);
    group.text(g.amount, amount, g.amountSize, COLOR.text);
    group.text(g.detail, outcome.merchant, g.detailSize, COLOR.dim, true);
  } else {
    group.text(g.head, t('paid.declined'), g.headSize, COLOR.warn);
    group.text(g.amount, amount, g.amountSize, COLOR.dim);
    group.text(g.detail, t(declineKey(outcome.reason)), g.detailSize, COLOR.text, true);
  }
}

/** Where the outcome screen's three lines go: the middle of the screen, inside the circle on round ones. */
export function outcomeGeometry(width: number, height: number, round: boolean): OutcomeGeometry {
  const x = Math.round(width * (round ? 0.12 : 0.06));
  const w = width - 2 * x;
  const line = (top: number, h: number): Rect => ({ x, y: Math.round(height * top), w, h: Math.round(height * h) });
  return {
    head: line(0.2, 0.13),
    headSize: Math.round(width * 0.08),
    amount: line(0.34, 0.17),
    amountSize: Math.round(width * 0.12),
    detail: line(0.53, 0.25),
    detailSize: Math.round(width * 0.065),
  };
}
