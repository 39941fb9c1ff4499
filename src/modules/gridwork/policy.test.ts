import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { OrgLevel, Role } from '../../db/schema.js';
import {
  canEditCard, canManagePosts, canPatchPost, canReadCoverage, canReadGridwork, canRecordMeeting, canRecordVisit, canSeeCards,
  canSetFollowUp, canUpload, canWriteLog, postActions, visitActions,
} from './policy.js';

const P = {
  street: '/1/2/3/4/5/', community: '/1/2/3/4/5/6/', grid: '/1/2/3/4/5/6/7/', grid2: '/1/2/3/4/5/6/8/',
  otherStreet: '/1/2/3/4/9/', otherGrid: '/1/2/3/4/9/10/11/',
};

function actor(role: Role, orgPath: string, orgLevel: OrgLevel, userId = 1): Actor {
  return {
    userId, username: 'u', displayName: 'u', role, orgId: Number(orgPath.split('/').filter(Boolean).pop()), orgName: 'o', orgLevel,
    orgCode: 'x', orgPath, sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
  };
}

const sys = actor('sysAdmin', '/1/', 'root');
const street = actor('streetStaff', P.street, 'street');
const community = actor('communityWorker', P.community, 'community');
const grid = actor('gridWorker', P.grid, 'grid', 42);
const dept = actor('departmentStaff', '/1/2/3/4/5/12/', 'department');
const resident = actor('resident', P.grid, 'grid', 77);

describe('grid posts (1+4+X staffing)', () => {
  it('street and community staff manage the posts of grids below them; nobody manages their own org or outside scope', () => {
    expect(canManagePosts(street, P.grid)).toBe(true);
    expect(canManagePosts(community, P.grid)).toBe(true);
    expect(canManagePosts(community, P.otherGrid)).toBe(false);
    expect(canManagePosts(street, P.otherGrid)).toBe(false);
    expect(canManagePosts(grid, P.grid)).toBe(false); // own grid: staffing is decided above
    expect(canManagePosts(grid, P.grid2)).toBe(false);
    for (const a of [sys, dept, resident]) expect(canManagePosts(a, P.grid), a.role).toBe(false);
  });

  it('a grid worker edits only the card of the post they hold (A), and only the card fields', () => {
    const own = { orgPath: P.grid, primaryUserId: 42 };
    const other = { orgPath: P.grid, primaryUserId: 43 };
    expect(canEditCard(grid, own)).toBe(true);
    expect(canEditCard(grid, other)).toBe(false);
    expect(canEditCard(grid, { orgPath: P.grid2, primaryUserId: 42 })).toBe(false); // moved away: not in scope
    expect(canPatchPost(grid, own, ['cardPhone', 'cardDuties', 'cardPhotoId'])).toBe(true);
    expect(canPatchPost(grid, own, ['cardPhone', 'backupName'])).toBe(false);
    expect(canPatchPost(grid, own, ['primaryUserId'])).toBe(false);
    expect(canPatchPost(grid, other, ['cardPhone'])).toBe(false);
    expect(canPatchPost(community, other, ['primaryName', 'backupUserId'])).toBe(true);
    expect(canEditCard(resident, { orgPath: P.grid, primaryUserId: 77 })).toBe(false);
  });

  it('postActions tell the UI what to offer', () => {
    expect(postActions(street, { orgPath: P.grid, primaryUserId: null })).toEqual(['update', 'update_card', 'delete']);
    expect(postActions(grid, { orgPath: P.grid, primaryUserId: 42 })).toEqual(['update_card']);
    expect(postActions(grid, { orgPath: P.grid, primaryUserId: null })).toEqual([]);
    expect(postActions(street, { orgPath: P.otherGrid, primaryUserId: null })).toEqual([]);
  });
});

describe('reading and the public card', () => {
  it('staff with gridwork.read read grid work; admins, departments and residents do not', () => {
    for (const a of [street, community, grid]) expect(canReadGridwork(a), a.role).toBe(true);
    for (const a of [sys, dept, resident]) expect(canReadGridwork(a), a.role).toBe(false);
  });

  it('only residents use the card view', () => {
    expect(canSeeCards(resident)).toBe(true);
    for (const a of [sys, street, community, grid, dept]) expect(canSeeCards(a), a.role).toBe(false);
  });

  it('coverage for a street, community or grid in scope', () => {
    expect(canReadCoverage(street, { level: 'street', path: P.street })).toBe(true);
    expect(canReadCoverage(street, { level: 'grid', path: P.grid })).toBe(true);
    expect(canReadCoverage(community, { level: 'street', path: P.street })).toBe(false);
    expect(canReadCoverage(street, { level: 'street', path: P.otherStreet })).toBe(false);
    expect(canReadCoverage(street, { level: 'department', path: '/1/2/3/4/5/12/' })).toBe(false);
    expect(canReadCoverage(resident, { level: 'grid', path: P.grid })).toBe(false);
  });
});

describe('records', () => {
  it('visits are recorded for households in scope', () => {
    expect(canRecordVisit(grid, P.grid)).toBe(true);
    expect(canRecordVisit(grid, P.grid2)).toBe(false);
    expect(canRecordVisit(street, P.grid2)).toBe(true);
    expect(canRecordVisit(resident, P.grid)).toBe(false);
  });

  it('a follow-up can be closed (and reopened) only on a visit that asked for one', () => {
    const open = { orgPath: P.grid, followUp: true, followUpDone: false };
    expect(canSetFollowUp(grid, open)).toBe(true);
    expect(canSetFollowUp(grid, { ...open, followUp: false })).toBe(false);
    expect(canSetFollowUp(street, { ...open, orgPath: P.otherGrid })).toBe(false);
    expect(visitActions(grid, open)).toEqual(['complete_follow_up']);
    expect(visitActions(grid, { ...open, followUpDone: true })).toEqual(['reopen_follow_up']);
    expect(visitActions(grid, { ...open, followUp: false })).toEqual([]);
    expect(visitActions(dept, open)).toEqual([]);
  });

  it('logs need gridwork.write; uploads gridwork.write or request.submit (request photos)', () => {
    for (const a of [street, community, grid]) {
      expect(canWriteLog(a), a.role).toBe(true);
      expect(canUpload(a), a.role).toBe(true);
    }
    for (const a of [sys, dept, resident]) expect(canWriteLog(a), a.role).toBe(false);
    expect(canUpload(resident)).toBe(true);
    for (const a of [sys, dept]) expect(canUpload(a), a.role).toBe(false);
  });

  it('meetings belong to a grid or a community in scope', () => {
    expect(canRecordMeeting(grid, { level: 'grid', path: P.grid })).toBe(true);
    expect(canRecordMeeting(community, { level: 'community', path: P.community })).toBe(true);
    expect(canRecordMeeting(street, { level: 'street', path: P.street })).toBe(false);
    expect(canRecordMeeting(grid, { level: 'community', path: P.community })).toBe(false); // above the grid worker
    expect(canRecordMeeting(street, { level: 'grid', path: P.otherGrid })).toBe(false);
  });
});
