import type { ClaimStatus, NeedStatus } from '../../db/schema-partners.js';
import type { Msg } from '../../core/errors.js';

/**
 * Pure rules of the partners module: the assessment formula (积分管理 + 考评), grades, the
 * claim workflow and the need status that follows from its claims. No I/O here.
 */

// ── Assessment ──
/** Points per confirmed hour of volunteer service (read from the volunteering module's attendance). */
export const WEIGHT_HOUR = 2;
/** Points per claim completed (a need served or a post held to the end of its term). */
export const WEIGHT_CLAIM_DONE = 10;
/** Points per rating step above (or below) the neutral rating, per rated claim. */
export const WEIGHT_RATING_STEP = 5;
/** The neutral rating of the 1–5 scale: a 3 neither adds nor subtracts. */
export const NEUTRAL_RATING = 3;
/** Hours count up to this many per year, so one long activity cannot dominate the ranking. */
export const MAX_HOURS_PER_YEAR = 500;

export interface ScoreInputs { hours: number; claimsDone: number; ratingCount: number; ratingSum: number }

/**
 * score = 2 × min(hours, 500) + 10 × claims done + 5 × Σ(rating − 3), never below 0,
 * rounded to two decimals. Residents' feedback moves the score both ways: a 5 adds 10,
 * a 1 takes 10 away.
 */
export function computeScore(i: ScoreInputs): number {
  const hours = Math.min(Math.max(i.hours, 0), MAX_HOURS_PER_YEAR);
  const feedback = i.ratingSum - NEUTRAL_RATING * i.ratingCount;
  const raw = WEIGHT_HOUR * hours + WEIGHT_CLAIM_DONE * i.claimsDone + WEIGHT_RATING_STEP * feedback;
  return Math.round(Math.max(raw, 0) * 100) / 100;
}

export type Grade = 'excellent' | 'good' | 'pass' | 'fail';
/** Annual grade thresholds (考评等次): at least this score. */
export const GRADE_THRESHOLDS: readonly [Grade, number][] = [['excellent', 100], ['good', 60], ['pass', 20], ['fail', 0]];
export const GRADE_LABELS: Record<Grade, Msg> = {
  excellent: { zh: '优秀', en: 'excellent' }, good: { zh: '良好', en: 'good' }, pass: { zh: '合格', en: 'pass' }, fail: { zh: '不合格', en: 'fail' },
};

export function gradeOf(score: number): Grade {
  for (const [g, min] of GRADE_THRESHOLDS) if (score >= min) return g;
  return 'fail';
}

/** Mean rating with one decimal, or null when nobody rated. */
export function meanRating(count: number, sum: number): number | null {
  return count ? Math.round((sum / count) * 10) / 10 : null;
}

/** The assessment year of an instant: the calendar year in China time. */
export function chinaYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** Today's date in China time, YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

// ── Claims ──
export type ClaimAction = 'start' | 'complete' | 'withdraw';

const NEXT: Record<ClaimAction, { from: readonly ClaimStatus[]; to: ClaimStatus }> = {
  start: { from: ['claimed'], to: 'in_progress' },
  complete: { from: ['claimed', 'in_progress'], to: 'done' },
  withdraw: { from: ['claimed', 'in_progress'], to: 'withdrawn' },
};

/** The status a claim moves to, or null when the action does not apply to its status. */
export function nextClaimStatus(status: ClaimStatus, action: ClaimAction): ClaimStatus | null {
  const n = NEXT[action];
  return n.from.includes(status) ? n.to : null;
}

export const isLive = (s: ClaimStatus) => s === 'claimed' || s === 'in_progress';

/** Actions available on a claim in this status (before permission). */
export function claimActionsFor(status: ClaimStatus): ClaimAction[] {
  return (Object.keys(NEXT) as ClaimAction[]).filter((a) => NEXT[a].from.includes(status));
}

/**
 * A need's status after its live-claim count changes: full → claimed, room again → open.
 * Done and closed needs keep their status (a worker set it).
 */
export function needStatusAfter(status: NeedStatus, claimed: number, capacity: number): NeedStatus {
  if (status === 'done' || status === 'closed') return status;
  return claimed >= capacity ? 'claimed' : 'open';
}

/** Why a need or post cannot take another claim, or null. */
export function claimRefusal(t: { status: string; claimed: number; capacity: number; dueOn?: string | null }, today: string): Msg | null {
  if (t.status === 'done' || t.status === 'closed') return { zh: '该项已结束，不能认领', en: 'is finished and cannot be claimed' };
  if (t.claimed >= t.capacity) return { zh: '认领名额已满', en: 'has no places left' };
  if (t.dueOn && t.dueOn < today) return { zh: '已过截止日期', en: 'is past its due date' };
  return null;
}

/** Rating feedback is given once, on a completed claim. */
export function feedbackRefusal(c: { status: ClaimStatus; rating: number | null }): Msg | null {
  if (c.status !== 'done') return { zh: '只有已完成的认领才能评价', en: 'only a completed claim can be rated' };
  if (c.rating !== null) return { zh: '该认领已评价过', en: 'has already been rated' };
  return null;
}
