import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { OrgLevel, Role } from '../../db/schema.js';
import { mayAct, requestActions, summonsActions, isDispatchTarget, type RequestTarget } from './policy.js';

const actor = (role: Role, orgPath: string, orgLevel: OrgLevel, userId = 1): Actor => ({
  userId, username: 'u', displayName: 'u', role, orgId: Number(orgPath.split('/').at(-2)), orgName: 'o', orgLevel, orgCode: 'c', orgPath,
  sessionId: 's', csrfToken: 't', totpEnabled: false, mustChangePassword: false,
});
const street = actor('streetStaff', '/1/2/', 'street', 2);
const community = actor('communityWorker', '/1/2/3/', 'community', 3);
const dept = actor('departmentStaff', '/1/2/9/', 'department', 4);
const resident = actor('resident', '/1/2/3/', 'community', 5);
const otherStreet = actor('streetStaff', '/1/7/', 'street', 6);
const req = (over: Partial<RequestTarget> = {}): RequestTarget => ({ orgPath: '/1/2/3/4/', handlerPath: null, status: 'submitted', reporterUserId: 5, rating: null, reopenCount: 0, ...over });

describe('requests policy', () => {
  it('the area dispatchers accept and dispatch; others cannot', () => {
    expect(mayAct(community, 'dispatch', req())).toBe(true);
    expect(mayAct(street, 'accept', req())).toBe(true);
    for (const a of [dept, resident, otherStreet]) expect(mayAct(a, 'dispatch', req()), a.role).toBe(false);
  });
  it('only the holding unit starts, returns and resolves', () => {
    const held = req({ status: 'inProgress', handlerPath: '/1/2/9/' });
    expect(mayAct(dept, 'resolve', held)).toBe(true);
    expect(mayAct(community, 'resolve', held)).toBe(false);
    expect(mayAct(dept, 'start', req({ status: 'dispatched', handlerPath: '/1/2/8/' }))).toBe(false);
  });
  it('the reporter rates and reopens; the street supervises', () => {
    expect(requestActions(resident, req({ status: 'resolved' }))).toEqual(['rate']);
    expect(requestActions(resident, req({ status: 'rated', rating: 'unsatisfied' }))).toEqual(['reopen']);
    expect(mayAct(street, 'supervise', req({ status: 'dispatched' }))).toBe(true);
    expect(mayAct(community, 'supervise', req({ status: 'dispatched' }))).toBe(false);
  });
  it('summoned departments check in, then report', () => {
    const held = req({ status: 'dispatched', handlerPath: '/1/2/3/4/' });
    expect(summonsActions(dept, held, { orgPath: '/1/2/9/', checkedIn: false, reported: false })).toEqual(['check_in']);
    expect(summonsActions(dept, held, { orgPath: '/1/2/9/', checkedIn: true, reported: false })).toEqual(['report']);
    expect(summonsActions(community, held, { orgPath: '/1/2/9/', checkedIn: false, reported: false })).toEqual([]);
  });
  it('dispatch targets: departments above the area, communities and grids in scope', () => {
    expect(isDispatchTarget(community, '/1/2/3/4/', { level: 'department', path: '/1/2/9/', parentPath: '/1/2/' })).toBe(true);
    expect(isDispatchTarget(community, '/1/2/3/4/', { level: 'department', path: '/1/7/9/', parentPath: '/1/7/' })).toBe(false);
    expect(isDispatchTarget(community, '/1/2/3/4/', { level: 'grid', path: '/1/2/3/4/', parentPath: '/1/2/3/' })).toBe(true);
    expect(isDispatchTarget(community, '/1/2/3/4/', { level: 'grid', path: '/1/2/5/6/', parentPath: '/1/2/5/' })).toBe(false);
  });
});
