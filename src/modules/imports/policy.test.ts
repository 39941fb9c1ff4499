import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { ImportStatus, OrgLevel, Role } from '../../db/schema.js';
import { canCommitJob, canImport, canImportIntoScope, canReadReport, canSeeJob, isImportLevel, jobActions } from './policy.js';

const P = { street: '/1/5/', community: '/1/5/6/', grid: '/1/5/6/7/', otherStreet: '/1/9/' };
function actor(role: Role, orgPath: string, orgLevel: OrgLevel): Actor {
  return {
    userId: 1, username: 'u', displayName: 'u', role, orgId: Number(orgPath.split('/').filter(Boolean).pop()), orgName: 'o', orgLevel,
    orgCode: 'x', orgPath, sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
  };
}
const street = actor('streetStaff', P.street, 'street');
const community = actor('communityWorker', P.community, 'community');
const grid = actor('gridWorker', P.grid, 'grid');
const job = (orgPath: string, status: ImportStatus = 'previewed', hasFile = true, hasReport = true) => ({ orgPath, status, hasFile, hasReport });

describe('imports policy', () => {
  it('street, community and grid staff import; admins, departments and residents do not', () => {
    for (const a of [street, community, grid]) expect(canImport(a), a.role).toBe(true);
    for (const r of ['sysAdmin', 'securityAdmin', 'auditAdmin', 'departmentStaff', 'resident'] as Role[])
      expect(canImport(actor(r, '/1/', 'root')), r).toBe(false);
  });

  it('into orgs of their scope, at street, community or grid level', () => {
    expect(canImportIntoScope(street, { path: P.community })).toBe(true);
    expect(canImportIntoScope(grid, { path: P.community })).toBe(false);
    expect(canImportIntoScope(street, { path: P.otherStreet })).toBe(false);
    expect(['street', 'community', 'grid'].every((l) => isImportLevel(l as OrgLevel))).toBe(true);
    expect(isImportLevel('department')).toBe(false);
    expect(isImportLevel('district')).toBe(false);
  });

  it('jobs are seen within scope; committed while their file is kept; the report needs the same scope', () => {
    expect(canSeeJob(community, job(P.grid))).toBe(true);
    expect(canSeeJob(grid, job(P.community))).toBe(false);
    expect(canCommitJob(community, job(P.community))).toBe(true);
    expect(canCommitJob(community, job(P.community, 'failed'))).toBe(true);
    expect(canCommitJob(community, job(P.community, 'done'))).toBe(false);
    expect(canCommitJob(community, job(P.community, 'failed', false))).toBe(false);
    expect(canReadReport(community, job(P.community, 'done', false, true))).toBe(true);
    expect(canReadReport(actor('streetStaff', P.otherStreet, 'street'), job(P.community))).toBe(false);
    expect(jobActions(community, job(P.community))).toEqual(['commit', 'errors']);
    expect(jobActions(community, job(P.community, 'running'))).toEqual(['errors']);
    expect(jobActions(community, job(P.community, 'done', false, false))).toEqual([]);
  });
});
