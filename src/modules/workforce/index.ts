import type { FastifyPluginAsync } from 'fastify';
import { workforceRoutes } from './routes.js';

/** 社工与社区工作者: social workers with certificates and their stations; community workers with posts and grades on a career ladder, training and pay derived from grade and local average wage. */
export const workforceModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'workforce',
  routes: [workforceRoutes as FastifyPluginAsync],
};
