import type { FastifyPluginAsync } from 'fastify';
import { requestRoutes } from './routes.js';
import { configRoutes } from './routes-config.js';
import { liveRoutes } from './routes-live.js';

/** Requests (接诉即办): intake, routing, workflow, 吹哨报到, ratings, figures, live board, notifications. */
export const requestsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'requests',
  routes: [requestRoutes as FastifyPluginAsync, configRoutes as FastifyPluginAsync, liveRoutes as FastifyPluginAsync],
};
