import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { ProjectKind, ProjectStatus } from '../../db/schema-projects.js';
import type { Actor } from '../../core/context.js';
import { inScope, scopePattern } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';

/** Funds, budget lines and projects. Data scope is applied here, in every read. */
export type Q = Database | Transaction<DB>;

for (const [table, zh, en] of [
  ['project_fund', '项目资金池', 'project funds'], ['project_budget_line', '预算科目', 'budget lines'], ['project', '项目', 'projects'],
  ['project_bid', '项目投标', 'project bids'], ['project_bid_score', '投标评分', 'bid scores'], ['project_milestone', '项目节点', 'project milestones'],
  ['project_activity', '项目活动', 'project activities'], ['project_beneficiary', '项目服务对象', 'project beneficiaries'],
  ['project_tranche', '拨付批次', 'project tranches'], ['project_supervision', '项目监督记录', 'project supervision records'],
] as const) registerOrgDependent({ table, orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh, en } });

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function orgById(db: Q, id: number) {
  return db.selectFrom('org').select(['id', 'level', 'name', 'path']).where('id', '=', id).executeTakeFirst();
}

/** The street on an org's path (the org itself when it is one). */
export async function streetOn(db: Q, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number);
  return db.selectFrom('org').select(['id', 'path']).where('id', 'in', ids).where('level', '=', 'street').executeTakeFirst();
}

// ── Funds and lines ──
const fundCols = (db: Q) => db.selectFrom('project_fund as f').innerJoin('org as o', 'o.id', 'f.org_id')
  .select(['f.id', 'f.org_id', 'f.org_path', 'o.name as org_name', 'f.year', 'f.kind', 'f.name', 'f.amount', 'f.allocated'])
  .select(sql<number>`(SELECT coalesce(sum(l.committed), 0) FROM project_budget_line l WHERE l.fund_id = f.id)::bigint`.as('committed'))
  .select(sql<number>`(SELECT coalesce(sum(l.paid), 0) FROM project_budget_line l WHERE l.fund_id = f.id)::bigint`.as('paid'));
export type FundView = NonNullable<Awaited<ReturnType<typeof fundById>>>;

/** Funds are seen by staff in scope and by the communities under the fund's org (figures are public within the area). */
export function fundVisible(actor: Actor): Expression<SqlBool> {
  return sql<SqlBool>`(${inScope(actor, 'f.org_path')} OR ${actor.orgPath} LIKE f.org_path || '%')`;
}

