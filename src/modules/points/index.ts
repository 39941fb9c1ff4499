import type { FastifyPluginAsync } from 'fastify';
import { pointsRoutes } from './routes.js';
import { registerOrgDependent } from '../../core/org-dependents.js';

// Accounts and movements follow their org when a subtree moves (0011); an org holding either is not deleted.
registerOrgDependent({ table: 'point_account', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '积分账户', en: 'points accounts' } });
registerOrgDependent({ table: 'point_txn', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '积分流水', en: 'points movements' } });

/** Points ledger (志愿积分账本): accounts, double-entry movements, awards, pool funding, corrections, verification. */
export const pointsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'points',
  routes: [pointsRoutes as FastifyPluginAsync],
};
