// What the pay page derives from a lease at a time, as comparable JSON: bundled into QuickJS by
// quickjs.test.ts and run in Node beside it.
import { generateCode } from '../../lib/payment/code';
import { encodeQr } from '../../lib/codes/qr';
import { encodeCode128 } from '../../lib/codes/code128';
import { layoutBarcode, layoutQr } from '../../lib/codes/layout';
import type { TokenLease } from '../../lib/payment/types';

export function frame(lease: TokenLease, now: number): string {
  const code = generateCode(lease, now);
  const qr = encodeQr(code);
  const screen = { width: 466, height: 466, cornerRadius: 233 };
  return JSON.stringify({
    code,
    version: qr.version,
    mask: qr.mask,
    modules: Array.from(qr.modules).join(''),
    qr: layoutQr(qr, screen, { below: { width: 280, height: 36, gap: 8 } }),
    bar: layoutBarcode(encodeCode128(code), screen),
  });
}
