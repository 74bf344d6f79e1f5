// Spending limits.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { LimitsSchema, LimitsUpdateSchema } from '../../lib/issuer-api/schema';
import type { Ctx } from '../domain/context';
import { getLimits, setLimits } from '../domain/limits';
import { devicePrincipal, requireCredential } from '../plugins/auth';
import { byCredential, limitBy } from '../plugins/rate-limit';
import { bearer, errors } from '../schemas';

export async function limitsRoutes(fastify: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { ctx } = opts;
  const device = requireCredential(ctx, 'device');
  const other = limitBy(ctx.config.rateLimits.other, byCredential);

  app.get(
    '/limits',
    {
      preHandler: device,
      config: other,
      schema: {
        summary: "This account's spending limits",
        security: bearer,
        response: { 200: LimitsSchema, ...errors(401) },
      },
    },
    async (request) => getLimits(ctx, devicePrincipal(request).accountId),
  );

  app.put(
    '/limits',
    {
      preHandler: device,
      config: other,
      schema: {
        summary: "Set this account's limits, within the issuer's caps",
        security: bearer,
        body: LimitsUpdateSchema,
        response: { 200: LimitsSchema, ...errors(401) },
      },
    },
    async (request) => setLimits(ctx, devicePrincipal(request).accountId, request.body),
  );
}
