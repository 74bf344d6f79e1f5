import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../domain/context';

const status = (value: string) => ({
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: [value] } },
});

export async function healthRoutes(app: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  app.get(
    '/healthz',
    {
      schema: {
        summary:
          'Liveness: the process answers (the database is not asked: a database outage must not get issuers restarted)',
        response: { 200: status('ok') },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: the database answers within a second; 503 not-ready while it is away',
        response: { 200: status('ready'), 503: status('not-ready') },
      },
    },
    async (_request, reply) => {
      if (await opts.ctx.db.ping()) return { status: 'ready' as const };
      return reply.code(503).send({ status: 'not-ready' as const });
    },
  );
}
