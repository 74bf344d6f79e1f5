// Transit cards (device), and trips recorded by a transit operator.
import type { FastifyInstance } from 'fastify';
import type { TapRequest, TopUpRequest } from '../../lib/issuer-api/types';
import type { Ctx } from '../domain/context';
import { listCards, tap, topUp } from '../domain/transit';
import { devicePrincipal, partyPrincipal, requireCredential } from '../plugins/auth';
import { byCredential, limitBy } from '../plugins/rate-limit';
import { amount, bearer, currency, errors, idempotencyKey, money, recordId, time } from '../schemas';

export async function transitRoutes(app: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
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
        response: {
          200: {
            type: 'object',
            required: ['cards'],
            properties: {
              cards: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'balance', 'currency', 'asOf'],
                  properties: { id: { type: 'string' }, name: { type: 'string' }, balance: money, currency, asOf: time },
                },
              },
            },
          },
          ...errors(401),
        },
      },
    },
    async (request) => ({ cards: listCards(ctx, devicePrincipal(request).accountId) }),
  );

  app.post<{ Params: { id: string }; Body: TopUpRequest }>(
    '/transit/cards/:id/top-up',
    {
      preHandler: device,
      config: other,
      schema: {
        summary: 'Move money from the wallet to a transit card',
        security: bearer,
        params: { type: 'object', required: ['id'], properties: { id: recordId('c') } },
        body: { type: 'object', additionalProperties: false, required: ['amount', 'idempotencyKey'], properties: { amount, idempotencyKey } },
        response: {
          200: {
            type: 'object',
            required: ['topUpId', 'cardId', 'amount', 'cardBalance', 'walletBalance'],
            properties: { topUpId: { type: 'string' }, cardId: { type: 'string' }, amount: money, cardBalance: money, walletBalance: money },
          },
          ...errors(401, 404, 409),
        },
      },
    },
    async (request) => topUp(ctx, devicePrincipal(request).accountId, request.params.id, request.body),
  );

  app.post<{ Body: TapRequest }>(
    '/transit/taps',
    {
      preHandler: operator,
      config: other,
      schema: {
        summary: 'Record a trip and debit its fare from the card (transit operator key)',
        security: bearer,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['cardId', 'fare', 'line', 'idempotencyKey'],
          properties: {
            cardId: recordId('c'),
            fare: { ...amount, minimum: 0 },
            line: { type: 'string', minLength: 1, maxLength: 16 },
            idempotencyKey,
            at: time,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['tripId', 'cardId', 'fare', 'balance'],
            properties: { tripId: { type: 'string' }, cardId: { type: 'string' }, fare: money, balance: money },
          },
          ...errors(401, 404, 409),
        },
      },
    },
    async (request) => tap(ctx, partyPrincipal(request, 'operator'), request.body),
  );
}
