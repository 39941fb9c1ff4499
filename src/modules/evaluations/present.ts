import type { Actor } from '../../core/context.js';
import * as policy from './policy.js';
import type { CampaignRow, EvaluateeRow } from './repo.js';

/** API shapes of campaign and evaluatee rows (camelCase, ISO times, the viewer's actions). */
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentCampaign(a: Actor, c: CampaignRow) {
  return {
    id: c.id, orgId: c.org_id, orgName: c.org_name, title: c.title, periodStart: c.period_start, periodEnd: c.period_end, status: c.status,
    weights: { self: c.weight_self, peer: c.weight_peer, resident: c.weight_resident }, passMark: Number(c.pass_mark), bestN: c.best_n,
    sampleSize: c.sample_size, seed: c.seed, rectifyDays: c.rectify_days, evaluateeCount: c.evaluatee_count,
    createdAt: iso(c.created_at)!, openedAt: iso(c.opened_at), closedAt: iso(c.closed_at), publishedAt: iso(c.published_at),
    actions: policy.campaignActions(a, { orgPath: c.org_path, status: c.status }),
  };
}

export function presentEvaluatee(e: EvaluateeRow) {
  return {
    id: e.id, kind: e.kind, subjectId: e.subject_id, name: e.name, sampleOrgId: e.sample_org_id, sampleOrgName: e.sample_org_name,
    selfScore: e.self_score, peerScore: e.peer_score, residentScore: e.resident_score, finalScore: e.final_score,
    peerCount: e.peer_count, responseCount: e.response_count, rank: e.rank, passed: e.passed, certified: e.certified,
  };
}

export const chinaToday = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
