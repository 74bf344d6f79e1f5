// What happened to this device's codes lately: the phone asks while the watch's pay page asks
// (issue 10's payment confirmation), every few seconds for at most 2 minutes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ActivityQuerySchema, ActivityResponseSchema } from '../../lib/issuer-api/schema';
import { activity } from '../domain/activity';
import type { Ctx } from '../domain/context';
import { devicePrincipal, requireCredential } from '../plugins/auth';
import { byCredential, limitBy } from '../plugins/rate-limit';
import { bearer, errors } from '../schemas';

export async function activityRoutes(fastify: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { ctx } = opts;
  const device = requireCredential(ctx, 'device');

  app.get(
    '/activity',
    {
      preHandler: device,
      config: limitBy(ctx.config.rateLimits.activity, byCredential),
      schema: {
        summary: "Charges of this device's codes and refunds of them since a time (the pay page's confirmation)",
        security: bearer,
        querystring: ActivityQuerySchema,
        response: { 200: ActivityResponseSchema, ...errors(400, 401) },
      },
    },
    async (request) => activity(ctx, devicePrincipal(request).id, Number(request.query.since)),
  );
}
