import type { FastifyPluginAsync } from 'fastify';
import { placesRoutes } from './routes.js';

/** Places: estates (小区), buildings (楼栋), units (单元), households (户); grid assignment by boundary. */
export const placesModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'places',
  routes: [placesRoutes as FastifyPluginAsync],
};
