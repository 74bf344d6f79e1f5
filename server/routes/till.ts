// The till: the cashier's web page (/till) and its API (/till/api/*), on a cookie session opened
// with the merchant key. Security (server/README.md, "The till"):
//  - the key is sent once, in a JSON body, and exchanged for a random session token in an HttpOnly,
//    SameSite=Strict cookie scoped to /till; never in a URL, storage or a log (bodies are redacted);
//  - CSRF: every request that changes something must carry the session's token in x-csrf-token
//    (the page holds it in memory only), and a present Origin / Sec-Fetch-Site must be this origin;
//  - a strict Content-Security-Policy on every /till answer: no inline script or style, script-src
//    'self' plus 'wasm-unsafe-eval' (zxing-wasm compiles WebAssembly), connect-src 'self';
//  - sign-in is rate-limited per address; a session ends on sign-out, after TILL_IDLE_MS idle,
//    and when the merchant's key is revoked or rotated.
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { TillCharge, TillChargesResponse, TillSession as TillSessionAnswer } from '../../lib/issuer-api/types';
import {
  ChargeResponseSchema,
  RefundResponseSchema,
  TillChargeRequestSchema,
  TillChargesQuerySchema,
  TillChargesResponseSchema,
  TillRefundRequestSchema,
  TillSessionSchema,
  TillSignInRequestSchema,
} from '../../lib/issuer-api/schema';
import type { Ctx } from '../domain/context';
import { charge, type CodeVerifier, refund } from '../domain/charges';
import { IssuerError } from '../domain/errors';
import { byAddress, limitBy } from '../plugins/rate-limit';
import { errors } from '../schemas';
import { tillAssets } from '../till/bundle';
import { sameToken, TILL_IDLE_MS, type TillSession, TillSessions } from '../till/sessions';

export const TILL_COOKIE = 'till_session';

export const TILL_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

declare module 'fastify' {
  interface FastifyInstance {
    tillSessions?: TillSessions;
  }
}

export interface TillOptions {
  ctx: Ctx;
  verify: CodeVerifier;
  /** The currency the till charges in; default CNY. */
  currency?: string;
}

const noSession = (): IssuerError => new IssuerError(401, 'no-session', 'sign in with the merchant key');

