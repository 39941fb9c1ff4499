import type { Actor } from '../../core/context.js';
import * as policy from './policy.js';
import { rank } from './rules.js';
import type { VoteRow } from './repo.js';

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
export const turnoutPermille = (cast: number, eligible: number) => (eligible > 0 ? Number((BigInt(cast) * 1000n) / BigInt(eligible)) : 0);

export function resultOf(v: VoteRow, options: { key: string }[]) {
  if (v.status !== 'closed' && v.status !== 'published') return null;
  const counts = v.counts ?? {};
  const eligible = v.eligible ?? 0;
  const cast = v.cast_count ?? 0;
  return {
    eligible, cast, turnoutPermille: turnoutPermille(cast, eligible), quorumMet: v.quorum_met ?? false, passed: v.passed,
    counts, ranking: rank(options.map((o) => o.key), counts), digest: v.ballots_digest,
  };
}

export function presentVote(a: Actor, v: VoteRow, options: { key: string; label: string }[], mine: policy.MyPlace | null) {
  const t = { orgPath: v.org_path, status: v.status, ruleLocked: v.rule_locked_at !== null, closesAt: v.closes_at };
  return {
    id: v.id, orgId: v.org_id, orgName: v.org_name, title: v.title, description: v.description,
    subject: v.subject_type ? { type: v.subject_type, id: v.subject_id! } : null,
    electorate: { kind: v.electorate_kind, bodyId: v.electorate_body_id, orgId: v.electorate_org_id, estateId: v.electorate_estate_id, buildingId: v.electorate_building_id },
    method: v.method, options: options.map((o) => ({ key: o.key, label: o.label })), minChoices: v.min_choices, maxChoices: v.max_choices, secret: v.secret,
    quorum: { num: v.quorum_num, den: v.quorum_den }, threshold: { num: v.threshold_num, den: v.threshold_den, of: v.threshold_of },
    closesAt: iso(v.closes_at), status: v.status, eligible: v.eligible, participation: v.participation,
    ruleLockedAt: iso(v.rule_locked_at), openedAt: iso(v.opened_at), closedAt: iso(v.closed_at), publishedAt: iso(v.published_at), createdAt: iso(v.created_at)!,
    result: policy.seesResult(a, t) ? resultOf(v, options) : null,
    mine, actions: policy.voteActions(a, t, mine),
  };
}
