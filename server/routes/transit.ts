// Transit cards (device), and trips recorded by a transit operator.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  CardOptionsSchema,
  CardOptionsUpdateSchema,
  CardParamsSchema,
  CardsResponseSchema,
  TapRequestSchema,
  TapResponseSchema,
  TopUpRequestSchema,
  TopUpResponseSchema,
} from '../../lib/issuer-api/schema';
import type { Ctx } from '../domain/context';
import { setCardOptions } from '../domain/auto-top-up';
import { listCards, tap, topUp } from '../domain/transit';
import { devicePrincipal, partyPrincipal, requireCredential } from '../plugins/auth';
import { byCredential, limitBy } from '../plugins/rate-limit';
import { bearer, errors } from '../schemas';

export async function transitRoutes(fastify: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { ctx } = opts;
  const device = requireCredential(ctx, 'device');
  const operator = requireCredential(ctx, 'operator');
  const other = limitBy(ctx.config.rateLimits.other, byCredential);

  app.get(
    '/transit/cards',
    {
      preHandler: device,
      config: other,
      schema: {
        summary: "This account's transit cards with balances",
        security: bearer,
        response: { 200: CardsResponseSchema, ...errors(401) },
      },
    },
    async (request) => ({ cards: await listCards(ctx, devicePrincipal(request).accountId) }),
  );

  app.post(
    '/transit/cards/:id/top-up',
    {
      preHandler: device,
      config: other,
      schema: {
        summary: 'Move money from the wallet to a transit card',
        security: bearer,
        params: CardParamsSchema,
        body: TopUpRequestSchema,
        response: { 200: TopUpResponseSchema, ...errors(401, 404, 409) },
      },
    },
    async (request) => topUp(ctx, devicePrincipal(request).accountId, request.params.id, request.body),
  );

  app.put(
    '/transit/cards/:id/options',
    {
      preHandler: device,
      config: other,
      schema: {
        summary: "A card's low-balance threshold (0: none) and automatic top-up (null: off)",
        description:
          'When a ride takes the card under its threshold, the issuer tops it up by `autoTopUp` from the wallet, within the daily limit, once per crossing; sync carries the outcome.',
        security: bearer,
        params: CardParamsSchema,
        body: CardOptionsUpdateSchema,
        response: { 200: CardOptionsSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => setCardOptions(ctx, devicePrincipal(request).accountId, request.params.id, request.body),
  );

  app.post(
    '/transit/taps',
    {
      preHandler: operator,
      config: other,
      schema: {
        summary: 'Record a trip and debit its fare from the card (transit operator key)',
        security: bearer,
        body: TapRequestSchema,
        response: { 200: TapResponseSchema, ...errors(401, 404, 409) },
      },
    },
    async (request) => tap(ctx, partyPrincipal(request, 'operator'), request.body),
  );
}
