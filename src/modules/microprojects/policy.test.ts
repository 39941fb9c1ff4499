import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import { budgetActions, canManageAt, projectActions, proposalActions, residentOf, roundActions, seesProposal } from './policy.js';

const actor = (role: Role, orgPath: string, userId = 1): Actor => ({
  userId, username: 'u', displayName: 'u', role, orgId: 1, orgName: 'o', orgLevel: 'community', orgCode: 'c', orgPath,
  sessionId: 's', csrfToken: 'c', totpEnabled: false, mustChangePassword: false,
});
const A = '/1/2/3/10/';
const gridOfA = '/1/2/3/10/11/';
const B = '/1/2/4/20/';

describe('micro-project policy', () => {
  it('community and street staff manage in their subtree only; grid workers and residents do not manage', () => {
    expect(canManageAt(actor('communityWorker', A), A)).toBe(true);
    expect(canManageAt(actor('streetStaff', '/1/2/3/'), A)).toBe(true);
    expect(canManageAt(actor('streetStaff', '/1/2/4/'), A)).toBe(false);
    expect(canManageAt(actor('gridWorker', gridOfA), A)).toBe(false);
    expect(canManageAt(actor('resident', A), A)).toBe(false);
  });

  it('a resident of the community (or of a grid in it) takes part; one of another community does not', () => {
    expect(residentOf(actor('resident', gridOfA), A)).toBe(true);
    expect(residentOf(actor('resident', B), A)).toBe(false);
    expect(residentOf(actor('communityWorker', A), A)).toBe(false);
  });

  it('a resident sees their own proposal in any state, others only once approved', () => {
    const me = actor('resident', A, 7);
    expect(seesProposal(me, { orgPath: A, proposerId: 7, status: 'rejected' })).toBe(true);
    expect(seesProposal(me, { orgPath: A, proposerId: 8, status: 'submitted' })).toBe(false);
    expect(seesProposal(me, { orgPath: A, proposerId: 8, status: 'inRound' })).toBe(true);
    expect(seesProposal(actor('resident', B, 7), { orgPath: A, proposerId: 8, status: 'won' })).toBe(false);
  });

  it('the proposer edits while open; staff review submitted proposals', () => {
    expect(proposalActions(actor('resident', A, 7), { orgPath: A, proposerId: 7, status: 'changesRequested' })).toEqual(['edit']);
    expect(proposalActions(actor('resident', A, 7), { orgPath: A, proposerId: 7, status: 'approved' })).toEqual([]);
    expect(proposalActions(actor('communityWorker', A), { orgPath: A, proposerId: 7, status: 'submitted' })).toEqual(['review']);
    expect(proposalActions(actor('communityWorker', A), { orgPath: A, proposerId: null, status: 'submitted' })).toEqual(['edit', 'review']);
  });

  it('a round opens only with money left and none open; closing is for managers while voting', () => {
    expect(budgetActions(actor('communityWorker', A), { orgPath: A, hasOpenRound: false, leftoverFen: 1 })).toEqual(['edit', 'openRound', 'propose']);
    expect(budgetActions(actor('communityWorker', A), { orgPath: A, hasOpenRound: true, leftoverFen: 1 })).toEqual(['edit', 'propose']);
    expect(budgetActions(actor('resident', A), { orgPath: A, hasOpenRound: false, leftoverFen: 0 })).toEqual(['propose']);
    expect(roundActions(actor('communityWorker', A), { orgPath: A, status: 'voting' })).toEqual(['close']);
    expect(roundActions(actor('communityWorker', A), { orgPath: A, status: 'closed' })).toEqual([]);
  });

  it('residents comment any time and rate once after completion; staff record while implementing', () => {
    expect(projectActions(actor('resident', A), { orgPath: A, status: 'implementing' }, false)).toEqual(['comment']);
    expect(projectActions(actor('resident', A), { orgPath: A, status: 'completed' }, false)).toEqual(['comment', 'rate']);
    expect(projectActions(actor('resident', A), { orgPath: A, status: 'completed' }, true)).toEqual(['comment']);
    expect(projectActions(actor('communityWorker', A), { orgPath: A, status: 'completed' }, false)).toEqual(['reply']);
    expect(projectActions(actor('streetStaff', '/1/2/4/'), { orgPath: A, status: 'implementing' }, false)).toEqual([]);
  });
});
