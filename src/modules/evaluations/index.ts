import type { FastifyPluginAsync } from 'fastify';
import { evaluationsRoutes } from './routes.js';
import { evaluationsPublicRoutes } from './routes-public.js';

/** 监督评价: evaluation campaigns (self 10 / peers 40 / residents 50), resident surveys of a reproducible household sample, rankings, certificates, rectifications; indicator-tree assessments. */
export const evaluationsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'evaluations',
  routes: [evaluationsRoutes, evaluationsPublicRoutes],
};
