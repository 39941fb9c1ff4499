import type { Rating, RequestStatus } from '../../db/schema.js';

/**
 * The request workflow as data: which action moves a request from which statuses to which.
 * Services never compare statuses themselves; they ask `transition()`. Actions that leave
 * the status as it is (whistle, supervise, overdue, escalate, note) are listed too, so
 * every event in the timeline names a known action.
 */
export type RequestAction =
  | 'submit' | 'accept' | 'dispatch' | 'redispatch' | 'start' | 'return' | 'resolve'
  | 'rate' | 'reopen' | 'close' | 'merge' | 'whistle' | 'checkIn' | 'report' | 'supervise'
  | 'overdue' | 'escalate';

export const OPEN_STATUSES: readonly RequestStatus[] = ['submitted', 'accepted', 'dispatched', 'inProgress', 'resolved', 'rated', 'returned', 'reopened'];
/** Statuses in which a dispatcher decides where the request goes next. */
export const AWAITING_DISPATCH: readonly RequestStatus[] = ['submitted', 'accepted', 'returned', 'reopened'];
/** Statuses in which a unit holds the request and works on it. */
export const HELD: readonly RequestStatus[] = ['dispatched', 'inProgress'];

interface Rule { from: readonly RequestStatus[] | 'open'; to: RequestStatus | 'same' }

export const TRANSITIONS: Record<RequestAction, Rule> = {
  submit: { from: [], to: 'submitted' },
  accept: { from: ['submitted'], to: 'accepted' },
  dispatch: { from: AWAITING_DISPATCH, to: 'dispatched' },
  // A dispatcher's override: send held work to another unit.
  redispatch: { from: HELD, to: 'dispatched' },
  start: { from: ['dispatched'], to: 'inProgress' },
  return: { from: HELD, to: 'returned' },
  resolve: { from: ['inProgress'], to: 'resolved' },
  rate: { from: ['resolved'], to: 'rated' },
  reopen: { from: ['rated'], to: 'reopened' },
  // Closing a rated or resolved request ends it; closing one awaiting dispatch refuses it (不予受理).
  close: { from: ['submitted', 'accepted', 'returned', 'resolved', 'rated', 'reopened'], to: 'closed' },
  merge: { from: ['submitted', 'accepted', 'returned', 'dispatched', 'reopened'], to: 'merged' },
  whistle: { from: HELD, to: 'same' },
  checkIn: { from: HELD, to: 'same' },
  report: { from: HELD, to: 'same' },
  supervise: { from: 'open', to: 'same' },
  overdue: { from: 'open', to: 'same' },
  escalate: { from: 'open', to: 'same' },
};

export const isOpen = (s: RequestStatus) => OPEN_STATUSES.includes(s);

export function allowedFrom(action: RequestAction, status: RequestStatus): boolean {
  const r = TRANSITIONS[action];
  return r.from === 'open' ? isOpen(status) : r.from.includes(status);
}

/** The status after `action`, or null when the action is not allowed from `status`. */
export function transition(action: RequestAction, status: RequestStatus): RequestStatus | null {
  if (!allowedFrom(action, status)) return null;
  const to = TRANSITIONS[action].to;
  return to === 'same' ? status : to;
}

/** A resident may reopen once, and only a result they were not satisfied with. */
export const MAX_REOPENS = 1;
export function canReopen(r: { status: RequestStatus; rating: Rating | null; reopenCount: number }): boolean {
  return r.status === 'rated' && r.rating === 'unsatisfied' && r.reopenCount < MAX_REOPENS;
}

// ── Deadlines ──
export interface Deadlines { acceptHours: number; respondHours: number; resolveHours: number; escalateHours: number; checkinHours: number }
export const DEFAULT_DEADLINES: Deadlines = { acceptHours: 2, respondHours: 24, resolveHours: 7 * 24, escalateHours: 24, checkinHours: 2 };

type CategoryDeadlines = { accept_hours: number | null; respond_hours: number | null; resolve_hours: number | null; escalate_hours: number | null; checkin_hours: number | null };

/** A category's deadlines: its own, else the nearest ancestor's, else the defaults. `chain` runs from the category up to its root. */
export function effectiveDeadlines(chain: readonly CategoryDeadlines[]): Deadlines {
  const pick = (k: keyof CategoryDeadlines) => chain.find((c) => c[k] !== null)?.[k] ?? null;
  return {
    acceptHours: pick('accept_hours') ?? DEFAULT_DEADLINES.acceptHours,
    respondHours: pick('respond_hours') ?? DEFAULT_DEADLINES.respondHours,
    resolveHours: pick('resolve_hours') ?? DEFAULT_DEADLINES.resolveHours,
    escalateHours: pick('escalate_hours') ?? DEFAULT_DEADLINES.escalateHours,
    checkinHours: pick('checkin_hours') ?? DEFAULT_DEADLINES.checkinHours,
  };
}

