import type { AuthedCtx } from '../../core/context.js';
import type { ScoreSubject } from '../../db/schema-partners.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import type { PageQuery } from '../../core/schemas.js';
import * as repo from './repo-claims.js';
import * as policy from './policy.js';
import { computeScore, gradeOf, meanRating } from './rules.js';
import { orgField } from './common.js';

/**
 * 积分管理 + 考评: annual rankings of party members and partner units per community,
 * street or above. A page reads the kept score table (partner_score) by index; the
 * explicit recompute rebuilds a year's rows from claims, ratings and volunteer hours.
 */

export interface RankingQuery { year: number; subject: ScoreSubject; orgId?: number }

export async function rankingFilter(ctx: AuthedCtx, q: RankingQuery): Promise<repo.RankFilter> {
  if (!policy.canRead(ctx.actor)) throw errors.forbidden();
  const org = q.orgId ? await orgField(ctx, q.orgId, policy.RANKING_LEVELS) : null;
  return { year: q.year, kind: q.subject, orgPath: org?.path ?? ctx.actor.orgPath };
}

export function presentRank(kind: ScoreSubject, r: repo.RankRow, rank: number) {
  return {
    rank, subject: kind, subjectId: r.subject_id, name: r.name, orgId: r.org_id, orgName: r.org_name, hours: r.hours, claimsDone: r.claims_done,
    ratingCount: r.rating_count, meanRating: meanRating(r.rating_count, r.rating_sum), score: r.score, grade: gradeOf(r.score),
  };
}

/**
 * How many are ranked in a scope, kept per instance for a minute: counting a city's 100,000
 * rows is a scan of every one of them (~30–250 ms), while the page itself stops after its
 * rows. The number changes only when a member or unit is registered (or a year is
 * recomputed), which clears this instance's entries; another instance's count may lag by
 * up to a minute, which an annual ranking can bear.
 */
const COUNT_TTL_MS = 60_000;
const counts = new Map<string, { n: number; at: number }>();
export const forgetRankingCounts = () => counts.clear();

async function rankedCount(ctx: AuthedCtx, f: repo.RankFilter): Promise<number> {
  // The effective scope is the narrower of the actor's and the filter's (one contains the other).
  const path = f.orgPath.length > ctx.actor.orgPath.length ? f.orgPath : ctx.actor.orgPath;
  const key = `${f.year}:${f.kind}:${path}`;
  const hit = counts.get(key);
  if (hit && Date.now() - hit.at < COUNT_TTL_MS) return hit.n;
  const n = await repo.countRanking(ctx.deps.db, ctx.actor, f);
  if (counts.size > 1000) counts.clear();
  counts.set(key, { n, at: Date.now() });
  return n;
}

export async function ranking(ctx: AuthedCtx, q: RankingQuery, page: PageQuery) {
  const f = await rankingFilter(ctx, q);
  const offset = (page.page - 1) * page.pageSize;
  const [rows, total] = await Promise.all([
    repo.rankingPage(ctx.deps.db, ctx.actor, f, page.pageSize, offset),
    rankedCount(ctx, f),
  ]);
  return { items: rows.map((r, i) => presentRank(f.kind, r, offset + i + 1)), total };
}

const CHUNK = 1000;

/** Rebuilds the year's scores of every member and unit under the org (default: the actor's). */
export async function recompute(ctx: AuthedCtx, input: { year: number; orgId?: number }) {
  if (!policy.canAssess(ctx.actor)) throw errors.forbidden();
  const org = input.orgId ? await orgField(ctx, input.orgId, policy.RANKING_LEVELS) : null;
  const path = org?.path ?? ctx.actor.orgPath;
  return inTransaction(ctx, async (trx) => {
    const withHours = await repo.hasVolunteering(trx);
    const counts = { member: 0, unit: 0 };
    for (const kind of ['member', 'unit'] as const) {
      const rows = (await repo.scoreInputs(trx, kind, input.year, path, withHours)).map((r) => ({
        ...r, score: computeScore({ hours: r.hours, claimsDone: r.claims_done, ratingCount: r.rating_count, ratingSum: r.rating_sum }),
      }));
      for (let i = 0; i < rows.length; i += CHUNK) await repo.upsertScores(trx, input.year, kind, rows.slice(i, i + CHUNK));
      counts[kind] = rows.length;
    }
    forgetRankingCounts();
    await recordAudit(trx, ctx, {
      action: 'assessment.recompute', entityType: 'assessment', entityId: input.year, orgPath: path,
      detail: { year: input.year, members: counts.member, units: counts.unit, hours: withHours },
    });
    return { year: input.year, members: counts.member, units: counts.unit, hoursSource: withHours ? 'volunteering' as const : 'none' as const };
  });
}
