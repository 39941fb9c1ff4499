import type { FastifyPluginAsync } from 'fastify';
import { registerOrgDependent } from '../../core/org-dependents.js';
import { importsRoutes } from './routes.js';

registerOrgDependent({ table: 'import_job', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '导入任务', en: 'import jobs' } });

/** Resident/household imports from .xlsx/.csv with preview, progress and error report. */
export const importsModule: { name: string; routes: FastifyPluginAsync[] } = {
  name: 'imports',
  routes: [importsRoutes as FastifyPluginAsync],
};
