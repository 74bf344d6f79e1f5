// The cashier's register: charge a scanned code, refund a charge.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  ChargeRequestSchema,
  ChargeResponseSchema,
  RefundRequestSchema,
  RefundResponseSchema,
} from '../../lib/issuer-api/schema';
import type { Ctx } from '../domain/context';
import { charge, type CodeVerifier, refund } from '../domain/charges';
import { partyPrincipal, requireCredential } from '../plugins/auth';
import { byCredential, limitBy } from '../plugins/rate-limit';
import { bearer, errors } from '../schemas';

export async function merchantRoutes(
  fastify: FastifyInstance,
  opts: { ctx: Ctx; verify: CodeVerifier },
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { ctx, verify } = opts;
  const merchant = requireCredential(ctx, 'merchant');

  app.post(
    '/merchant/charges',
    {
      preHandler: merchant,
      config: limitBy(ctx.config.rateLimits.charges, byCredential),
      schema: {
        summary: 'Charge a scanned payment code. The same idempotencyKey always gets the first answer.',
        security: bearer,
        body: ChargeRequestSchema,
        response: { 200: ChargeResponseSchema, ...errors(401, 429) },
      },
    },
    async (request) => {
      const merchantId = partyPrincipal(request, 'merchant');
      // On SQLite charges arriving together share one commit (group commit); on PostgreSQL each commits alone.
      return charge(ctx, merchantId, request.body, verify);
    },
  );

  app.post(
    '/merchant/refunds',
    {
      preHandler: merchant,
      config: limitBy(ctx.config.rateLimits.charges, byCredential),
      schema: {
        summary: 'Refund all or part of an approved charge back to the wallet',
        security: bearer,
        body: RefundRequestSchema,
        response: { 200: RefundResponseSchema, ...errors(401, 404, 409) },
      },
    },
    async (request) => refund(ctx, partyPrincipal(request, 'merchant'), request.body),
  );
}
