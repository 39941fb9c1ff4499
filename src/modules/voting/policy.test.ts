import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import { seesResult, seesVote, voteActions, type VoteTarget } from './policy.js';

const actor = (role: Role, orgPath: string): Actor => ({
  userId: 1, username: 'u', displayName: 'u', role, orgId: 1, orgName: '', orgLevel: 'community', orgCode: '', orgPath,
  sessionId: '', csrfToken: '', totpEnabled: false, mustChangePassword: false,
});
const community = '/1/2/3/4/';
const other = '/1/2/9/10/';
const vote = (status: VoteTarget['status'], over: Partial<VoteTarget> = {}): VoteTarget => ({ orgPath: community, status, ruleLocked: false, closesAt: null, ...over });

describe('voting policy', () => {
  const worker = actor('communityWorker', community);
  const street = actor('streetStaff', '/1/2/3/');
  const grid = actor('gridWorker', `${community}5/`);
  const resident = actor('resident', `${community}5/`);

  it('a worker in scope manages the vote through its states; the rule only until the first ballot', () => {
    expect(voteActions(worker, vote('draft'), null)).toEqual(['edit', 'editRule', 'open', 'export']);
    expect(voteActions(worker, vote('open'), null)).toEqual(['edit', 'editRule', 'close', 'export']);
    expect(voteActions(worker, vote('open', { ruleLocked: true }), null)).toEqual(['edit', 'close', 'export']);
    expect(voteActions(worker, vote('closed'), null)).toEqual(['publish', 'export']);
    expect(voteActions(street, vote('published'), null)).toEqual(['export', 'verify']);
  });

  it('out of scope sees nothing; a grid worker below the vote\'s org does not see it either', () => {
    expect(seesVote(actor('streetStaff', other), vote('published'), null)).toBe(false);
    expect(seesVote(grid, vote('open'), null)).toBe(false);
    expect(voteActions(actor('communityWorker', other), vote('open'), null)).toEqual([]);
  });

  it('a resident sees the votes they are an elector of, and published votes of their community', () => {
    expect(seesVote(resident, vote('open'), { elector: false, voted: false })).toBe(false);
    expect(seesVote(resident, vote('open'), { elector: true, voted: false })).toBe(true);
    expect(seesVote(resident, vote('published'), { elector: false, voted: false })).toBe(true);
    expect(seesVote(resident, vote('published', { orgPath: other }), { elector: false, voted: false })).toBe(false);
  });

  it('cast only while open, before closesAt, as an elector who has not voted', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    expect(voteActions(resident, vote('open'), { elector: true, voted: false }, now)).toEqual(['cast']);
    expect(voteActions(resident, vote('open'), { elector: true, voted: true }, now)).toEqual([]);
    expect(voteActions(resident, vote('open', { closesAt: new Date('2026-12-06T23:59:59Z') }), { elector: true, voted: false }, now)).toEqual([]);
    expect(voteActions(resident, vote('draft'), { elector: true, voted: false }, now)).toEqual([]);
    expect(voteActions(worker, vote('open'), { elector: true, voted: false }, now)).not.toContain('cast');
  });

  it('results: staff once closed, everyone once published', () => {
    expect(seesResult(worker, vote('open'))).toBe(false);
    expect(seesResult(worker, vote('closed'))).toBe(true);
    expect(seesResult(resident, vote('closed'))).toBe(false);
    expect(seesResult(resident, vote('published'))).toBe(true);
  });
});
