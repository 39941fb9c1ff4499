import type { FastifyPluginAsync } from 'fastify';
import { socialOrgRoutes } from './routes.js';

/** 社会组织: the registry of registered and record-filed community social organizations, their staff accounts, incubation bases and services, growth assessments. */
export const socialorgsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'socialorgs',
  routes: [socialOrgRoutes as FastifyPluginAsync],
};
