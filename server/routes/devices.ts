// Binding and unbinding a watch, and fresh leases for it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  BindRequestSchema,
  BindResponseSchema,
  LeaseResponseSchema,
  NoContentSchema,
} from '../../lib/issuer-api/schema';
import type { Ctx } from '../domain/context';
import { bindDevice, unbindDevice } from '../domain/devices';
import { mintLease } from '../domain/leases';
import { devicePrincipal, requireCredential } from '../plugins/auth';
import { byAddress, byCredential, limitBy } from '../plugins/rate-limit';
import { bearer, errors } from '../schemas';

export async function deviceRoutes(fastify: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { ctx } = opts;
  const device = requireCredential(ctx, 'device');

  app.post(
    '/devices/bind',
    {
      config: limitBy(ctx.config.rateLimits.bind, byAddress),
      schema: {
        summary: 'Bind a device with a one-time binding code; returns its credential (shown once) and first lease',
        body: BindRequestSchema,
        response: { 201: BindResponseSchema, ...errors(401, 429) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return bindDevice(ctx, request.body);
    },
  );

  app.delete(
    '/devices/self',
    {
      preHandler: device,
      schema: {
        summary: 'Unbind this device: its credential and every lease stop working at once',
        security: bearer,
        response: { 204: NoContentSchema, ...errors(401) },
      },
    },
    async (request, reply) => {
      await unbindDevice(ctx, devicePrincipal(request).id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/leases',
    {
      preHandler: device,
      config: limitBy(ctx.config.rateLimits.leases, byCredential),
      schema: {
        summary: 'A fresh lease for this device',
        security: bearer,
        response: { 201: LeaseResponseSchema, ...errors(401, 429) },
      },
    },
    async (request, reply) => {
      const me = devicePrincipal(request);
      reply.code(201);
      return { lease: await ctx.db.tx((tx) => mintLease(ctx, tx, me.id)) };
    },
  );
}
