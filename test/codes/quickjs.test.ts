// The watch runs a QuickJS-family engine: the bundled watch path must compute in QuickJS exactly
// what it computes in Node (same code, same QR matrix, same rectangles).
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { getQuickJS } from 'quickjs-emscripten';
import { frame } from './watch-frame';
import { encodeBase64Url } from '../../lib/encoding/base64';
import type { TokenLease } from '../../lib/payment/types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NOW = Date.UTC(2026, 10, 25, 21, 0, 0);

function leaseFor(i: number): TokenLease {
  return {
    v: 1,
    leaseId: `l${i}`,
    leaseNumber: String(1_000_000 + i * 7919).padStart(i % 2 ? 7 : 8, '3'),
    secret: encodeBase64Url(Uint8Array.from({ length: 32 }, (_, k) => (k * 31 + i * 17) & 255)),
    step: 60,
    notBefore: NOW - 3_600_000,
    expiresAt: NOW + 3_600_000,
    issuerPrefix: String(40 + i),
    limits: { currency: 'CNY', perPayment: 1, daily: 1 },
  };
}

describe('the watch path in QuickJS', () => {
  it('gives the same codes, matrices and rectangles as Node', async () => {
    const out = await build({
      entryPoints: [`${ROOT}test/codes/watch-frame.ts`],
      bundle: true,
      format: 'iife',
      globalName: 'W',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    });
    const vm = (await getQuickJS()).newContext();
    try {
      vm.unwrapResult(vm.evalCode(out.outputFiles[0]!.text)).dispose();
      for (let i = 0; i < 12; i++) {
        const lease = leaseFor(i);
        const now = NOW + i * 61_000;
        const h = vm.unwrapResult(vm.evalCode(`W.frame(${JSON.stringify(lease)}, ${now})`));
        expect(vm.getString(h)).toBe(frame(lease, now));
        h.dispose();
      }
    } finally {
      vm.dispose();
    }
  });
});
