import { describe, expect, it } from 'vitest';
import type { RequestStatus } from '../../db/schema.js';
import {
  TRANSITIONS, transition, canReopen, dueDates, effectiveDeadlines, DEFAULT_DEADLINES, missedDeadline, overdueLevel, threeRates, rate,
  distanceMeters, pickRoute, type RequestAction,
} from './rules.js';

const ALL: RequestStatus[] = ['submitted', 'accepted', 'dispatched', 'inProgress', 'resolved', 'rated', 'closed', 'returned', 'reopened', 'merged'];

/** Every (action, status) pair: the allowed ones and where they lead; everything else refused. */
const EXPECTED: Record<RequestAction, Partial<Record<RequestStatus, RequestStatus>>> = {
  submit: {},
  accept: { submitted: 'accepted' },
  dispatch: { submitted: 'dispatched', accepted: 'dispatched', returned: 'dispatched', reopened: 'dispatched' },
  redispatch: { dispatched: 'dispatched', inProgress: 'dispatched' },
  start: { dispatched: 'inProgress' },
  return: { dispatched: 'returned', inProgress: 'returned' },
  resolve: { inProgress: 'resolved' },
  rate: { resolved: 'rated' },
  reopen: { rated: 'reopened' },
  close: { submitted: 'closed', accepted: 'closed', returned: 'closed', resolved: 'closed', rated: 'closed', reopened: 'closed' },
  merge: { submitted: 'merged', accepted: 'merged', returned: 'merged', dispatched: 'merged', reopened: 'merged' },
  whistle: { dispatched: 'dispatched', inProgress: 'inProgress' },
  checkIn: { dispatched: 'dispatched', inProgress: 'inProgress' },
  report: { dispatched: 'dispatched', inProgress: 'inProgress' },
  supervise: Object.fromEntries(ALL.filter((x) => x !== 'closed' && x !== 'merged').map((x) => [x, x])),
  overdue: Object.fromEntries(ALL.filter((x) => x !== 'closed' && x !== 'merged').map((x) => [x, x])),
  escalate: Object.fromEntries(ALL.filter((x) => x !== 'closed' && x !== 'merged').map((x) => [x, x])),
};

describe('the workflow', () => {
  it('allows exactly the listed transitions, from every status', () => {
    for (const action of Object.keys(TRANSITIONS) as RequestAction[])
      for (const st of ALL) expect(transition(action, st), `${action} from ${st}`).toBe(EXPECTED[action][st] ?? null);
  });
  it('closed and merged are final', () => {
    for (const action of Object.keys(TRANSITIONS) as RequestAction[]) {
      expect(transition(action, 'closed')).toBeNull();
      expect(transition(action, 'merged')).toBeNull();
    }
  });
  it('a resident reopens once, and only an unsatisfied rating', () => {
    expect(canReopen({ status: 'rated', rating: 'unsatisfied', reopenCount: 0 })).toBe(true);
    expect(canReopen({ status: 'rated', rating: 'unsatisfied', reopenCount: 1 })).toBe(false);
    expect(canReopen({ status: 'rated', rating: 'basic', reopenCount: 0 })).toBe(false);
    expect(canReopen({ status: 'resolved', rating: null, reopenCount: 0 })).toBe(false);
  });
});

describe('deadlines', () => {
  const none = { accept_hours: null, respond_hours: null, resolve_hours: null, escalate_hours: null, checkin_hours: null };
  it('inherit from the nearest ancestor, then the defaults', () => {
    expect(effectiveDeadlines([{ ...none, respond_hours: 4 }, { ...none, respond_hours: 8, resolve_hours: 72 }])).toEqual({ ...DEFAULT_DEADLINES, respondHours: 4, resolveHours: 72 });
    expect(effectiveDeadlines([])).toEqual(DEFAULT_DEADLINES);
  });
  it('run in elapsed hours across midnight, month and year ends (China time)', () => {
    const t = new Date('2026-12-31T15:30:00Z'); // 23:30 on 31 Dec in China
    const d = dueDates(t, { ...DEFAULT_DEADLINES, acceptHours: 2, respondHours: 24, resolveHours: 24 * 7 });
    expect(d.acceptDueAt.toISOString()).toBe('2026-12-31T17:30:00.000Z'); // 01:30 on 1 Jan
    expect(d.respondDueAt.toISOString()).toBe('2027-01-01T15:30:00.000Z');
    expect(d.resolveDueAt.toISOString()).toBe('2027-01-07T15:30:00.000Z');
  });
  const clock = (over: Partial<Parameters<typeof overdueLevel>[0]> = {}) => ({
    status: 'dispatched' as RequestStatus, overdueLevel: 0, acceptDueAt: new Date('2026-01-01T02:00:00Z'), respondDueAt: new Date('2026-01-02T00:00:00Z'),
    resolveDueAt: new Date('2026-01-08T00:00:00Z'), escalateHours: 24, acceptedAt: new Date('2026-01-01T01:00:00Z'), respondedAt: null, ...over,
  });
  it('flags the first missed deadline, escalates a day after the resolution deadline, never goes down', () => {
    expect(missedDeadline(clock(), new Date('2026-01-01T12:00:00Z'))).toBeNull();
    expect(missedDeadline(clock({ status: 'submitted', acceptedAt: null }), new Date('2026-01-01T03:00:00Z'))).toBe('accept');
    expect(missedDeadline(clock(), new Date('2026-01-02T00:00:01Z'))).toBe('respond');
    expect(missedDeadline(clock({ respondedAt: new Date('2026-01-01T05:00:00Z') }), new Date('2026-01-08T00:00:01Z'))).toBe('resolve');
    expect(overdueLevel(clock(), new Date('2026-01-02T00:00:01Z'))).toBe(1);
    expect(overdueLevel(clock(), new Date('2026-01-09T00:00:00Z'))).toBe(1);
    expect(overdueLevel(clock(), new Date('2026-01-09T00:00:01Z'))).toBe(2);
    expect(overdueLevel(clock({ overdueLevel: 2 }), new Date('2026-01-01T12:00:00Z'))).toBe(2);
    expect(missedDeadline(clock({ status: 'resolved' }), new Date('2027-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('figures', () => {
  it('the three rates, with nothing to divide by as null', () => {
    const r = threeRates({ received: 20, routedAuto: 18, responded: 19, respondedOnTime: 17, resolved: 16, resolvedOnTime: 15, rated: 10, satisfied: 7, basic: 2, unsatisfied: 1, overdue: 3, handleSeconds: 16 * 7200 });
    expect(r).toEqual({ responseRate: 85, resolutionRate: 80, satisfactionRate: 90, autoRoutedRate: 90, avgHandleHours: 2 });
    expect(rate(1, 0)).toBeNull();
    expect(rate(2, 3)).toBe(66.7);
  });
});

describe('routing and duplicates', () => {
  it('the most specific area wins, then the most specific category', () => {
    const r = pickRoute([
      { orgPath: '/1/2/', categoryDepth: 0, handlerOrgId: 10 },
      { orgPath: '/1/2/3/', categoryDepth: 1, handlerOrgId: 11 },
      { orgPath: '/1/2/3/', categoryDepth: 0, handlerOrgId: 12 },
    ]);
    expect(r?.handlerOrgId).toBe(12);
    expect(pickRoute([])).toBeNull();
  });
  it('distance in metres', () => {
    expect(Math.round(distanceMeters({ lon: 98.5, lat: 39.7 }, { lon: 98.5, lat: 39.701 }))).toBe(111);
  });
});
