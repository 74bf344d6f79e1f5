import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../domain/context';

export async function healthRoutes(app: FastifyInstance, opts: { ctx: Ctx }): Promise<void> {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness: the process answers and its database can be read',
        response: { 200: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } },
      },
    },
    async () => {
      opts.ctx.db.prepare('SELECT 1').get();
      return { status: 'ok' as const };
    },
  );
}
