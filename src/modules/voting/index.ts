import type { FastifyPluginAsync } from 'fastify';
import { votingRoutes } from './routes.js';

/** 表决: votes with a fixed electorate, one ballot per voter or household, secret or open ballots, receipts, exact tallies and a public check of the tally against the receipts. */
export const votingModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'voting',
  routes: [votingRoutes as FastifyPluginAsync],
};
