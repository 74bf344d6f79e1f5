// Bearer authentication. Each protected route names the credential kind it
// takes; the principal lands on request.principal.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { Ctx } from '../domain/context';
import { authenticate, type Principal } from '../domain/devices';
import { IssuerError } from '../domain/errors';
import type { CredentialKind } from '../domain/ids';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  // The scheme name is case-insensitive (RFC 9110 section 11.1).
  const match = /^Bearer +([\x21-\x7e]{1,200})$/i.exec(header);
  return match?.[1];
}

export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
}

export function requireCredential(ctx: Ctx, kind: CredentialKind): preHandlerHookHandler {
  return async function (request: FastifyRequest, reply: FastifyReply) {
    const token = bearerToken(request);
    const principal = token === undefined ? undefined : await authenticate(ctx, token, kind);
    if (!principal) {
      reply.header('www-authenticate', 'Bearer');
      throw new IssuerError(401, 'unauthorized', `missing or wrong ${kind} credential`);
    }
    request.principal = principal;
  };
}

export function devicePrincipal(request: FastifyRequest): { id: string; accountId: string } {
  const p = request.principal;
  if (p?.kind !== 'device') throw new IssuerError(401, 'unauthorized', 'device credential required');
  return p;
}

export function partyPrincipal(request: FastifyRequest, kind: 'merchant' | 'operator'): string {
  const p = request.principal;
  if (p?.kind !== kind) throw new IssuerError(401, 'unauthorized', `${kind} key required`);
  return p.id;
}
