import type { FastifyPluginAsync } from 'fastify';
import { volunteeringRoutes } from './routes.js';

/** Volunteering (志愿服务): volunteers, activities, sign-up and waiting list, QR check-in/out, hours, points, star levels, certificates. */
export const volunteeringModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'volunteering',
  routes: [volunteeringRoutes as FastifyPluginAsync],
};
