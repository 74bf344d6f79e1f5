// JSON schemas shared by the routes: they validate input, shape the
// serialised output and become the OpenAPI document.

export const idempotencyKey = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' } as const;
export const amount = { type: 'integer', minimum: 1, maximum: 1_000_000_000_000 } as const;
export const money = { type: 'integer', minimum: -9_007_199_254_740_991, maximum: 9_007_199_254_740_991 } as const;
export const currency = { type: 'string', pattern: '^[A-Z]{3}$' } as const;
export const time = { type: 'integer', minimum: 0 } as const;
export const recordId = (prefix: string) => ({ type: 'string', pattern: `^${prefix}_[0-9a-z]{12}$` }) as const;

export const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
} as const;

/** The usual error responses of a route, for the OpenAPI document. */
export function errors(...codes: number[]): Record<number, typeof errorBody> {
  const out: Record<number, typeof errorBody> = {};
  for (const c of [400, ...codes]) out[c] = errorBody;
  return out;
}

export const lease = {
  type: 'object',
  required: ['v', 'leaseId', 'leaseNumber', 'secret', 'step', 'notBefore', 'expiresAt', 'issuerPrefix', 'limits'],
  properties: {
    v: { type: 'integer', enum: [1] },
    leaseId: { type: 'string' },
    leaseNumber: { type: 'string' },
    secret: { type: 'string', description: '32 bytes, base64url without padding' },
    step: { type: 'integer' },
    notBefore: time,
    expiresAt: time,
    issuerPrefix: { type: 'string' },
    limits: {
      type: 'object',
      required: ['currency', 'perPayment', 'daily'],
      properties: { currency, perPayment: money, daily: money },
    },
  },
} as const;

export const bearer = [{ bearer: [] }];
