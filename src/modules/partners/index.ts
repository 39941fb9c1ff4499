import type { FastifyPluginAsync } from 'fastify';
import { peopleRoutes } from './routes-people.js';
import { listRoutes } from './routes-lists.js';
import { claimRoutes } from './routes-claims.js';

/** Party members and partner units (双报到、共建单位): contracts, the three lists, service posts, claims, assessment and rankings. */
export const partnersModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'partners',
  routes: [peopleRoutes as FastifyPluginAsync, listRoutes as FastifyPluginAsync, claimRoutes as FastifyPluginAsync],
};
