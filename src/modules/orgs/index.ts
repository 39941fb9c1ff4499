import type { FastifyPluginAsync } from 'fastify';
import { orgRoutes } from './routes.js';

/** Orgs module: the five-level hierarchy, departments, division import. */
export const orgsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'orgs',
  routes: [orgRoutes as FastifyPluginAsync],
};
