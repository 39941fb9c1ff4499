import type { FastifyPluginAsync } from 'fastify';
import { gridworkRoutes } from './routes.js';
import { recordRoutes } from './routes-records.js';

/** Grid work (网格员): 1+4+X posts with AB backup, public card, visits, work logs, meetings, coverage. */
export const gridworkModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'gridwork',
  routes: [gridworkRoutes as FastifyPluginAsync, recordRoutes as FastifyPluginAsync],
};
