import type { FastifyPluginAsync } from 'fastify';
import { onVoteClosed } from '../voting/api.js';
import { microprojectsRoutes } from './routes.js';
import { roundClosed } from './service-rounds.js';

// A micro-project round's vote closed (here, in the voting console or by a sweep): choose the winners within the budget.
onVoteClosed('microRound', roundClosed);

/** 民生微实事: yearly community budgets, residents' proposals, review, approval voting, selection within the budget, milestones, spending, supervision and ratings. */
export const microprojectsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'microprojects',
  routes: [microprojectsRoutes as FastifyPluginAsync],
};
