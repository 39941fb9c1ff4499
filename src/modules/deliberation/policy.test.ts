import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.js';
import type { Role } from '../../db/schema.js';
import type { TopicStatus } from '../../db/schema-deliberation.js';
import * as p from './policy.js';
import { sniffFile } from './files.js';

const actor = (role: Role, orgPath: string, userId = 1): Actor => ({
  userId, username: 'u', displayName: 'U', role, orgId: 1, orgName: 'o', orgLevel: 'community', orgCode: 'c', orgPath,
  sessionId: 's', csrfToken: 'x', totpEnabled: false, mustChangePassword: false,
});
const community = '/1/2/3/';
const worker = actor('communityWorker', community, 10);
const resident = actor('resident', '/1/2/3/9/', 20);
const otherResident = actor('resident', '/1/2/4/', 21);
const streetB = actor('streetStaff', '/1/5/', 30);

describe('the topic flow', () => {
  const ALL: TopicStatus[] = ['raised', 'accepted', 'deliberating', 'voting', 'adopted', 'rejected', 'implementing', 'done', 'closed', 'merged', 'declined'];
  it('allows each action only from its statuses', () => {
    const from = (a: p.TopicAction) => ALL.filter((s) => p.allowedFrom(a, s));
    expect(from('accept')).toEqual(['raised']);
    expect(from('merge')).toEqual(['raised', 'accepted', 'deliberating']);
    expect(from('decline')).toEqual(['raised', 'accepted', 'deliberating']);
    expect(from('vote')).toEqual(['accepted', 'deliberating']);
    expect(from('decide')).toEqual(['accepted', 'deliberating']);
    expect(from('complete')).toEqual(['adopted', 'implementing']);
    // A vote in progress is decided by the vote only; finished matters are not reopened by close.
    expect(from('close')).not.toContain('voting');
    expect(from('close')).not.toContain('done');
    expect(p.NEEDS_REASON).toEqual(['decline', 'merge', 'close']);
  });
  it('merge targets: not merged away, declined or closed', () => {
    expect(ALL.filter((s) => !p.canBeMergeTarget(s))).toEqual(['closed', 'merged', 'declined']);
  });
  it('actions follow the status for a manager in scope, none for others', () => {
    expect(p.topicActions(worker, { orgPath: community, status: 'raised', raiserUserId: 20 })).toEqual(['accept', 'decline', 'merge', 'close', 'sort']);
    expect(p.topicActions(worker, { orgPath: community, status: 'adopted', raiserUserId: 20 })).toEqual(['close', 'addTask']);
    expect(p.topicActions(streetB, { orgPath: community, status: 'raised', raiserUserId: 20 })).toEqual([]);
    expect(p.topicActions(resident, { orgPath: community, status: 'raised', raiserUserId: 20 })).toEqual([]);
  });
});

describe('who sees a topic', () => {
  it('staff in scope, the raiser always, the community only once public', () => {
    const raised = { orgPath: community, status: 'raised' as const, raiserUserId: 20 };
    expect(p.seesTopic(worker, raised)).toBe(true);
    expect(p.seesTopic(resident, raised)).toBe(true);
    expect(p.seesTopic(actor('resident', '/1/2/3/', 22), raised)).toBe(false);
    expect(p.seesTopic(actor('resident', '/1/2/3/', 22), { ...raised, status: 'accepted' })).toBe(true);
    expect(p.seesTopic(actor('resident', '/1/2/3/', 22), { ...raised, status: 'declined' })).toBe(false);
    expect(p.seesTopic(otherResident, { ...raised, status: 'accepted' })).toBe(false);
    expect(p.seesTopic(streetB, { ...raised, status: 'done' })).toBe(false);
  });
  it('votes need both desks', () => {
    expect(p.canStartVoteAt(worker, community)).toBe(true);
    expect(p.canStartVoteAt(actor('gridWorker', '/1/2/3/7/'), community)).toBe(false);
    expect(p.canStartVoteAt(streetB, community)).toBe(false);
  });
});

describe('follow-up rules', () => {
  it('overdue: open and past its day (China date)', () => {
    expect(p.isOverdue({ status: 'open', dueOn: '2026-12-06' }, '2026-12-07')).toBe(true);
    expect(p.isOverdue({ status: 'open', dueOn: '2026-12-07' }, '2026-12-07')).toBe(false);
    expect(p.isOverdue({ status: 'done', dueOn: '2026-01-01' }, '2026-12-07')).toBe(false);
    expect(p.chinaToday(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
  });
  it('progress never goes back; 100 is done', () => {
    expect(p.nextProgress(50, 30)).toEqual({ ok: false, done: false });
    expect(p.nextProgress(50, 50)).toEqual({ ok: true, done: false });
    expect(p.nextProgress(50, 100)).toEqual({ ok: true, done: true });
    expect(p.nextProgress(0, 101).ok).toBe(false);
    expect(p.nextProgress(0, 2.5).ok).toBe(false);
  });
  it('a topic is done when it has tasks, none open, one done', () => {
    expect(p.topicDoneWhen([])).toBe(false);
    expect(p.topicDoneWhen([{ status: 'done' }, { status: 'open' }])).toBe(false);
    expect(p.topicDoneWhen([{ status: 'done' }, { status: 'cancelled' }])).toBe(true);
    expect(p.topicDoneWhen([{ status: 'cancelled' }])).toBe(false);
  });
  it("a vote's verdict: only a pass adopts", () => {
    expect(p.outcomeOfVote(true)).toBe('adopted');
    expect(p.outcomeOfVote(false)).toBe('rejected');
    expect(p.outcomeOfVote(null)).toBe('rejected');
  });
  it('comments while open and before the deadline, by the community or its managers', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    const c = { orgPath: community, status: 'open' as const, closesAt: new Date('2026-12-08T00:00:00Z') };
    expect(p.canComment(resident, c, now)).toBe(true);
    expect(p.canComment(worker, c, now)).toBe(true);
    expect(p.canComment(otherResident, c, now)).toBe(false);
    expect(p.canComment(resident, { ...c, closesAt: new Date('2026-12-06T00:00:00Z') }, now)).toBe(false);
    expect(p.canComment(resident, { ...c, status: 'closed' }, now)).toBe(false);
  });
});

describe('meeting files', () => {
  it('recognises the accepted types by their bytes', () => {
    expect(sniffFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffFile(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffFile(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('....[Content_Types].xml')]))).toMatch(/wordprocessingml/);
    expect(sniffFile(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.from('evil.exe')]))).toBeNull();
    expect(sniffFile(Buffer.from('<script>alert(1)</script>'))).toBeNull();
  });
});
