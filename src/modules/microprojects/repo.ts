import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { ProjectStatus, ProposalStatus, RoundStatus } from '../../db/schema-microprojects.js';
import type { Actor } from '../../core/context.js';
import { inScope, scopePattern } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';
import { PUBLIC_PROPOSAL } from './policy.js';

/** Budgets, proposals, rounds and their reads. Data scope is applied here, in every read. */
export type Q = Database | Transaction<DB>;

for (const [table, zh, en] of [
  ['micro_budget', '微实事预算', 'micro-project budgets'], ['micro_round', '微实事投票轮次', 'micro-project rounds'],
  ['micro_proposal', '微实事申报', 'micro-project proposals'], ['micro_project', '微实事项目', 'micro-projects'],
  ['micro_milestone', '微实事节点', 'micro-project milestones'], ['micro_spending', '微实事资金使用', 'micro-project spending'],
  ['micro_photo', '微实事照片', 'micro-project photos'], ['micro_comment', '微实事监督意见', 'micro-project comments'],
  ['micro_rating', '微实事评价', 'micro-project ratings'],
] as const) registerOrgDependent({ table, orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh, en } });

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Staff see their subtree; a resident sees the records of the community they live in
 * (their own path starts with the record's community path).
 */
export function visible(actor: Actor, staff: boolean, pathColumn: string): Expression<SqlBool> {
  if (staff) return inScope(actor, pathColumn);
  return sql<SqlBool>`${actor.orgPath} LIKE ${sql.ref(pathColumn)} || '%'`;
}

export async function orgById(db: Q, id: number) {
  return db.selectFrom('org').select(['id', 'level', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

/** The community on a path (the org itself, or the community above a grid). */
export async function communityOn(db: Q, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number);
  return db.selectFrom('org').select(['id', 'path', 'name']).where('id', 'in', ids).where('level', '=', 'community').executeTakeFirst();
}

// ── Budgets ──
const budgetCols = (db: Q) => db.selectFrom('micro_budget as b').innerJoin('org as o', 'o.id', 'b.org_id')
  .select(['b.id', 'b.org_id', 'b.org_path', 'o.name as org_name', 'b.year', 'b.amount_fen', 'b.allocated_fen', 'b.note', 'b.created_at'])
  .select(sql<number | null>`(SELECT r.id FROM micro_round r WHERE r.budget_id = b.id AND r.status = 'voting')`.as('open_round_id'))
  .select(sql<number>`(SELECT coalesce(sum(p.spent_fen), 0) FROM micro_project p WHERE p.budget_id = b.id)`.as('spent_fen'))
  .select(sql<number>`(SELECT count(*)::int FROM micro_proposal p WHERE p.budget_id = b.id)`.as('proposal_count'))
  .select(sql<number>`(SELECT count(*)::int FROM micro_proposal p WHERE p.budget_id = b.id AND p.status = 'approved')`.as('approved_count'));
export type BudgetView = NonNullable<Awaited<ReturnType<typeof budgetById>>>;

export const budgetById = (db: Q, id: number) => budgetCols(db).where('b.id', '=', id).executeTakeFirst();
/** Locks the budget row: rounds opening and closing, and amount changes, queue here. */
export const lockBudget = (trx: Transaction<DB>, id: number) =>
  trx.selectFrom('micro_budget').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export interface BudgetFilter { orgId?: number; year?: number }
function budgetQuery(db: Q, actor: Actor, staff: boolean, f: BudgetFilter, under: string | null) {
  let qb = budgetCols(db).where(visible(actor, staff, 'b.org_path'));
  if (under) qb = qb.where('b.org_path', 'like', scopePattern(under));
  if (f.year) qb = qb.where('b.year', '=', f.year);
  return qb;
}
export async function listBudgets(db: Q, actor: Actor, staff: boolean, f: BudgetFilter, under: string | null, page: PageQuery) {
  return budgetQuery(db, actor, staff, f, under).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('b.year', 'desc').orderBy('b.org_path').orderBy('b.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countBudgets(db: Q, actor: Actor, staff: boolean, f: BudgetFilter, under: string | null) {
  const r = await db.selectFrom(budgetQuery(db, actor, staff, f, under).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

export async function budgetBatch(db: Q, actor: Actor, f: BudgetFilter, under: string | null, afterId: number, limit: number) {
  return budgetQuery(db, actor, true, f, under).where('b.id', '>', afterId).orderBy('b.id').limit(limit).execute();
}

// ── Proposals ──
const proposalCols = (db: Q) => db.selectFrom('micro_proposal as p').innerJoin('org as o', 'o.id', 'p.org_id').innerJoin('micro_budget as b', 'b.id', 'p.budget_id')
  .leftJoin('micro_project as mp', 'mp.proposal_id', 'p.id')
  .select(['p.id', 'p.budget_id', 'b.year', 'p.org_id', 'p.org_path', 'o.name as org_name', 'p.proposer_id', 'p.proposer_name', 'p.title', 'p.description',
    'p.cost_fen', 'p.location', 'p.photo_ids', 'p.status', 'p.review_note', 'p.reviewed_at', 'p.round_id', 'p.votes', 'mp.id as project_id', 'p.created_at', 'p.updated_at']);
export type ProposalView = NonNullable<Awaited<ReturnType<typeof proposalById>>>;

export const proposalById = (db: Q, id: number) => proposalCols(db).where('p.id', '=', id).executeTakeFirst();
export const lockProposal = (trx: Transaction<DB>, id: number) =>
  trx.selectFrom('micro_proposal').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export interface ProposalFilter { budgetId?: number; roundId?: number; orgId?: number; status?: ProposalStatus; q?: string; mine?: boolean }
function proposalQuery(db: Q, actor: Actor, staff: boolean, f: ProposalFilter, under: string | null) {
  let qb = proposalCols(db).where(visible(actor, staff, 'p.org_path'));
  // A resident sees their own proposals and the community's reviewed-in ones.
  if (!staff) qb = qb.where((eb) => eb.or([eb('p.proposer_id', '=', actor.userId), eb('p.status', 'in', [...PUBLIC_PROPOSAL])]));
  if (f.mine) qb = qb.where('p.proposer_id', '=', actor.userId);
  if (under) qb = qb.where('p.org_path', 'like', scopePattern(under));
  if (f.budgetId) qb = qb.where('p.budget_id', '=', f.budgetId);
  if (f.roundId) qb = qb.where('p.round_id', '=', f.roundId);
  if (f.status) qb = qb.where('p.status', '=', f.status);
  if (f.q?.trim()) {
    const like = `%${escapeLike(f.q.trim())}%`;
    qb = qb.where((eb) => eb.or([eb('p.title', 'ilike', like), eb('p.proposer_name', 'ilike', like), eb('p.location', 'ilike', like)]));
  }
  return qb;
}
export async function listProposals(db: Q, actor: Actor, staff: boolean, f: ProposalFilter, under: string | null, page: PageQuery) {
  return proposalQuery(db, actor, staff, f, under).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('p.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countProposals(db: Q, actor: Actor, staff: boolean, f: ProposalFilter, under: string | null) {
  const r = await db.selectFrom(proposalQuery(db, actor, staff, f, under).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}
export async function proposalBatch(db: Q, actor: Actor, f: ProposalFilter, under: string | null, afterId: number, limit: number) {
  return proposalQuery(db, actor, true, f, under).where('p.id', '>', afterId).orderBy('p.id').limit(limit).execute();
}

// ── Rounds ──
const roundCols = (db: Q) => db.selectFrom('micro_round as r').innerJoin('org as o', 'o.id', 'r.org_id').innerJoin('micro_budget as b', 'b.id', 'r.budget_id')
  .select(['r.id', 'r.budget_id', 'b.year', 'r.org_id', 'r.org_path', 'o.name as org_name', 'r.title', 'r.electorate', 'r.vote_id', 'r.status',
    'r.available_fen', 'r.allocated_fen', 'r.eligible', 'r.cast_count', 'r.opened_at', 'r.closes_at', 'r.closed_at']);
export type RoundView = NonNullable<Awaited<ReturnType<typeof roundById>>>;

export const roundById = (db: Q, id: number) => roundCols(db).where('r.id', '=', id).executeTakeFirst();
export const lockRound = (trx: Transaction<DB>, id: number) =>
  trx.selectFrom('micro_round').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export interface RoundFilter { budgetId?: number; orgId?: number; status?: RoundStatus }
function roundQuery(db: Q, actor: Actor, staff: boolean, f: RoundFilter, under: string | null) {
  let qb = roundCols(db).where(visible(actor, staff, 'r.org_path'));
  if (under) qb = qb.where('r.org_path', 'like', scopePattern(under));
  if (f.budgetId) qb = qb.where('r.budget_id', '=', f.budgetId);
  if (f.status) qb = qb.where('r.status', '=', f.status);
  return qb;
}
export async function listRounds(db: Q, actor: Actor, staff: boolean, f: RoundFilter, under: string | null, page: PageQuery) {
  return roundQuery(db, actor, staff, f, under).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('r.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countRounds(db: Q, actor: Actor, staff: boolean, f: RoundFilter, under: string | null) {
  const r = await db.selectFrom(roundQuery(db, actor, staff, f, under).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}
export const roundProposals = (db: Q, roundId: number) =>
  db.selectFrom('micro_proposal').select(['id', 'title', 'cost_fen', 'votes', 'status']).where('round_id', '=', roundId).orderBy('id').execute();

// ── Projects ──
const projectCols = (db: Q) => db.selectFrom('micro_project as j').innerJoin('org as o', 'o.id', 'j.org_id').innerJoin('micro_budget as b', 'b.id', 'j.budget_id')
  .select(['j.id', 'j.proposal_id', 'j.budget_id', 'j.round_id', 'b.year', 'j.org_id', 'j.org_path', 'o.name as org_name', 'j.title', 'j.cost_fen', 'j.spent_fen',
    'j.votes', 'j.status', 'j.completed_at', 'j.completion_note', 'j.created_at'])
  .select(sql<number>`(SELECT count(*)::int FROM micro_milestone m WHERE m.project_id = j.id AND m.done_on IS NOT NULL)`.as('milestones_done'))
  .select(sql<number>`(SELECT count(*)::int FROM micro_milestone m WHERE m.project_id = j.id)`.as('milestones_total'))
  .select(sql<number>`(SELECT count(*)::int FROM micro_rating x WHERE x.project_id = j.id)`.as('rating_count'))
  .select(sql<number>`(SELECT coalesce(sum(x.score), 0)::int FROM micro_rating x WHERE x.project_id = j.id)`.as('rating_sum'));
export type ProjectView = NonNullable<Awaited<ReturnType<typeof projectById>>>;

export const projectById = (db: Q, id: number) => projectCols(db).where('j.id', '=', id).executeTakeFirst();
/** Locks the project row: spending, milestones, photos and completion of one project queue here. */
export const lockProject = (trx: Transaction<DB>, id: number) =>
  trx.selectFrom('micro_project').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export interface ProjectFilter { budgetId?: number; orgId?: number; status?: ProjectStatus; q?: string }
function projectQuery(db: Q, actor: Actor, staff: boolean, f: ProjectFilter, under: string | null) {
  let qb = projectCols(db).where(visible(actor, staff, 'j.org_path'));
  if (under) qb = qb.where('j.org_path', 'like', scopePattern(under));
  if (f.budgetId) qb = qb.where('j.budget_id', '=', f.budgetId);
  if (f.status) qb = qb.where('j.status', '=', f.status);
  if (f.q?.trim()) qb = qb.where('j.title', 'ilike', `%${escapeLike(f.q.trim())}%`);
  return qb;
}
export async function listProjects(db: Q, actor: Actor, staff: boolean, f: ProjectFilter, under: string | null, page: PageQuery) {
  return projectQuery(db, actor, staff, f, under).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('j.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countProjects(db: Q, actor: Actor, staff: boolean, f: ProjectFilter, under: string | null) {
  const r = await db.selectFrom(projectQuery(db, actor, staff, f, under).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

export async function projectBatch(db: Q, actor: Actor, f: ProjectFilter, under: string | null, afterId: number, limit: number) {
  return projectQuery(db, actor, true, f, under).where('j.id', '>', afterId).orderBy('j.id').limit(limit).execute();
}

/** Every row of a keyset-batched query, batch by batch. */
export async function* batches<T extends { id: number }>(next: (afterId: number) => Promise<T[]>, size = 1000): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const rows = await next(after);
    yield* rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1].id;
  }
}