const HOUR = 3600_000;
export const addHours = (t: Date, h: number) => new Date(t.getTime() + h * HOUR);

/** Deadlines run in elapsed hours from submission (接诉即办 clocks run through nights and weekends). */
export function dueDates(submittedAt: Date, d: Deadlines) {
  return {
    acceptDueAt: addHours(submittedAt, d.acceptHours),
    respondDueAt: addHours(submittedAt, d.respondHours),
    resolveDueAt: addHours(submittedAt, d.resolveHours),
  };
}

// ── Overdue and escalation ──
export interface ClockState {
  status: RequestStatus; overdueLevel: number;
  acceptDueAt: Date; respondDueAt: Date; resolveDueAt: Date; escalateHours: number;
  acceptedAt: Date | null; respondedAt: Date | null;
}

/** Which deadline a request has missed at `now`, if any (the earliest one that applies). */
export function missedDeadline(r: ClockState, now: Date): 'accept' | 'respond' | 'resolve' | null {
  if (!isOpen(r.status) || r.status === 'resolved' || r.status === 'rated') return null;
  const t = now.getTime();
  if (!r.acceptedAt && r.status === 'submitted' && t > r.acceptDueAt.getTime()) return 'accept';
  if (!r.respondedAt && t > r.respondDueAt.getTime()) return 'respond';
  if (t > r.resolveDueAt.getTime()) return 'resolve';
  return null;
}

/**
 * The overdue level a request should have at `now`: 1 once a deadline is missed, 2 when
 * the resolution deadline was missed more than `escalateHours` ago (the superior is told).
 * Levels only rise; resolving stops the clock.
 */
export function overdueLevel(r: ClockState, now: Date): number {
  const missed = missedDeadline(r, now);
  if (!missed) return r.overdueLevel;
  let level = 1;
  if (now.getTime() > addHours(r.resolveDueAt, r.escalateHours).getTime()) level = 2;
  return Math.max(level, r.overdueLevel);
}

// ── 接诉即办 figures ──
export interface StatCounts {
  received: number; routedAuto: number; responded: number; respondedOnTime: number; resolved: number; resolvedOnTime: number;
  rated: number; satisfied: number; basic: number; unsatisfied: number; overdue: number; handleSeconds: number;
}

/** A share in percent with one decimal, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/**
 * The three rates: 响应率 = responded on time / received; 解决率 = resolved / received;
 * 满意率 = (满意 + 基本满意) / rated. Average handling time in hours over resolved requests.
 */
export function threeRates(c: StatCounts) {
  return {
    responseRate: rate(c.respondedOnTime, c.received),
    resolutionRate: rate(c.resolved, c.received),
    satisfactionRate: rate(c.satisfied + c.basic, c.rated),
    autoRoutedRate: rate(c.routedAuto, c.received),
    avgHandleHours: c.resolved > 0 ? Math.round(c.handleSeconds / c.resolved / 36) / 100 : null,
  };
}

// ── Duplicates ──
/** Requests of the same category within this distance and time are flagged as possible duplicates. */
export const DUPLICATE_METERS = 150;
export const DUPLICATE_HOURS = 72;

/** Great-circle distance in metres (haversine; plenty for a few hundred metres). */
export function distanceMeters(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const R = 6371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/**
 * A radius in degrees (lon/lat treated as a plane) that holds every point within `meters`
 * of `p`: a degree of longitude is the shorter one, so its length sets the radius.
 */
export function degreesAround(p: { lon: number; lat: number }, meters: number): number {
  return meters / (111_320 * Math.max(Math.cos((p.lat * Math.PI) / 180), 0.01));
}

// ── Routing ──
export interface RouteRule { orgPath: string; categoryDepth: number; handlerOrgId: number }

/**
 * The rule for a request at `requestPath` of a category at `categoryDepth` in its chain
 * (0 = the category itself, 1 = its parent …): the most specific area wins, then the most
 * specific category. `rules` hold only rules whose area contains the request and whose
 * category is in the chain.
 */
export function pickRoute(rules: readonly RouteRule[]): RouteRule | null {
  let best: RouteRule | null = null;
  for (const r of rules) {
    if (!best || r.orgPath.length > best.orgPath.length || (r.orgPath.length === best.orgPath.length && r.categoryDepth < best.categoryDepth)) best = r;
  }
  return best;
}
