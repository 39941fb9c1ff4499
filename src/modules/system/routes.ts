import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'kysely';
import { VERSION } from '../../version.js';

const Health = Type.Object({ status: Type.String(), database: Type.Enum(['embedded', 'external']), version: Type.String() });

/** Liveness + which database the instance runs on. Public. */
const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', {
    config: { public: true },
    schema: {
      tags: ['system'], summary: '健康检查',
      response: { 200: Health, 503: Health },
    },
  }, async (req, reply) => {
    try {
      await sql`SELECT 1`.execute(app.deps.db);
      return { status: 'ok', database: app.deps.databaseKind, version: VERSION };
    } catch {
      return reply.status(503).send({ status: 'degraded', database: app.deps.databaseKind, version: VERSION });
    }
  });
};

export const systemModule: { name: string; routes: FastifyPluginAsync[]; prefix: string } = {
  name: 'system', prefix: '', routes: [health as FastifyPluginAsync],
};
