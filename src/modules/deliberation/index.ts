import type { FastifyPluginAsync } from 'fastify';
import { onVoteClosed } from '../voting/api.js';
import { topicRoutes } from './routes-topics.js';
import { bodyRoutes } from './routes-bodies.js';
import { recordVoteDecision } from './service-votes.js';

// A topic's vote closed: the decision (adopted or rejected, with the counts) is recorded in the closing transaction.
onVoteClosed('topic', recordVoteDecision);

/** 议事协商: topics and wishes, bodies and their representatives, the six forms and custom forms, meetings with minutes, consultations with comments, decisions and follow-up tasks. */
export const deliberationModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'deliberation',
  routes: [topicRoutes as FastifyPluginAsync, bodyRoutes as FastifyPluginAsync],
};
