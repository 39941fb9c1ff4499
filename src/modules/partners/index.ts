import type { FastifyPluginAsync } from 'fastify';

/** Party members and partner units (双报到、共建单位): contracts, the three lists, service posts, claims, assessment and rankings. */
export const partnersModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'partners',
  routes: [],
};
