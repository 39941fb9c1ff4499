import type { FastifyPluginAsync } from 'fastify';

/** 民生微实事: yearly community budgets, residents' proposals, review, approval voting, selection within the budget, milestones, spending, supervision and ratings. */
export const microprojectsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'microprojects',
  routes: [],
};
