import type { FastifyPluginAsync } from 'fastify';

/** 议事协商: topics and wishes, bodies and their representatives, the six forms and custom forms, meetings with minutes, consultations with comments, decisions and follow-up tasks. */
export const deliberationModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'deliberation',
  routes: [],
};
