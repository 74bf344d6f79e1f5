// The one-round-trip sync for the watch.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { SyncResponseSchema } from '../../lib/issuer-api/schema';
import type { Ctx } from '../domain/context';
import { sync } from '../domain/sync';
import { devicePrincipal, requireCredential } from '../plugins/auth';
import { byCredential, limitBy } from '../plugins/rate-limit';
import { bearer, errors } from '../schemas';

export async function syncRoutes(fastify: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { ctx } = opts;
  const device = requireCredential(ctx, 'device');

  app.get(
    '/sync',
    {
      preHandler: device,
      config: limitBy(ctx.config.rateLimits.other, byCredential),
      schema: {
        summary: 'All the watch needs: a new lease when due, limits, spent today, transit cards and recent trips',
        security: bearer,
        response: { 200: SyncResponseSchema, ...errors(401) },
      },
    },
    async (request) => sync(ctx, devicePrincipal(request)),
  );
}
