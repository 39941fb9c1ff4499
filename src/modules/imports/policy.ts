import type { Actor } from '../../core/context.js';
import type { ImportStatus, OrgLevel } from '../../db/schema.js';
import { hasPermission } from '../../core/roles.js';
import { pathInScope } from '../../core/scope.js';

/**
 * Imports policy: pure functions of the actor and the org or job. Importing needs
 * `resident.import` and an org in the actor's scope; rows may then name any grid or
 * community below that org. Jobs are seen by whoever may import into their org.
 */
export const IMPORT_ORG_LEVELS: readonly OrgLevel[] = ['street', 'community', 'grid'];

export interface JobTarget { orgPath: string; status: ImportStatus; hasFile: boolean; hasReport: boolean }

export const canImport = (a: Actor) => hasPermission(a.role, 'resident.import');

export const canImportIntoScope = (a: Actor, org: { path: string }) => canImport(a) && pathInScope(a, org.path);

export const isImportLevel = (level: OrgLevel) => IMPORT_ORG_LEVELS.includes(level);

export const canSeeJob = (a: Actor, job: { orgPath: string }) => canImport(a) && pathInScope(a, job.orgPath);

/** A job runs from its stored file: new, or failed/interrupted (it resumes where it stopped). */
export function canCommitJob(a: Actor, job: JobTarget): boolean {
  return canSeeJob(a, job) && job.hasFile && (job.status === 'previewed' || job.status === 'failed' || job.status === 'running');
}

/** The error report holds the rejected rows as typed (ID numbers included): same rule as the job. */
export const canReadReport = (a: Actor, job: JobTarget) => canSeeJob(a, job) && job.hasReport;

export function jobActions(a: Actor, job: JobTarget): string[] {
  const out: string[] = [];
  if (canCommitJob(a, job) && job.status !== 'running') out.push('commit');
  if (canReadReport(a, job)) out.push('errors');
  return out;
}
