import type { FastifyPluginAsync } from 'fastify';
import { importsRoutes } from './routes.js';

/** Resident/household imports from .xlsx/.csv with preview, progress and error report. */
export const importsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'imports',
  routes: [importsRoutes as FastifyPluginAsync],
};
