import type { FastifyPluginAsync } from 'fastify';
import { open311Routes } from './routes.js';

/** Open311 GeoReport v2 for third-party apps: public reads of public categories, keyed submission. */
export const open311Module: { name: string; routes: FastifyPluginAsync[]; prefix: string } = {
  name: 'open311',
  routes: [open311Routes],
  prefix: '/open311/v2',
};
