// Per-key rate limits. Keys are a hash of the bearer credential (never the
// credential itself, which would then sit in the limiter's memory) or the
// client address for unauthenticated routes.
//
// SQLite (one issuer process): @fastify/rate-limit's memory store. PostgreSQL
// (several issuer processes): the counts live in the database (table
// rate_limits, PgStore.rateLimitHit), so a merchant key gets its 10 charges/s
// in all, not 10 per process.
import rateLimit, { type FastifyRateLimitOptions, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { RateLimit } from '../config';
import type { Ctx } from '../domain/context';
import { PgStore } from '../db/pg-store';
import { bearerToken } from './auth';

function sharedStore(store: PgStore) {
  return class SharedRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options?: FastifyRateLimitOptions,
      private readonly route = '',
    ) {}
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const now = Date.now();
      store.rateLimitHit(`${this.route}|${key}`, timeWindow, now).then(
        ({ count, windowStart }) =>
          callback(null, { current: count, ttl: Math.max(0, windowStart + timeWindow - now) }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }
    // @fastify/rate-limit hands child() the route's merged limit settings, the route itself under
    // routeInfo: each route counts apart, as with the memory store (bind and the till's sign-in
    // share the key ip:<address>, not a budget).
    child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      type Route = { method?: string | string[]; url?: string; path?: string };
      const r: Route = (options as unknown as { routeInfo?: Route }).routeInfo ?? {};
      return new SharedRateLimitStore(undefined, `${String(r.method)} ${r.url ?? r.path ?? ''}`);
    }
  };
}

export async function installRateLimit(app: FastifyInstance, ctx?: Ctx): Promise<void> {
  const db = ctx?.db;
  await app.register(rateLimit, { global: false, ...(db instanceof PgStore ? { store: sharedStore(db) } : {}) });
}

export function byCredential(request: FastifyRequest): string {
  const token = bearerToken(request);
  return token === undefined ? `ip:${request.ip}` : `key:${createHash('sha256').update(token).digest('base64url')}`;
}

export function byAddress(request: FastifyRequest): string {
  return `ip:${request.ip}`;
}

/** Route config: `config: limitBy(settings, byCredential)`. */
export function limitBy(limit: RateLimit, keyGenerator: (request: FastifyRequest) => string) {
  return { rateLimit: { max: limit.max, timeWindow: limit.windowMs, keyGenerator } };
}
