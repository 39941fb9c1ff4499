import type { FastifyPluginAsync } from 'fastify';
import { registerOrgDependent } from '../../core/org-dependents.js';
import { placesRoutes } from './routes.js';
import { estateRoutes } from './routes-estates.js';

// Places carry their org's path: org deletes are refused while they exist, subtree moves rewrite them.
registerOrgDependent({ table: 'estate', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '小区', en: 'estates' } });
registerOrgDependent({ table: 'building', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '楼栋', en: 'buildings' } });
registerOrgDependent({ table: 'unit', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '单元', en: 'units' } });
registerOrgDependent({ table: 'household', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '户', en: 'households' } });

/** Places: estates (小区), buildings (楼栋), units (单元), households (户); grid assignment by boundary. */
export const placesModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'places',
  routes: [estateRoutes as FastifyPluginAsync, placesRoutes as FastifyPluginAsync],
};
