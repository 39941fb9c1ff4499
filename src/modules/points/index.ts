import type { FastifyPluginAsync } from 'fastify';
import { pointsRoutes } from './routes.js';

/** Points ledger (志愿积分账本): accounts, double-entry movements, awards, pool funding, corrections, verification. */
export const pointsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'points',
  routes: [pointsRoutes as FastifyPluginAsync],
};
