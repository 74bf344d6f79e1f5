// Binding and unbinding a watch, and fresh leases for it.
import type { FastifyInstance } from 'fastify';
import type { BindRequest } from '../../lib/issuer-api/types';
import type { Ctx } from '../domain/context';
import { bindDevice, unbindDevice } from '../domain/devices';
import { mintLease } from '../domain/leases';
import { devicePrincipal, requireCredential } from '../plugins/auth';
import { byAddress, byCredential, limitBy } from '../plugins/rate-limit';
import { bearer, errors, lease } from '../schemas';

export async function deviceRoutes(app: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  const { ctx } = opts;
  const device = requireCredential(ctx, 'device');

  app.post<{ Body: BindRequest }>(
    '/devices/bind',
    {
      config: limitBy(ctx.config.rateLimits.bind, byAddress),
      schema: {
        summary: 'Bind a device with a one-time binding code; returns its credential (shown once) and first lease',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['bindingCode', 'deviceName'],
          properties: {
            bindingCode: { type: 'string', pattern: '^[0-9A-Za-z]{8}$' },
            deviceName: { type: 'string', minLength: 1, maxLength: 64 },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['deviceId', 'credential', 'lease'],
            properties: { deviceId: { type: 'string' }, credential: { type: 'string' }, lease },
          },
          ...errors(401, 429),
        },
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
        response: { 204: { type: 'null' }, ...errors(401) },
      },
    },
    async (request, reply) => {
      unbindDevice(ctx, devicePrincipal(request).id);
      return reply.code(204).send();
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
        response: { 201: { type: 'object', required: ['lease'], properties: { lease } }, ...errors(401, 429) },
      },
    },
    async (request, reply) => {
      const me = devicePrincipal(request);
      reply.code(201);
      return { lease: ctx.db.transaction(() => mintLease(ctx, me.id)).immediate() };
    },
  );
}
