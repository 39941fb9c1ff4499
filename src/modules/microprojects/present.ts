import type { Actor } from '../../core/context.js';
import type { MicroMilestoneTable, MicroPhotoTable, MicroRatingTable, MicroSpendingTable } from '../../db/schema-microprojects.js';
import type { Selectable } from 'kysely';
import * as policy from './policy.js';
import type { BudgetView, ProjectView, ProposalView, RoundView } from './repo.js';
import type { CommentView } from './repo-impl.js';
import { averageScore, selectWinners } from './rules.js';

/** Records as the API shows them, with what the viewer may do. */
export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Residents see another resident's name masked (张*); staff and the person themselves see it whole. */
const nameFor = (a: Actor, orgPath: string, name: string, own: boolean) =>
  (own || policy.canReadAt(a, orgPath) ? name : `${[...name][0] ?? ''}*`);

export function presentBudget(a: Actor, b: BudgetView) {
  const leftoverFen = b.amount_fen - b.allocated_fen;
  return {
    id: b.id, orgId: b.org_id, orgName: b.org_name, year: b.year, amountFen: b.amount_fen, allocatedFen: b.allocated_fen, leftoverFen,
    spentFen: Number(b.spent_fen), note: b.note, openRoundId: b.open_round_id, proposalCount: b.proposal_count, approvedCount: b.approved_count,
    createdAt: iso(b.created_at)!, actions: policy.budgetActions(a, { orgPath: b.org_path, hasOpenRound: b.open_round_id !== null, leftoverFen }),
  };
}

export function presentProposal(a: Actor, p: ProposalView) {
  const mine = p.proposer_id !== null && p.proposer_id === a.userId;
  const t = { orgPath: p.org_path, proposerId: p.proposer_id, status: p.status };
  return {
    id: p.id, budgetId: p.budget_id, year: p.year, orgId: p.org_id, orgName: p.org_name, proposerName: nameFor(a, p.org_path, p.proposer_name, mine), mine,
    title: p.title, description: p.description, costFen: p.cost_fen, location: p.location, photoIds: p.photo_ids, status: p.status,
    // The reason of a rejection or a request for changes is for the proposer and staff.
    reviewNote: mine || policy.canReadAt(a, p.org_path) ? p.review_note : null,
    reviewedAt: iso(p.reviewed_at), roundId: p.round_id, votes: p.votes, projectId: p.project_id,
    createdAt: iso(p.created_at)!, updatedAt: iso(p.updated_at)!, actions: policy.proposalActions(a, t),
  };
}

export interface RoundProposal { id: number; title: string; cost_fen: number; votes: number | null; status: string }
export function presentRound(a: Actor, r: RoundView, proposals: RoundProposal[]) {
  const closed = r.status === 'closed';
  // The ranking is recomputed from the stored counts with the same rule that chose the winners.
  const sel = closed ? selectWinners(proposals.map((p) => ({ id: p.id, costFen: p.cost_fen, votes: p.votes ?? 0 })), r.available_fen) : null;
  const rank = new Map(sel?.ranking.map((x) => [x.id, x]) ?? []);
  const results = (sel ? sel.ranking.map((x) => proposals.find((p) => p.id === x.id)!) : proposals).map((p) => {
    const x = rank.get(p.id);
    return { proposalId: p.id, title: p.title, costFen: p.cost_fen, votes: closed ? p.votes : null, rank: x?.rank ?? null, chosen: x?.chosen ?? false, reason: x?.reason ?? null };
  });
  return {
    id: r.id, budgetId: r.budget_id, year: r.year, orgId: r.org_id, orgName: r.org_name, title: r.title, electorate: r.electorate, voteId: r.vote_id,
    status: r.status, availableFen: r.available_fen, allocatedFen: r.allocated_fen, leftoverFen: r.allocated_fen === null ? null : r.available_fen - r.allocated_fen,
    eligible: r.eligible, cast: r.cast_count, openedAt: iso(r.opened_at)!, closesAt: iso(r.closes_at), closedAt: iso(r.closed_at), results,
    actions: policy.roundActions(a, { orgPath: r.org_path, status: r.status }),
  };
}

export const photoUrl = (attachmentId: number) => `/api/v1/micro-photos/${attachmentId}`;

export function presentProjectSummary(a: Actor, j: ProjectView, rated = false) {
  return {
    id: j.id, proposalId: j.proposal_id, budgetId: j.budget_id, roundId: j.round_id, year: j.year, orgId: j.org_id, orgName: j.org_name, title: j.title,
    costFen: j.cost_fen, spentFen: j.spent_fen, votes: j.votes, status: j.status, completedAt: iso(j.completed_at),
    milestonesDone: j.milestones_done, milestonesTotal: j.milestones_total, ratingCount: j.rating_count, ratingAverage: averageScore(j.rating_sum, j.rating_count),
    createdAt: iso(j.created_at)!, actions: policy.projectActions(a, { orgPath: j.org_path, status: j.status }, rated),
  };
}

export function presentComment(a: Actor, c: CommentView) {
  const mine = c.author_id === a.userId;
  return {
    id: c.id, projectId: c.project_id, projectTitle: c.project_title, authorName: nameFor(a, c.org_path, c.author_name, mine), mine, body: c.body,
    reply: c.reply, repliedAt: iso(c.replied_at), createdAt: iso(c.created_at)!,
  };
}

export const presentMilestone = (m: Selectable<MicroMilestoneTable>) => ({ id: m.id, title: m.title, plannedOn: m.planned_on, doneOn: m.done_on, note: m.note, createdAt: iso(m.created_at)! });
export const presentSpending = (s: Selectable<MicroSpendingTable>) => ({ id: s.id, projectId: s.project_id, amountFen: s.amount_fen, spentOn: s.spent_on, payee: s.payee, note: s.note, createdAt: iso(s.created_at)! });
export const presentPhoto = (p: Selectable<MicroPhotoTable>) => ({ id: p.id, attachmentId: p.attachment_id, url: photoUrl(p.attachment_id), caption: p.caption, createdAt: iso(p.created_at)! });
export const presentRating = (a: Actor, r: Selectable<MicroRatingTable>) => ({ id: r.id, score: r.score, comment: r.comment, mine: r.user_id === a.userId, createdAt: iso(r.created_at)! });
