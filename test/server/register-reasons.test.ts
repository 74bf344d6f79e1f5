// What the API tells a register: reasons that a code's holder can act on, and nothing that tells
// a probing merchant key which lease numbers exist. Plus the HTTP details registers trip over:
// the Bearer scheme in any letter case, a body-less DELETE with a JSON content type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeForStep, generateCode } from '../../lib/payment/code';
import { leaseStepAt } from '../../lib/payment/lease';
import { luhnCheckDigit } from '../../lib/payment/luhn';
import { call, customer, type Harness, idem, merchant, startIssuer } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startIssuer();
});
afterAll(async () => {
  await h.close();
});

const charge = (key: string, code: string, amount = 100) =>
  call(h, 'POST', '/v1/merchant/charges', {
    token: key,
    body: { code, amount, currency: 'CNY', idempotencyKey: idem() },
  });

/** A well-formed code (prefix, Luhn) for a lease number that was never issued. */
function neverIssued(known: string): string {
  const lease = known === '00000000' ? '00000001' : '00000000';
  const body = `88${lease}123456789`;
  return body + luhnCheckDigit(body);
}

describe('decline reasons a register sees', () => {
  it('a wrong one-time value on a revoked lease reads like an unknown lease; the right code reads revoked', async () => {
    const c = await customer(h);
    const { merchantKey } = await merchant(h);
    const stale = codeForStep(c.lease, leaseStepAt(c.lease, h.clock.now) - 7);
    const right = generateCode(c.lease, h.clock.now);
    expect((await call(h, 'DELETE', '/v1/devices/self', { token: c.credential })).status).toBe(204);
    const guessed = await charge(merchantKey, stale);
    const unknown = await charge(merchantKey, neverIssued(c.lease.leaseNumber));
    expect(guessed.body).toMatchObject({ status: 'declined', reason: 'unknown-code' });
    expect(unknown.body).toMatchObject({ status: 'declined', reason: 'unknown-code' });
    expect((await charge(merchantKey, right)).body).toMatchObject({ status: 'declined', reason: 'revoked' });
  });

  it('a wrong one-time value on an expired lease reads unknown-code too', async () => {
    const c = await customer(h);
    const { merchantKey } = await merchant(h);
    const saved = h.clock.now;
    h.clock.now = c.lease.expiresAt + 1000;
    try {
      const stale = codeForStep(c.lease, leaseStepAt(c.lease, h.clock.now) - 9);
      expect((await charge(merchantKey, stale)).body.reason).toBe('unknown-code');
    } finally {
      h.clock.now = saved;
    }
  });
});

describe('HTTP details', () => {
  it('takes the Bearer scheme in any letter case', async () => {
    const c = await customer(h);
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const r = await call(h, 'GET', '/v1/sync', { headers: { authorization: `${scheme} ${c.credential}` } });
      expect(r.status, scheme).toBe(200);
    }
  });

  it('takes a body-less DELETE that carries a JSON content type', async () => {
    const c = await customer(h);
    const r = await call(h, 'DELETE', '/v1/devices/self', {
      token: c.credential,
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(204);
    const inj = await customer(h);
    const viaInject = await h.app.inject({
      method: 'DELETE',
      url: '/v1/devices/self',
      headers: { authorization: `Bearer ${inj.credential}`, 'content-type': 'application/json; charset=utf-8' },
    });
    expect(viaInject.statusCode).toBe(204);
  });
});
