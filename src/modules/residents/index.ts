import type { FastifyPluginAsync } from 'fastify';
import { registerOrgDependent } from '../../core/org-dependents.js';
import { residentsRoutes } from './routes.js';
import { residentSelfRoutes } from './routes-self.js';

registerOrgDependent({ table: 'resident', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '居民', en: 'residents' } });
registerOrgDependent({ table: 'household_membership', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '入户记录', en: 'household memberships' } });
registerOrgDependent({ table: 'resident_change', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '居民变更记录', en: 'resident history' } });
registerOrgDependent({ table: 'correction_request', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '更正申请', en: 'correction requests' } });

/** Residents (居民): records, privacy (encrypted PI, masked views, audited reveal), moves, self-service. */
export const residentsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'residents',
  routes: [residentsRoutes as FastifyPluginAsync, residentSelfRoutes as FastifyPluginAsync],
};
