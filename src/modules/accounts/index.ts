import type { FastifyPluginAsync } from 'fastify';
import { registerOrgDependent } from '../../core/org-dependents.js';
import { authRoutes } from './routes-auth.js';
import { userRoutes } from './routes-users.js';

/** Accounts module: authentication, sessions, users and roles. */
registerOrgDependent({ table: 'app_user', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '用户', en: 'users' } });

export const accountsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'accounts',
  routes: [authRoutes as FastifyPluginAsync, userRoutes as FastifyPluginAsync],
};
