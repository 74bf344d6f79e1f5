// No secret in any log line; no 500 for any body.
import { describe, expect, it } from 'vitest';
import { generateCode } from '../../lib/payment/code';
import { createBindingCode } from '../../server/domain/admin';
import { call, customer, idem, merchant, startIssuer } from './helpers';
import { fuzzedBodiesSuite } from './fuzzed-bodies';

describe('logs', () => {
  it('never print a credential, key, lease secret, binding code or payment code', async () => {
    const lines: string[] = [];
    const h = await startIssuer({ logStream: { write: (line: string) => void lines.push(line) } });
    try {
      const c = await customer(h);
      const { code: bindingCode } = await createBindingCode(h.ctx, c.accountId);
      const bound = await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode, deviceName: 'x' } });
      const { merchantKey } = await merchant(h);
      const code = generateCode(c.lease, h.clock.now);
      await call(h, 'POST', '/v1/merchant/charges', {
        token: merchantKey,
        body: { code, amount: 100, currency: 'CNY', idempotencyKey: idem() },
      });
      await call(h, 'POST', '/v1/merchant/charges', {
        token: merchantKey,
        body: { code, amount: 100, currency: 'CNY', idempotencyKey: idem() },
      });
      // Broken JSON quoting the code: parsers like to echo what they choke on.
      await call(h, 'POST', '/v1/merchant/charges', { token: merchantKey, rawBody: `{"code":"${code}", amount: }` });
      await call(h, 'POST', '/v1/merchant/charges', {
        token: merchantKey,
        body: { code, amount: -1, currency: 'CNY', idempotencyKey: 'k' },
      });
      await call(h, 'GET', '/v1/sync', { token: `${c.credential}x` });
      await call(h, 'GET', '/v1/sync', { token: c.credential });
      const secrets = [
        c.credential,
        c.lease.secret,
        merchantKey,
        bindingCode,
        code,
        bound.body.credential,
        bound.body.lease.secret,
      ];
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(10); // the logger did run at debug
      for (const s of secrets) expect(log).not.toContain(s);
      // The broken-JSON answer itself must not echo the code either.
      const broken = await call(h, 'POST', '/v1/merchant/charges', {
        token: merchantKey,
        rawBody: `{"code":"${code}", amount: }`,
      });
      expect(broken.status).toBe(400);
      expect(broken.text).not.toContain(code);
    } finally {
      await h.close();
    }
  });
});

// Fuzzed bodies at a third of the runs; full strength in fuzzed-bodies.slow.test.ts.
fuzzedBodiesSuite({ bodies: 130, headers: 50 });
