// Per-key rate limits. Keys are a hash of the bearer credential (never the
// credential itself, which would then sit in the limiter's memory) or the
// client address for unauthenticated routes.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { RateLimit } from '../config';
import { bearerToken } from './auth';

export async function installRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
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