// The till's API is the page's own, kept out of /v1/openapi.json (which documents /v1 for any
// register); its schemas still validate and shape every request and answer.
export async function tillRoutes(fastify: FastifyInstance, opts: TillOptions): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { ctx, verify } = opts;
  const currency = opts.currency ?? 'CNY';
  if (!/^[A-Z]{3}$/.test(currency))
    throw new Error(`till currency must be an ISO 4217 code like CNY, got ${JSON.stringify(currency)}`);
  const sessions = new TillSessions(ctx);
  fastify.decorate('tillSessions', sessions);
  await fastify.register(cookie);

  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-security-policy', TILL_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
    if (request.url.startsWith('/till/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // --- the page ------------------------------------------------------------
  const page = async (name: string, reply: FastifyReply) => {
    const asset = (await tillAssets()).get(name);
    if (!asset) throw new IssuerError(404, 'not-found', 'no such file');
    reply.type(asset.type).header('cache-control', name === 'index.html' ? 'no-cache' : 'public, max-age=300');
    return reply.send(asset.body);
  };
  for (const path of ['/till', '/till/'])
    app.get(path, { schema: { hide: true } }, (_req, reply) => page('index.html', reply));
  app.get<{ Params: { file: string } }>('/till/:file', { schema: { hide: true } }, (request, reply) => {
    const file = request.params.file;
    if (!['app.js', 'app.css', 'zxing_reader.wasm', 'noto-sans-sc.otf'].includes(file))
      throw new IssuerError(404, 'not-found', 'no such file');
    return page(file, reply);
  });

  // --- session and CSRF ----------------------------------------------------
  const sessionOf = async (request: FastifyRequest): Promise<TillSession> => {
    const s = await sessions.use(request.cookies[TILL_COOKIE]);
    if (!s) throw noSession();
    return s;
  };

  /** Same-origin checks any state-changing request passes: Origin and Sec-Fetch-Site, when the browser sends them. */
  const sameOrigin = (request: FastifyRequest): void => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `${request.protocol}://${request.host}`)
      throw new IssuerError(403, 'cross-origin', 'requests must come from the till page');
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin')
      throw new IssuerError(403, 'cross-origin', 'requests must come from the till page');
  };

  const changing = async (request: FastifyRequest): Promise<TillSession> => {
    sameOrigin(request);
    const s = await sessionOf(request);
    const sent = request.headers['x-csrf-token'];
    if (!sameToken(typeof sent === 'string' ? sent : undefined, s.csrfToken))
      throw new IssuerError(403, 'csrf', 'missing or wrong x-csrf-token');
    return s;
  };

  const answer = (s: TillSession): TillSessionAnswer => ({
    merchantName: s.merchantName,
    currency,
    csrfToken: s.csrfToken,
    idleMs: TILL_IDLE_MS,
  });

  const cookieOptions = (request: FastifyRequest) =>
    ({ path: '/till', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' }) as const;

  app.post(
    '/till/api/session',
    {
      config: limitBy(ctx.config.rateLimits.signIn, byAddress),
      schema: {
        hide: true,
        summary: 'Till sign-in: exchange the merchant key for a session cookie',
        body: TillSignInRequestSchema,
        response: { 200: TillSessionSchema, ...errors(401, 403, 429) },
      },
    },
    async (request, reply) => {
      sameOrigin(request);
      const opened = await sessions.open(request.body.merchantKey);
      if (!opened) throw new IssuerError(401, 'unauthorized', 'wrong or revoked merchant key');
      sessions.close(request.cookies[TILL_COOKIE]); // a sign-in replaces the session this browser had
      reply.setCookie(TILL_COOKIE, opened.token, {
        ...cookieOptions(request),
        maxAge: Math.floor(TILL_IDLE_MS / 1000) * 48,
      });
      return answer(opened.session);
    },
  );

  app.get(
    '/till/api/session',
    { schema: { hide: true, response: { 200: TillSessionSchema, ...errors(401) } } },
    async (request) => answer(await sessionOf(request)),
  );

  fastify.delete('/till/api/session', { schema: { hide: true } }, async (request, reply) => {
    await changing(request);
    sessions.close(request.cookies[TILL_COOKIE]);
    reply.clearCookie(TILL_COOKIE, cookieOptions(request));
    return reply.code(204).send();
  });

  // --- sales -----------------------------------------------------------------
  const perSession = (request: FastifyRequest): string =>
    `till:${createHash('sha256')
      .update(request.headers.cookie ?? request.ip)
      .digest('base64url')}`;

  app.post(
    '/till/api/charges',
    {
      config: limitBy(ctx.config.rateLimits.charges, perSession),
      schema: {
        hide: true,
        body: TillChargeRequestSchema,
        response: { 200: ChargeResponseSchema, ...errors(401, 403, 429) },
      },
    },
    async (request) => {
      const s = await changing(request);
      const { code, amount, idempotencyKey } = request.body;
      // As /v1/merchant/charges: on SQLite charges arriving together share one commit.
      return charge(ctx, s.merchantId, { code, amount, currency, idempotencyKey: `till:${idempotencyKey}` }, verify);
    },
  );

  app.post(
    '/till/api/refunds',
    {
      config: limitBy(ctx.config.rateLimits.charges, perSession),
      schema: {
        hide: true,
        body: TillRefundRequestSchema,
        response: { 200: RefundResponseSchema, ...errors(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const s = await changing(request);
      const { chargeId, amount, idempotencyKey } = request.body;
      return refund(ctx, s.merchantId, { chargeId, amount, idempotencyKey: `till:${idempotencyKey}` });
    },
  );

  app.get(
    '/till/api/charges',
    {
      schema: {
        hide: true,
        querystring: TillChargesQuerySchema,
        response: { 200: TillChargesResponseSchema, ...errors(401) },
      },
    },
    async (request): Promise<TillChargesResponse> => {
      const s = await sessionOf(request);
      const since = request.query.since === undefined ? ctx.now() - 24 * 3600_000 : Number(request.query.since);
      const sums = await ctx.db.get<{ amount: number; count: number }>(
        `SELECT COALESCE(SUM(amount - refunded), 0) AS amount, COUNT(*) AS count
           FROM charges WHERE merchant_id = ? AND status = 'approved' AND currency = ? AND created_at >= ?`,
        s.merchantId,
        currency,
        since,
      );
      // rowid: SQLite's own, PostgreSQL's serial column (migration 3); it orders a millisecond's charges.
      const rows = await ctx.db.all<{
        id: string;
        status: 'approved' | 'declined';
        reason: TillCharge['reason'];
        amount: number;
        currency: string;
        refunded: number;
        created_at: number;
      }>(
        `SELECT id, status, reason, amount, currency, refunded, created_at FROM charges
          WHERE merchant_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 20`,
        s.merchantId,
      );
      return {
        today: { amount: Number(sums?.amount ?? 0), count: Number(sums?.count ?? 0), currency },
        charges: rows.map((r) => ({
          chargeId: r.id,
          status: r.status,
          reason: r.reason,
          amount: r.amount,
          currency: r.currency,
          refunded: r.refunded,
          at: r.created_at,
        })),
      };
    },
  );
}
