import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Closing a campaign, set-based: four statements whatever the number of evaluatees,
 * dimensions and households (the benchmark closes 200 units × 6 dimensions × 100 households).
 * The arithmetic is rules.ts `finalScore` written in SQL numeric, exactly:
 *   final = div(200·num + den, 2·den) / 100  with
 *   num = ws·S_s·N'_p·N'_r + wp·S_p·N'_s·N'_r + wr·S_r·N'_s·N'_p,  den = (ws+wp+wr)·N'_s·N'_p·N'_r
 * where a component without scores has weight 0 and N' = 1 (its weight is redistributed).
 */
const mean = (s: string, n: string) => `CASE WHEN ${n} > 0 THEN div(200 * ${s} + ${n}, 2 * ${n}) / 100.0 END`;
const final = (ss: string, sn: string, ps: string, pn: string, rs: string, rn: string) => {
  const ws = `(CASE WHEN ${sn} > 0 THEN c.weight_self ELSE 0 END)::numeric`;
  const wp = `(CASE WHEN ${pn} > 0 THEN c.weight_peer ELSE 0 END)::numeric`;
  const wr = `(CASE WHEN ${rn} > 0 THEN c.weight_resident ELSE 0 END)::numeric`;
  const n1 = (n: string) => `greatest(${n}, 1)::numeric`;
  const num = `(${ws} * ${ss} * ${n1(pn)} * ${n1(rn)} + ${wp} * ${ps} * ${n1(sn)} * ${n1(rn)} + ${wr} * ${rs} * ${n1(sn)} * ${n1(pn)})`;
  const den = `((${ws} + ${wp} + ${wr}) * ${n1(sn)} * ${n1(pn)} * ${n1(rn)})`;
  return `CASE WHEN ${ws} + ${wp} + ${wr} > 0 THEN div(200 * ${num} + ${den}, 2 * ${den}) / 100.0 END`;
};

export async function computeResults(trx: Transaction<DB>, campaignId: number, today: string) {
  await sql`DELETE FROM eval_result WHERE campaign_id = ${campaignId}`.execute(trx);
  // One statement: the tallies per evaluatee and dimension are gathered once (x), stored per
  // dimension, and summed per evaluatee for the overall score. Every sheet and every answer
  // covers all dimensions, so the pooled mean is the mean of the dimensions' means, and the
  // number of peers (households) is the count on any one dimension.
  await sql`
    WITH s AS (
      SELECT target_id, dimension_id,
        coalesce(sum(score) FILTER (WHERE rater_id = target_id), 0) AS ss, count(*) FILTER (WHERE rater_id = target_id) AS sn,
        coalesce(sum(score) FILTER (WHERE rater_id <> target_id), 0) AS ps, count(*) FILTER (WHERE rater_id <> target_id) AS pn
      FROM eval_score WHERE campaign_id = ${campaignId} GROUP BY target_id, dimension_id),
    r AS (SELECT evaluatee_id, dimension_id, sum(score) AS rs, count(*) AS rn FROM eval_answer WHERE campaign_id = ${campaignId} GROUP BY evaluatee_id, dimension_id),
    x AS MATERIALIZED (
      SELECT e.id AS evaluatee_id, d.id AS dimension_id, coalesce(s.ss, 0) AS ss, coalesce(s.sn, 0) AS sn, coalesce(s.ps, 0) AS ps, coalesce(s.pn, 0) AS pn,
        coalesce(r.rs, 0) AS rs, coalesce(r.rn, 0) AS rn
      FROM eval_evaluatee e JOIN eval_dimension d ON d.campaign_id = e.campaign_id
      LEFT JOIN s ON s.target_id = e.id AND s.dimension_id = d.id
      LEFT JOIN r ON r.evaluatee_id = e.id AND r.dimension_id = d.id
      WHERE e.campaign_id = ${campaignId}),
    ins AS (
      INSERT INTO eval_result (evaluatee_id, dimension_id, campaign_id, org_id, org_path, self_score, peer_score, resident_score, final_score)
      SELECT x.evaluatee_id, x.dimension_id, c.id, c.org_id, c.org_path, ${sql.raw(mean('x.ss', 'x.sn'))}, ${sql.raw(mean('x.ps', 'x.pn'))}, ${sql.raw(mean('x.rs', 'x.rn'))},
        ${sql.raw(final('x.ss', 'x.sn', 'x.ps', 'x.pn', 'x.rs', 'x.rn'))}
      FROM x JOIN eval_campaign c ON c.id = ${campaignId}),
    t AS (
      SELECT evaluatee_id AS id, sum(ss) AS ss, sum(sn) AS sn, sum(ps) AS ps, sum(pn) AS pn, sum(rs) AS rs, sum(rn) AS rn, max(pn) AS peers, max(rn) AS households
      FROM x GROUP BY evaluatee_id)
    UPDATE eval_evaluatee e SET
      self_score = ${sql.raw(mean('t.ss', 't.sn'))}, peer_score = ${sql.raw(mean('t.ps', 't.pn'))}, resident_score = ${sql.raw(mean('t.rs', 't.rn'))},
      final_score = ${sql.raw(final('t.ss', 't.sn', 't.ps', 't.pn', 't.rs', 't.rn'))}, peer_count = t.peers, response_count = t.households
    FROM t, eval_campaign c WHERE c.id = ${campaignId} AND e.id = t.id`.execute(trx);
  // Ranking (ties share a rank: 1, 1, 3), pass mark, certificates for rank ≤ best N among those who passed.
  await sql`
    WITH k AS (SELECT id, rank() OVER (ORDER BY final_score DESC) AS rk FROM eval_evaluatee WHERE campaign_id = ${campaignId} AND final_score IS NOT NULL)
    UPDATE eval_evaluatee e SET rank = k.rk, passed = e.final_score >= c.pass_mark, certified = (k.rk <= c.best_n AND e.final_score >= c.pass_mark)
    FROM eval_campaign c, k WHERE c.id = ${campaignId} AND e.campaign_id = c.id AND k.id = e.id`.execute(trx);
  // 整改 for every rated evaluatee below the pass mark.
  const rect = await sql<{ n: number }>`
    WITH ins AS (
      INSERT INTO eval_rectification (campaign_id, evaluatee_id, org_id, org_path, deadline)
      SELECT c.id, e.id, c.org_id, c.org_path, ${today}::date + c.rectify_days
      FROM eval_evaluatee e JOIN eval_campaign c ON c.id = e.campaign_id
      WHERE e.campaign_id = ${campaignId} AND e.passed = false
      ON CONFLICT (evaluatee_id) DO NOTHING RETURNING 1)
    SELECT count(*)::int AS n FROM ins`.execute(trx);
  return { rectifications: rect.rows[0]?.n ?? 0 };
}
