// The watch's share of the ride page, bundled by bench/ride.bench.ts for the size figure and for
// timing inside QuickJS: this step's ride code, its QR matrix and its rectangles.
import { layoutQr, type Screen } from '../lib/codes/layout';
import { encodeQr } from '../lib/codes/qr';
import type { TokenLease } from '../lib/payment/types';
import { makeRideCode, useSmallTables } from '../lib/ride/code';

const SCREEN: Screen = { width: 480, height: 480, cornerRadius: 240 };

export { useSmallTables };

/** The code alone (key derivation + P-256 signature + 340 digits). */
export function codeOnly(lease: TokenLease, card: string, nowMs: number): string {
  return makeRideCode(lease, card, nowMs).text;
}

/** What the ride page does each step: code + QR matrix + rectangles. */
export function frame(lease: TokenLease, card: string, nowMs: number): number {
  return layoutQr(encodeQr(makeRideCode(lease, card, nowMs).text, 'numeric'), SCREEN).rects.length;
}
