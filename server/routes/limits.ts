// Spending limits, and the one-round-trip sync for the watch.
import type { FastifyInstance } from 'fastify';
import type { LimitsUpdate } from '../../lib/issuer-api/types';
import type { Ctx } from '../domain/context';
import { getLimits, setLimits } from '../domain/limits';
import { sync } from '../domain/sync';
import { devicePrincipal, requireCredential } from '../plugins/auth';
import { byCredential, limitBy } from '../plugins/rate-limit';
import { amount, bearer, currency, errors, lease, money, time } from '../schemas';

const limitsUpdate = {
  type: 'object',
  additionalProperties: false,
  required: ['perPayment', 'daily'],
  properties: { perPayment: amount, daily: amount },
} as const;

const limitsBody = {
  type: 'object',
  required: ['currency', 'perPayment', 'daily', 'caps'],
  properties: {
    currency,
    perPayment: money,
    daily: money,
    caps: { type: 'object', required: ['perPayment', 'daily'], properties: { perPayment: money, daily: money } },
  },
} as const;

const syncBody = {
  type: 'object',
  required: ['v', 'asOf', 'lease', 'lim', 'cards'],
  properties: {
    v: { type: 'integer', enum: [1] },
    asOf: time,
    lease: { ...lease, type: ['object', 'null'] },
    lim: {
      type: 'object',
      required: ['cur', 'pp', 'day', 'spent'],
      properties: { cur: currency, pp: money, day: money, spent: money },
    },
    cards: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'bal', 'trips'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          bal: money,
          trips: {
            type: 'array',
            description: '[at (UTC ms), fare (minor units), line], newest first',
            items: { type: 'array', minItems: 3, maxItems: 3, items: { type: ['integer', 'string'] } },
          },
        },
      },
    },
  },
} as const;

export async function limitsRoutes(app: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  const { ctx } = opts;
  const device = requireCredential(ctx, 'device');
  const other = limitBy(ctx.config.rateLimits.other, byCredential);

  app.get(
    '/limits',
    { preHandler: device, config: other, schema: { summary: "This account's spending limits", security: bearer, response: { 200: limitsBody, ...errors(401) } } },
    async (request) => getLimits(ctx, devicePrincipal(request).accountId),
  );

  app.put<{ Body: LimitsUpdate }>(
    '/limits',
    {
      preHandler: device,
      config: other,
      schema: {
        summary: "Set this account's limits, within the issuer's caps",
        security: bearer,
        body: limitsUpdate,
        response: { 200: limitsBody, ...errors(401) },
      },
    },
    async (request) => setLimits(ctx, devicePrincipal(request).accountId, request.body),
  );

  app.get(
    '/sync',
    {
      preHandler: device,
      config: other,
      schema: {
        summary: 'All the watch needs: a new lease when due, limits, spent today, transit cards and recent trips',
        security: bearer,
        response: { 200: syncBody, ...errors(401) },
      },
    },
    async (request) => sync(ctx, devicePrincipal(request)),
  );
}
