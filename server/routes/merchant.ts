// The cashier's register: charge a scanned code, refund a charge.
import type { FastifyInstance } from 'fastify';
import { DECLINE_REASONS, type ChargeRequest, type RefundRequest } from '../../lib/issuer-api/types';
import type { Ctx } from '../domain/context';
import { chargeInTransaction, type CodeVerifier, refund } from '../domain/charges';
import { groupCommit } from '../domain/group-commit';
import { partyPrincipal, requireCredential } from '../plugins/auth';
import { byCredential, limitBy } from '../plugins/rate-limit';
import { amount, bearer, currency, errors, idempotencyKey, money, recordId } from '../schemas';

export async function merchantRoutes(app: FastifyInstance, opts: { ctx: Ctx; verify: CodeVerifier }): Promise<void> {
  const { ctx, verify } = opts;
  const merchant = requireCredential(ctx, 'merchant');
  const submit = groupCommit(ctx.db);

  app.post<{ Body: ChargeRequest }>(
    '/merchant/charges',
    {
      preHandler: merchant,
      config: limitBy(ctx.config.rateLimits.charges, byCredential),
      schema: {
        summary: 'Charge a scanned payment code. The same idempotencyKey always gets the first answer.',
        security: bearer,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'amount', 'currency', 'idempotencyKey'],
          properties: {
            code: { type: 'string', minLength: 1, maxLength: 512, description: 'numeric payment code or EMV CPM payload' },
            amount,
            currency,
            idempotencyKey,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['status', 'chargeId'],
            properties: {
              status: { type: 'string', enum: ['approved', 'declined'] },
              chargeId: { type: 'string' },
              amount: money,
              currency,
              reason: { type: 'string', enum: [...DECLINE_REASONS] },
            },
          },
          ...errors(401, 429),
        },
      },
    },
    async (request) => {
      const merchantId = partyPrincipal(request, 'merchant');
      return submit(() => chargeInTransaction(ctx, merchantId, request.body, verify));
    },
  );

  app.post<{ Body: RefundRequest }>(
    '/merchant/refunds',
    {
      preHandler: merchant,
      config: limitBy(ctx.config.rateLimits.charges, byCredential),
      schema: {
        summary: 'Refund all or part of an approved charge back to the wallet',
        security: bearer,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['chargeId', 'amount', 'idempotencyKey'],
          properties: { chargeId: recordId('ch'), amount, idempotencyKey },
        },
        response: {
          200: {
            type: 'object',
            required: ['refundId', 'chargeId', 'amount', 'refundedTotal'],
            properties: { refundId: { type: 'string' }, chargeId: { type: 'string' }, amount: money, refundedTotal: money },
          },
          ...errors(401, 404, 409),
        },
      },
    },
    async (request) => refund(ctx, partyPrincipal(request, 'merchant'), request.body),
  );
}
