// The pay page's state -> what to draw: a code (rectangles in screen pixels + its digits) or a message.
// Pure, so the whole screen logic is tested in Node; the page only turns this into widgets.
import { encodeCode128 } from '../codes/code128';
import { layoutBarcode, layoutQr, type CodeLayout, type Screen } from '../codes/layout';
import { encodeQr } from '../codes/qr';
import type { Rect } from '../codes/rects';
import { emvCpmForStep } from '../emv/cpm';
import { codeForStep } from '../payment/code';
import type { HmacSha256 } from '../payment/hotp';
import { leaseStepAt } from '../payment/lease';
import { codeState, issuerNow, type Wallet } from './wallet';

/**
 * What the pay page shows; a tap moves to the next. 'emv' is the EMVCo consumer-presented QR code
 * (lib/emv/cpm.ts) for registers that read that format instead of the numeric code.
 */
export type CodeMode = 'barcode' | 'qr' | 'emv';

export const CODE_MODES: readonly CodeMode[] = ['barcode', 'qr', 'emv'];

export function nextMode(mode: CodeMode): CodeMode {
  return CODE_MODES[(CODE_MODES.indexOf(mode) + 1) % CODE_MODES.length]!;
}

export interface PayGeometry {
  /** Where the code may go (the title stays above, the hint below). */
  area: Rect;
  /** Where it may go when it does not fit `area` at the minimum size: the page then hides title and hint. */
  fullArea: Rect;
  /** Size of the digits under the code. */
  digitsSize: number;
  /** Kept clear inside the screen outline. */
  margin: number;
}

export type PayView =
  | {
      kind: 'code';
      mode: CodeMode;
      layout: CodeLayout;
      /** The digits in groups of four, as a cashier types them ('EMV' under an EMV code, which has none to type). */
      digits: string;
      /** What the scanner reads: the numeric code, or the EMV payload (base64). */
      payload: string;
      /** When this code is replaced by the next (watch clock). */
      refreshAt: number;
      /** True when the code needed the whole screen: no title, no hint. */
      compact: boolean;
      /** The TOTP step of the code shown. */
      step: number;
    }
  | { kind: 'message'; titleKey: string; hintKey: string };

/** Below these a scanner misses codes (measured with degraded screen pictures, test/wallet/pay-view.test.ts). */
export const MIN_PX_PER_MODULE: Record<CodeMode, number> = { barcode: 2, qr: 4, emv: 4 };

/** '12345678901234567890' -> '1234 5678 9012 3456 7890' */
export function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Width of the line under the code in pixels: the watch fonts' digits are at most 0.6 em wide, capitals 0.9. */
function digitsWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += /[\d ]/.test(ch) ? 0.6 : 0.9;
  return Math.ceil(em * size);
}

/**
 * `watchNowMs` is the watch's clock (Date.now()); codes are made on the issuer's clock, the watch's
 * corrected by the offset learnt at the last sync (wallet.ts issuerNow), and `refreshAt` is handed
 * back on the watch's clock for the page's timer.
 */
export function payView(
  wallet: Wallet,
  watchNowMs: number,
  mode: CodeMode,
  screen: Screen,
  geometry: PayGeometry,
  mac?: HmacSha256,
  /** The step whose code to show (pay-memory.ts stepToShow); default the current one. */
  codeStep?: number,
): PayView {
  const state = codeState(wallet, watchNowMs);
  const nowMs = issuerNow(wallet, watchNowMs);
  if (state !== 'ready' || !wallet.lease) {
    return state === 'expired'
      ? { kind: 'message', titleKey: 'pay.expired', hintKey: 'pay.expiredHint' }
      : state === 'not-yet-valid'
        ? { kind: 'message', titleKey: 'pay.notYet', hintKey: 'pay.notYetHint' }
        : { kind: 'message', titleKey: 'pay.noLease', hintKey: 'pay.noLeaseHint' };
  }
  const lease = wallet.lease;
  const step = codeStep ?? leaseStepAt(lease, nowMs);
  const code = codeForStep(lease, step, mac);
  const payload = mode === 'emv' ? emvCpmForStep(lease, step, mac ? { hmac: mac } : {}) : code;
  const digits = mode === 'emv' ? 'EMV' : groupDigits(code);
  const below = {
    width: digitsWidth(digits, geometry.digitsSize),
    height: Math.ceil(geometry.digitsSize * 1.25),
    gap: 4,
  };
  const place = (area: Rect): CodeLayout => {
    const options = { area, margin: geometry.margin, below };
    if (mode === 'barcode') return layoutBarcode(encodeCode128(code), screen, options);
    return layoutQr(mode === 'qr' ? encodeQr(code, 'numeric') : encodeQr(payload, 'byte'), screen, options);
  };
  let layout = place(geometry.area);
  let compact = false;
  if (layout.pxPerModule < MIN_PX_PER_MODULE[mode]) {
    layout = place(geometry.fullArea);
    compact = true;
  }
  const stepMs = lease.step * 1000;
  const refreshAt = Math.min((step + 1) * stepMs, lease.expiresAt) - wallet.clockOffsetMs;
  return { kind: 'code', mode, layout, digits, payload, refreshAt, compact, step };
}
