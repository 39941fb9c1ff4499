import type { FastifyPluginAsync } from 'fastify';
import { residentsRoutes } from './routes.js';

/** Residents (居民): records, privacy (encrypted PI, masked views, audited reveal), moves, self-service. */
export const residentsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'residents',
  routes: [residentsRoutes as FastifyPluginAsync],
};