export async function fundById(db: Q, id: number) {
  return fundCols(db).where('f.id', '=', id).executeTakeFirst();
}
export async function lockFund(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('project_fund').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface FundFilter { q?: string; year?: number; kind?: ProjectKind }
function fundQuery(db: Q, actor: Actor, f: FundFilter) {
  let qb = fundCols(db).where(fundVisible(actor));
  if (f.q?.trim()) qb = qb.where('f.name', 'ilike', `%${escapeLike(f.q.trim())}%`);
  if (f.year) qb = qb.where('f.year', '=', f.year);
  if (f.kind) qb = qb.where('f.kind', '=', f.kind);
  return qb;
}
export async function listFunds(db: Q, actor: Actor, f: FundFilter, page: PageQuery) {
  return fundQuery(db, actor, f).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('f.year', 'desc').orderBy('f.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countFunds(db: Q, actor: Actor, f: FundFilter) {
  const r = await db.selectFrom(fundQuery(db, actor, f).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}
export async function fundBatch(db: Q, actor: Actor, f: FundFilter, afterId: number, limit: number) {
  return fundQuery(db, actor, f).where('f.id', '>', afterId).orderBy('f.id').limit(limit).execute();
}

export async function linesOf(db: Q, fundIds: number[]) {
  if (!fundIds.length) return [];
  return db.selectFrom('project_budget_line as l')
    .select(['l.id', 'l.fund_id', 'l.name', 'l.amount', 'l.committed', 'l.paid', 'l.org_path'])
    .select(sql<number>`(SELECT count(*)::int FROM project p WHERE p.line_id = l.id)`.as('project_count'))
    .where('l.fund_id', 'in', fundIds).orderBy('l.id').execute();
}
export async function lockLine(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('project_budget_line').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

// ── Projects ──
export const projectCols = (db: Q) => db.selectFrom('project as p').innerJoin('org as o', 'o.id', 'p.org_id')
  .leftJoin('project_budget_line as l', 'l.id', 'p.line_id').leftJoin('project_fund as f', 'f.id', 'l.fund_id')
  .selectAll('p').select(['o.name as org_name', 'l.name as line_name', 'f.id as fund_id', 'f.name as fund_name']);
export type ProjectView = NonNullable<Awaited<ReturnType<typeof projectById>>>;

export async function projectById(db: Q, id: number) {
  return projectCols(db).where('p.id', '=', id).executeTakeFirst();
}
export async function lockProject(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('project').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Who the actor acts for, as the socialorgs/workforce links say (empty for everyone else). */
export interface Links { socialOrgIds: number[]; socialWorkerIds: number[]; streetPath: string | null }

/**
 * Staff: their subtree. socialOrgStaff: awarded to or bid by their organization, awarded to
 * their social worker profile, or an open competition in their street. Residents: their
 * community's projects once approved.
 */
export function projectVisible(actor: Actor, kind: 'staff' | 'implementer' | 'resident', links: Links): Expression<SqlBool> {
  if (kind === 'staff') return inScope(actor, 'p.org_path');
  if (kind === 'resident') {
    return sql<SqlBool>`(${actor.orgPath} LIKE p.org_path || '%' AND p.status IN ('approved', 'bidding', 'evaluating', 'implementing', 'accepted', 'closed'))`;
  }
  const orgs = links.socialOrgIds.length ? links.socialOrgIds : [0];
  const workers = links.socialWorkerIds.length ? links.socialWorkerIds : [0];
  const open = links.streetPath ? sql<SqlBool>`(p.status = 'bidding' AND p.org_path LIKE ${scopePattern(links.streetPath)})` : sql<SqlBool>`false`;
  return sql<SqlBool>`(p.social_org_id = ANY(${orgs}::bigint[]) OR p.social_worker_id = ANY(${workers}::bigint[])
    OR EXISTS (SELECT 1 FROM project_bid b WHERE b.project_id = p.id AND b.social_org_id = ANY(${orgs}::bigint[])) OR ${open})`;
}

export interface ProjectFilter { q?: string; status?: ProjectStatus; kind?: ProjectKind; orgId?: number; fundId?: number; queue?: 'review' | 'bidding' | 'implementing' }

function projectQuery(db: Q, visible: Expression<SqlBool>, f: ProjectFilter, underPath: string | null) {
  let qb = projectCols(db).where(visible);
  if (underPath) qb = qb.where('p.org_path', 'like', scopePattern(underPath));
  if (f.q?.trim()) {
    const like = `%${escapeLike(f.q.trim())}%`;
    qb = qb.where((eb) => eb.or([eb('p.title', 'ilike', like), eb('p.awardee_name', 'ilike', like)]));
  }
  if (f.status) qb = qb.where('p.status', '=', f.status);
  if (f.kind) qb = qb.where('p.kind', '=', f.kind);
  if (f.fundId) qb = qb.where('f.id', '=', f.fundId);
  if (f.queue === 'review') qb = qb.where('p.status', '=', 'submitted');
  if (f.queue === 'bidding') qb = qb.where('p.status', 'in', ['bidding', 'evaluating']);
  if (f.queue === 'implementing') qb = qb.where('p.status', 'in', ['implementing', 'accepted']);
  return qb;
}
export async function listProjects(db: Q, visible: Expression<SqlBool>, f: ProjectFilter, underPath: string | null, page: PageQuery) {
  return projectQuery(db, visible, f, underPath).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('p.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countProjects(db: Q, visible: Expression<SqlBool>, f: ProjectFilter, underPath: string | null) {
  const r = await db.selectFrom(projectQuery(db, visible, f, underPath).as('x')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}
export async function projectBatch(db: Q, visible: Expression<SqlBool>, f: ProjectFilter, underPath: string | null, afterId: number, limit: number) {
  return projectQuery(db, visible, f, underPath).where('p.id', '>', afterId).orderBy('p.id').limit(limit).execute();
}

/** Sum of the project's tranches still waiting (requested or approved, not paid). */
export async function pendingTranches(db: Q, projectId: number) {
  const r = await db.selectFrom('project_tranche').select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('n'))
    .where('project_id', '=', projectId).where('status', 'in', ['requested', 'approved']).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Keyset batches for exports: the same helper volunteering uses. */
export { batches } from '../volunteering/repo.js';
