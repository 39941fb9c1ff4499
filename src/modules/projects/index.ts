import type { FastifyPluginAsync } from 'fastify';
import { projectsRoutes } from './routes.js';

/** 项目: purchased services, venture grants and linkage projects from application through review, funding, award, implementation (milestones, tranches) and supervision to acceptance. */
export const projectsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'projects',
  routes: [projectsRoutes as FastifyPluginAsync],
};
