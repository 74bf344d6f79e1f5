// Ride codes, for a transit operator's readers (operator key): the issuer's public keys, the signed
// revocation list, the upload of taps (idempotent per reader and tap id), and the report of
// duplicates and unpaid or refused taps. See docs/ride-codes.md.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  RevocationListSchema,
  RideExceptionsResponseSchema,
  RideKeysResponseSchema,
  RideTapsRequestSchema,
  RideTapsResponseSchema,
} from '../../lib/issuer-api/schema';
import type { Ctx } from '../domain/context';
import { revocationList, rideExceptions, rideKeys, uploadTaps } from '../domain/rides';
import { partyPrincipal, requireCredential } from '../plugins/auth';
import { byCredential, limitBy } from '../plugins/rate-limit';
import { bearer, errors } from '../schemas';

export async function rideRoutes(fastify: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { ctx } = opts;
  const operator = requireCredential(ctx, 'operator');
  const other = limitBy(ctx.config.rateLimits.other, byCredential);

  app.get(
    '/transit/ride-keys',
    {
      preHandler: operator,
      config: other,
      schema: {
        summary: "The issuer's ride-code public keys (P-256), for readers",
        security: bearer,
        response: { 200: RideKeysResponseSchema, ...errors(401) },
      },
    },
    async () => ({ keys: await rideKeys(ctx.db) }),
  );

  app.get(
    '/transit/ride-revocations',
    {
      preHandler: operator,
      config: other,
      schema: {
        summary: 'The signed, dated list of revoked ride certificates',
        security: bearer,
        response: { 200: RevocationListSchema, ...errors(401) },
      },
    },
    async () => revocationList(ctx),
  );

  app.post(
    '/transit/ride-taps',
    {
      preHandler: operator,
      config: other,
      // 200 taps of 340 digits and their fields: about 90 KB.
      bodyLimit: 128 * 1024,
      schema: {
        summary: "Upload a reader's taps: each ride is charged once; a repeated tap answers as before",
        security: bearer,
        body: RideTapsRequestSchema,
        response: { 200: RideTapsResponseSchema, ...errors(401, 413) },
      },
    },
    async (request) => ({
      results: await uploadTaps(ctx, partyPrincipal(request, 'operator'), request.body.reader, request.body.taps),
    }),
  );

  app.get(
    '/transit/ride-taps/exceptions',
    {
      preHandler: operator,
      config: other,
      schema: {
        summary: "The operator's duplicate, unpaid and refused taps, newest first (last 100)",
        security: bearer,
        response: { 200: RideExceptionsResponseSchema, ...errors(401) },
      },
    },
    async (request) => ({ taps: await rideExceptions(ctx, partyPrincipal(request, 'operator')) }),
  );
}
