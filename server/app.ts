// Builds the issuer's HTTP server (not listening yet): plugins, then routes.
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { type ConfigOverrides, type IssuerConfig, makeConfig } from './config';
import type { Ctx } from './domain/context';
import { type CodeVerifier, codeVerifier } from './domain/charges';
import type { Db } from './db/open';
import { sqliteStore } from './db/sqlite-store';
import type { Store } from './db/store';
import { installAuth } from './plugins/auth';
import { installErrorHandling } from './plugins/errors';
import { installRateLimit } from './plugins/rate-limit';
import { activityRoutes } from './routes/activity';
import { deviceRoutes } from './routes/devices';
import { healthRoutes } from './routes/health';
import { limitsRoutes } from './routes/limits';
import { merchantRoutes } from './routes/merchant';
import { syncRoutes } from './routes/sync';
import { rideRoutes } from './routes/rides';
import { transitRoutes } from './routes/transit';
import { tillRoutes } from './routes/till';

export interface ServerOptions {
  /** The store (openStore), or an SQLite connection from openDatabase, which is wrapped in one. */
  db: Store | Db;
  config?: IssuerConfig | ConfigOverrides;
  now?: () => number;
  /** Pino options or false; secrets are redacted whatever is passed. */
  logger?: FastifyServerOptions['logger'];
  /** The currency the till (/till) charges in; default CNY. */
  tillCurrency?: string;
}

/** Paths pino must never print. Default serializers skip bodies and headers; this is the second line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'req.body',
  'body',
  'code',
  'bindingCode',
  'credential',
  'merchantKey',
  'operatorKey',
  'secret',
  'lease.secret',
];

/**
 * How the issuer's ajv reads schemas. Types must be what the schema says: "100" is not an amount,
 * and an unknown field is an error rather than silently dropped.
 */
export const AJV_OPTIONS = { coerceTypes: false, removeAdditional: false, allErrors: false } as const;

export async function buildServer(options: ServerOptions): Promise<{ app: FastifyInstance; ctx: Ctx }> {
  // A full IssuerConfig is also a valid set of overrides; makeConfig checks either.
  const config = makeConfig(options.config ?? {});
  const db: Store = 'prepare' in options.db ? sqliteStore(options.db) : options.db;
  const ctx: Ctx = { db, config, now: options.now ?? Date.now };
  const logger =
    options.logger === false || options.logger === undefined
      ? false
      : {
          ...(typeof options.logger === 'object' ? options.logger : {}),
          redact: { paths: REDACT_PATHS, censor: '[redacted]' },
        };
  const app = Fastify({
    logger,
    bodyLimit: 16 * 1024,
    ajv: { customOptions: AJV_OPTIONS },
  });
  installErrorHandling(app);
  // A DELETE without a body may still carry "content-type: application/json" (many HTTP
  // clients add it to every request); Fastify would answer 400 for the empty JSON body.
  app.addHook('onRequest', (request, _reply, done) => {
    const h = request.headers;
    if (
      request.method === 'DELETE' &&
      h['transfer-encoding'] === undefined &&
      (h['content-length'] === undefined || h['content-length'] === '0')
    )
      delete h['content-type'];
    done();
  });
  installAuth(app);
  await installRateLimit(app, ctx);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Wrist Wallet issuer',
        version: '1.0.0',
        description: 'Reference wallet and transit backend. Money is integer minor units; times are UTC ms.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  const verify: CodeVerifier = codeVerifier(ctx);
  await app.register(healthRoutes, { ctx });
  await app.register(
    async (v1) => {
      await v1.register(deviceRoutes, { ctx });
      await v1.register(limitsRoutes, { ctx });
      await v1.register(syncRoutes, { ctx });
      await v1.register(activityRoutes, { ctx });
      await v1.register(transitRoutes, { ctx });
      await v1.register(rideRoutes, { ctx });
      await v1.register(merchantRoutes, { ctx, verify });
      v1.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/v1' },
  );
  await app.register(tillRoutes, { ctx, verify, ...(options.tillCurrency ? { currency: options.tillCurrency } : {}) });
  await app.ready();
  return { app, ctx };
}
