// The watch's share of the payment-code path, bundled by bench/payment-code.bench.ts for the
// size figure and for timing inside QuickJS. Exposes plain functions on one global.
import { generateCode } from '../lib/payment/code';
import { encodeQr } from '../lib/codes/qr';
import { encodeCode128 } from '../lib/codes/code128';
import { layoutBarcode, layoutQr, type Screen } from '../lib/codes/layout';
import { coverRects, rowRunRects } from '../lib/codes/rects';
import { encodeEmvCpm } from '../lib/emv/cpm';
import type { TokenLease } from '../lib/payment/types';

const SCREEN: Screen = { width: 480, height: 480, cornerRadius: 240 };
const BELOW = { width: 288, height: 36, gap: 8 };

/** One code + its QR matrix + its rectangles: what the pay page does each minute. */
export function qrFrame(lease: TokenLease, nowMs: number): number {
  return layoutQr(encodeQr(generateCode(lease, nowMs)), SCREEN, { below: BELOW }).rects.length;
}

/** One code + its barcode + its bars. */
export function barcodeFrame(lease: TokenLease, nowMs: number): number {
  return layoutBarcode(encodeCode128(generateCode(lease, nowMs)), SCREEN, { below: BELOW }).rects.length;
}

/** The EMV CPM alternative: payload (TLV, cryptogram, base64) + byte-mode QR + its rectangles. */
export function emvFrame(lease: TokenLease, nowMs: number): number {
  return layoutQr(encodeQr(encodeEmvCpm(lease, nowMs), 'byte'), SCREEN, { below: BELOW }).rects.length;
}

// The parts, for the profile.
export function codeOnly(lease: TokenLease, nowMs: number): string {
  return generateCode(lease, nowMs);
}
export function qrOnly(code: string): number {
  return encodeQr(code).size;
}
export function rectsOnly(code: string): number[] {
  const qr = encodeQr(code);
  const g = { width: qr.size, height: qr.size, modules: qr.modules };
  const dark = qr.modules.reduce((a, b) => a + b, 0);
  return [dark, rowRunRects(g).length, coverRects(g).length];
}
export function layoutOnly(code: string): number {
  return layoutQr(encodeQr(code), SCREEN, { below: BELOW }).rects.length;
}
