// The ride page's state -> what to draw: this step's ride code for a card as a QR code (rectangles
// in screen pixels), or a message. Pure; the page only turns it into widgets.
import { layoutQr, type CodeLayout, type Screen } from '../codes/layout';
import { encodeQr } from '../codes/qr';
import { makeRideCode, rideCredentialFor, rideStepAt } from '../ride/code';
import { RIDE_STEP_SECONDS } from '../ride/format';
import type { PayGeometry } from './pay-view';
import { MIN_PX_PER_MODULE } from './pay-view';
import { codeState, issuerNow, type Wallet } from './wallet';

export type RideView =
  | {
      kind: 'code';
      cardId: string;
      /** The card's name from the last sync ('' if the sync did not list it). */
      cardName: string;
      layout: CodeLayout;
      /** What the reader reads: 340 digits. */
      payload: string;
      step: number;
      /** When the next step's code replaces it (watch clock). */
      refreshAt: number;
      /** True when the code needed the whole screen: no title, no hint. */
      compact: boolean;
    }
  | { kind: 'message'; titleKey: string; hintKey: string };

/** The card the page shows: the one asked for, else the first the lease holds a ride credential for. */
export function rideCardId(wallet: Wallet, asked: string | undefined): string | undefined {
  if (asked) return asked;
  return wallet.lease?.ride?.[0]?.card;
}

/** `params` as the router hands it: a card id, or JSON {"card": id}. */
export function rideParam(params: unknown): string | undefined {
  if (typeof params !== 'string' || params.length === 0) return undefined;
  if (params.startsWith('{')) {
    try {
      const o = JSON.parse(params) as { card?: unknown };
      return typeof o.card === 'string' ? o.card : undefined;
    } catch {
      return undefined;
    }
  }
  return params;
}

export function rideView(
  wallet: Wallet,
  watchNowMs: number,
  askedCard: string | undefined,
  screen: Screen,
  geometry: PayGeometry,
): RideView {
  const state = codeState(wallet, watchNowMs);
  if (state !== 'ready' || !wallet.lease)
    return state === 'expired'
      ? { kind: 'message', titleKey: 'pay.expired', hintKey: 'pay.expiredHint' }
      : state === 'not-yet-valid'
        ? { kind: 'message', titleKey: 'pay.notYet', hintKey: 'pay.notYetHint' }
        : { kind: 'message', titleKey: 'ride.none', hintKey: 'ride.noneHint' };
  const cardId = rideCardId(wallet, askedCard);
  if (!cardId || !rideCredentialFor(wallet.lease, cardId))
    return { kind: 'message', titleKey: 'ride.none', hintKey: 'ride.noneHint' };
  const nowMs = issuerNow(wallet, watchNowMs);
  const { text, step } = makeRideCode(wallet.lease, cardId, nowMs);
  const qr = encodeQr(text, 'numeric');
  let layout = layoutQr(qr, screen, { area: geometry.area, margin: geometry.margin });
  let compact = false;
  if (layout.pxPerModule < MIN_PX_PER_MODULE.qr) {
    layout = layoutQr(qr, screen, { area: geometry.fullArea, margin: geometry.margin });
    compact = true;
  }
  const cardName = wallet.last?.cards.find((c) => c.id === cardId)?.name ?? '';
  const nextStepMs = (rideStepAt(nowMs) + 1) * RIDE_STEP_SECONDS * 1000;
  return {
    kind: 'code',
    cardId,
    cardName,
    layout,
    payload: text,
    step,
    refreshAt: Math.min(nextStepMs, wallet.lease.expiresAt) - wallet.clockOffsetMs,
    compact,
  };
}
