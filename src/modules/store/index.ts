import type { FastifyPluginAsync } from 'fastify';
import { storeRoutes } from './routes.js';

/** Love store (爱心超市): donors, donations, goods priced in points, redemptions with pickup codes, acknowledgements. */
export const storeModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'store',
  routes: [storeRoutes as FastifyPluginAsync],
};
