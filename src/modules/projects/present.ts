import type { Actor } from '../../core/context.js';
import { maskName } from '../../core/crypto.js';
import type { ProjectRow } from '../../db/schema-projects.js';
import * as policy from './policy.js';
import type { FundView } from './repo.js';
import type { TrancheView } from './repo-records.js';
import { lineRoom, meanScore, rankBids, trancheRoom } from './rules.js';

/** Records as the API shows them, with what the viewer may do. Money stays in fen. */
export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type LineRow = { id: number; fund_id: number; name: string; amount: number; committed: number; paid: number; project_count: number };

export function presentFund(a: Actor, f: FundView, lines: LineRow[]) {
  const manage = policy.canReviewAt(a, f.org_path);
  return {
    id: f.id, orgId: f.org_id, orgName: f.org_name, year: f.year, kind: f.kind, name: f.name,
    amount: f.amount, allocated: f.allocated, unallocated: f.amount - f.allocated, committed: Number(f.committed), paid: Number(f.paid),
    remaining: f.amount - Number(f.committed),
    lines: lines.filter((l) => l.fund_id === f.id).map((l) => ({
      id: l.id, fundId: l.fund_id, name: l.name, amount: l.amount, committed: l.committed, paid: l.paid, remaining: lineRoom(l), projectCount: l.project_count,
    })),
    actions: manage ? ['edit', 'addLine'] : [],
  };
}

export type ProjectLike = ProjectRow & { org_name: string };

export function presentSummary(a: Actor, p: ProjectLike, r: policy.Relation) {
  return {
    id: p.id, orgId: p.org_id, orgName: p.org_name, kind: p.kind, title: p.title, status: p.status,
    requestedAmount: p.requested_amount, approvedAmount: p.approved_amount, paidAmount: p.paid_amount, releasedAmount: p.released_amount,
    awardeeKind: p.awardee_kind, awardeeName: p.awardee_name, beneficiariesTarget: p.beneficiaries_target, servedCount: p.served_count,
    periodStart: p.period_start, periodEnd: p.period_end, submittedAt: iso(p.submitted_at), createdAt: iso(p.created_at)!,
    actions: policy.projectActions(a, { orgPath: p.org_path, status: p.status }, r),
  };
}

export function presentTranche(a: Actor, t: TrancheView, r: policy.Relation = policy.NO_RELATION) {
  const actions: string[] = [];
  if (policy.canReviewAt(a, t.org_path) && ['implementing', 'accepted'].includes(t.project_status)) {
    if (t.status === 'requested') actions.push('approve', 'reject');
    if (t.status === 'approved') actions.push('pay', 'reject');
  }
  void r;
  return {
    id: t.id, projectId: t.project_id, projectTitle: t.project_title, seq: t.seq, amount: t.amount, purpose: t.purpose, evidence: t.evidence, status: t.status,
    requestedBy: t.requested_name, requestedAt: iso(t.requested_at)!, approvedBy: t.approved_name, approvedAt: iso(t.approved_at),
    paidBy: t.paid_name, paidAt: iso(t.paid_at), paymentRef: t.payment_ref, rejectedBy: t.rejected_name, rejectedAt: iso(t.rejected_at), rejectReason: t.reject_reason,
    actions,
  };
}

export interface Timeline {
  bids: { id: number; social_org_id: number; social_org_name: string; price: number; plan: string; status: string; submitted_at: Date; score_count: number; score_sum: number }[];
  myScores: Map<number, number[]>;
  milestones: { id: number; title: string; due_on: string; done_at: Date | null; done_note: string | null }[];
  activities: { id: number; held_on: string; title: string; participants: number; note: string }[];
  beneficiaries: { id: number; served_on: string; count: number; note: string; resident_name: string | null }[];
  tranches: TrancheView[];
  supervision: { id: number; kind: string; body: string; rating: number | null; author_name: string; author_role: string; reply: string | null; replied_at: Date | null; created_at: Date }[];
  pending: number;
  /** The viewer's own social organizations (their bids are shown to them). */
  ownOrgIds: number[];
}

export function presentProject(a: Actor, p: ProjectLike & { line_name: string | null; fund_id: number | null; fund_name: string | null }, r: policy.Relation, tl: Timeline) {
  const all = policy.seesAll(a, { orgPath: p.org_path });
  const ranked = rankBids(tl.bids.map((b) => ({ ...b, price: b.price, scoreSum: Number(b.score_sum), scoreCount: b.score_count, submittedAt: new Date(b.submitted_at).getTime() })));
  const rankOf = new Map(ranked.filter((b) => b.scoreCount > 0).map((b, i) => [b.id, i + 1]));
  // Other organizations' bids are staff business; an implementer sees its own organization's, a resident none.
  const visibleBids = all ? tl.bids : tl.bids.filter((b) => tl.ownOrgIds.includes(b.social_org_id));
  return {
    ...presentSummary(a, p, r),
    need: p.need, linkedNeeds: p.linked_needs, budgetItems: p.budget_items,
    reviewNote: all ? p.review_note : null, reviewedAt: iso(p.reviewed_at), lineId: p.line_id, lineName: p.line_name, fundId: p.fund_id, fundName: p.fund_name,
    awardMode: p.award_mode, bidDeadline: iso(p.bid_deadline), criteria: p.criteria, awardedAt: iso(p.awarded_at),
    trancheRoom: trancheRoom({ approved: p.approved_amount - p.released_amount, paid: p.paid_amount, pending: tl.pending }),
    acceptanceResult: p.acceptance_result, acceptanceScore: p.acceptance_score === null ? null : Number(p.acceptance_score), acceptanceNote: p.acceptance_note,
    acceptedAt: iso(p.accepted_at), closureNote: p.closure_note, closedAt: iso(p.closed_at),
    bids: visibleBids.map((b) => ({
      id: b.id, socialOrgId: b.social_org_id, socialOrgName: b.social_org_name, price: b.price, plan: b.plan, status: b.status, submittedAt: iso(b.submitted_at)!,
      scoreCount: b.score_count, meanScore: meanScore(Number(b.score_sum), b.score_count), rank: rankOf.get(b.id) ?? null, myScores: tl.myScores.get(b.id) ?? null,
    })),
    milestones: tl.milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.due_on, doneAt: iso(m.done_at), doneNote: m.done_note })),
    activities: tl.activities.map((x) => ({ id: x.id, heldOn: x.held_on, title: x.title, participants: x.participants, note: x.note })),
    beneficiaries: tl.beneficiaries.map((b) => ({ id: b.id, servedOn: b.served_on, count: b.count, residentNameMasked: b.resident_name ? maskName(b.resident_name) : null, note: all ? b.note : '' })),
    tranches: tl.tranches.map((t) => presentTranche(a, t, r)),
    supervision: tl.supervision.map((s) => ({
      id: s.id, kind: s.kind, body: s.body, rating: s.rating, authorName: all ? s.author_name : maskName(s.author_name), authorRole: s.author_role,
      reply: s.reply, repliedAt: iso(s.replied_at), createdAt: iso(s.created_at)!,
    })),
  };
}
