// The path as it was before this work, for side-by-side figures: qrcode-generator's make()
// (all eight masks, scored through isDark) + one rectangle per row run.
import qrcode from 'qrcode-generator';
import { generateCode } from '../lib/payment/code';
import type { TokenLease } from '../lib/payment/types';

export function baselineQrOnly(code: string): number {
  const q = qrcode(0, 'M');
  q.addData(code, 'Numeric');
  q.make();
  return q.getModuleCount();
}

export function baselineFrame(lease: TokenLease, nowMs: number): number {
  const code = generateCode(lease, nowMs);
  const q = qrcode(0, 'M');
  q.addData(code, 'Numeric');
  q.make();
  const n = q.getModuleCount();
  let rects = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (q.isDark(r, c) && (c === 0 || !q.isDark(r, c - 1))) rects++;
  }
  return rects;
}
