// One error shape for every 4xx/5xx: {error, message}. Messages never echo the
// request body (a JSON parse error would quote it, and bodies carry codes).
import type { FastifyError, FastifyInstance } from 'fastify';
import { IssuerError } from '../domain/errors';

const SAFE_MESSAGES: Record<number, [string, string]> = {
  400: ['bad-request', 'the request is malformed'],
  401: ['unauthorized', 'missing or wrong credential'],
  404: ['not-found', 'no such resource'],
  405: ['method-not-allowed', 'method not allowed'],
  406: ['not-acceptable', 'not acceptable'],
  413: ['too-large', 'the body is too large'],
  415: ['unsupported-media-type', 'send application/json'],
  429: ['rate-limited', 'too many requests; slow down'],
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof IssuerError) {
      return reply.code(err.statusCode).send({ error: err.code, message: err.message });
    }
    if (err.validation) {
      // Ajv messages name the field and the rule, not the value.
      return reply.code(400).send({ error: 'bad-request', message: err.message });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const [error, message] = SAFE_MESSAGES[status] ?? ['bad-request', 'the request was rejected'];
      if (status === 429) reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
      return reply.code(status).send({ error, message: status === 429 ? err.message : message });
    }
    request.log.error({ err: { type: err.name, code: err.code, stack: err.stack } }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
