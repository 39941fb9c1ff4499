import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { IncubationServiceKind, IncubationStatus, SocialOrgCategory, SocialOrgFiling, SocialOrgStatus } from '../../db/schema-socialorgs.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';

/** SQL of the social-organization registry, incubation and growth assessments. Data scope is applied in every read. */
export type Q = Database | Transaction<DB>;

for (const [table, zh, en] of [
  ['social_org', '社会组织', 'social organizations'], ['social_org_staff', '社会组织工作人员', 'social organization staff'],
  ['social_org_area', '社会组织服务范围', 'social organization service areas'], ['incubation_base', '孵化基地', 'incubation bases'],
  ['incubation', '孵化记录', 'incubations'], ['incubation_service', '孵化服务', 'incubation services'], ['growth_assessment', '成长评估', 'growth assessments'],
] as const) registerOrgDependent({ table, orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh, en } });
registerOrgDependent({ table: 'social_org_area', orgIdColumn: 'served_org_id', orgPathColumn: 'served_org_path', label: { zh: '社会组织服务范围', en: 'social organization service areas' } });

export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const page = (p: PageQuery) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

// ── Organizations ──
const staffCount = sql<number>`(SELECT count(*)::int FROM social_org_staff st WHERE st.social_org_id = s.id)`;
const incubating = sql<boolean>`EXISTS (SELECT 1 FROM incubation i WHERE i.social_org_id = s.id AND i.status = 'incubating')`;
const latestLevel = sql<string | null>`(SELECT g.level FROM growth_assessment g WHERE g.social_org_id = s.id ORDER BY g.assessed_on DESC, g.id DESC LIMIT 1)`;
const orgCols = ['s.id', 's.org_id', 's.org_path', 'o.name as org_name', 's.name', 's.filing', 's.category', 's.credit_code', 's.filing_no', 's.registered_on',
  's.legal_person_name', 's.legal_person_id_masked', 's.legal_person_phone_masked', 's.contact_name', 's.contact_phone_masked', 's.address', 's.member_count',
  's.description', 's.status', 's.status_reason', 's.status_changed_at', 's.created_at'] as const;

export interface OrgFilter {
  orgPath: string; ownIds?: number[]; q?: string; filing?: SocialOrgFiling; category?: SocialOrgCategory; status?: SocialOrgStatus;
  servedPath?: string; incubating?: boolean;
}

function orgsWhere(db: Q, actor: Actor, f: OrgFilter) {
  let qb = db.selectFrom('social_org as s').innerJoin('org as o', 'o.id', 's.org_id')
    .where(inScope(actor, 's.org_path')).where(inScope({ orgPath: f.orgPath }, 's.org_path'));
  if (f.ownIds) qb = qb.where('s.id', 'in', f.ownIds.length ? f.ownIds : [0]);
  if (f.q) {
    const p = likePattern(f.q);
    qb = qb.where((eb) => eb.or([eb('s.name', 'ilike', p), eb('s.credit_code', 'ilike', p), eb('s.filing_no', 'ilike', p)]));
  }
  if (f.filing) qb = qb.where('s.filing', '=', f.filing);
  if (f.category) qb = qb.where('s.category', '=', f.category);
  if (f.status) qb = qb.where('s.status', '=', f.status);
  if (f.servedPath) {
    const served = f.servedPath;
    qb = qb.where((eb) => eb.exists(eb.selectFrom('social_org_area as a').select('a.social_org_id').whereRef('a.social_org_id', '=', 's.id')
      .where(sql<boolean>`${served} LIKE a.served_org_path || '%'`)));
  }
  if (f.incubating !== undefined) qb = qb.where(f.incubating ? incubating : sql<boolean>`NOT ${incubating}`);
  return qb;
}
const withAggregates = <T extends ReturnType<typeof orgsWhere>>(qb: T) =>
  qb.select(orgCols).select([staffCount.as('staff_count'), incubating.as('incubating'), latestLevel.as('latest_level')]);

export function orgsPage(db: Q, actor: Actor, f: OrgFilter, p: PageQuery) {
  const { limit, offset } = page(p);
  return withAggregates(orgsWhere(db, actor, f)).select(sql<number>`count(*) over()`.as('total')).orderBy('s.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countOrgs(db: Q, actor: Actor, f: OrgFilter) {
  return (await orgsWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function orgsBatch(db: Q, actor: Actor, f: OrgFilter, afterId: number | null, limit: number) {
  let qb = withAggregates(orgsWhere(db, actor, f));
  if (afterId !== null) qb = qb.where('s.id', '<', afterId);
  return qb.orderBy('s.id', 'desc').limit(limit).execute();
}
export type OrgRow = Awaited<ReturnType<typeof orgsBatch>>[number];

export function getOrg(db: Q, actor: Actor, id: number) {
  return withAggregates(orgsWhere(db, actor, { orgPath: actor.orgPath })).where('s.id', '=', id).executeTakeFirst();
}
export function orgSecrets(db: Q, id: number) {
  return db.selectFrom('social_org').select(['legal_person_id_enc', 'legal_person_phone_enc', 'contact_phone_enc']).where('id', '=', id).executeTakeFirstOrThrow();
}
export function creditCodeTaken(db: Q, code: string, exceptId: number | null) {
  let qb = db.selectFrom('social_org').select('id').where('credit_code', '=', code);
  if (exceptId) qb = qb.where('id', '<>', exceptId);
  return qb.executeTakeFirst();
}

export interface OrgValues {
  name?: string; filing?: SocialOrgFiling; category?: SocialOrgCategory; credit_code?: string | null; filing_no?: string | null; registered_on?: string | null;
  legal_person_name?: string; legal_person_id_enc?: string | null; legal_person_id_hash?: string | null; legal_person_id_masked?: string | null;
  legal_person_phone_enc?: string | null; legal_person_phone_hash?: string | null; legal_person_phone_masked?: string | null;
  contact_name?: string | null; contact_phone_enc?: string | null; contact_phone_hash?: string | null; contact_phone_masked?: string | null;
  address?: string | null; member_count?: number; description?: string | null;
  status?: SocialOrgStatus; status_reason?: string | null; status_changed_at?: Date | null;
}
export async function insertOrg(trx: Q, org: { id: number; path: string }, v: OrgValues & { name: string; filing: SocialOrgFiling; category: SocialOrgCategory; legal_person_name: string; created_by: number }) {
  return (await trx.insertInto('social_org').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateOrg(trx: Q, id: number, v: OrgValues) {
  await trx.updateTable('social_org').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
/** Locks the row so two status moves or staff links on one organization serialize. */
export function lockOrg(trx: Q, id: number) {
  return trx.selectFrom('social_org').select(['id', 'status', 'org_path']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

// ── Service area ──
export function areaOf(db: Q, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('social_org_area as a').innerJoin('org as o', 'o.id', 'a.served_org_id')
    .select(['a.social_org_id', 'a.served_org_id', 'o.name']).where('a.social_org_id', 'in', ids).orderBy('o.path').execute();
}
export async function replaceArea(trx: Q, s: { id: number; org_id: number; org_path: string }, served: { id: number; path: string }[]) {
  await trx.deleteFrom('social_org_area').where('social_org_id', '=', s.id).execute();
  if (served.length) {
    await trx.insertInto('social_org_area').values(served.map((o) => ({
      social_org_id: s.id, served_org_id: o.id, served_org_path: o.path, org_id: s.org_id, org_path: s.org_path,
    }))).execute();
  }
}

// ── Staff ──
export function staffOf(db: Q, id: number) {
  return db.selectFrom('social_org_staff as st').innerJoin('app_user as u', 'u.id', 'st.user_id')
    .select(['st.user_id', 'u.username', 'u.display_name', 'st.title', 'st.created_at']).where('st.social_org_id', '=', id).orderBy('st.id').execute();
}
export function staffLink(db: Q, userId: number) {
  return db.selectFrom('social_org_staff').select(['id', 'social_org_id']).where('user_id', '=', userId).executeTakeFirst();
}
export function accountInScope(db: Q, actor: Actor, userId: number) {
  return db.selectFrom('app_user as u').select(['u.id', 'u.role', 'u.org_path', 'u.status']).where('u.id', '=', userId).where(inScope(actor, 'u.org_path')).executeTakeFirst();
}
export async function insertStaff(trx: Q, s: { id: number; org_id: number; org_path: string }, userId: number, title: string | null, by: number) {
  await trx.insertInto('social_org_staff').values({ social_org_id: s.id, user_id: userId, org_id: s.org_id, org_path: s.org_path, title, created_by: by }).execute();
}
export async function deleteStaff(trx: Q, socialOrgId: number, userId: number) {
  return Number((await trx.deleteFrom('social_org_staff').where('social_org_id', '=', socialOrgId).where('user_id', '=', userId).executeTakeFirst()).numDeletedRows);
}

// ── Bases ──
const baseIncubating = sql<number>`(SELECT count(*)::int FROM incubation i WHERE i.base_id = b.id AND i.status = 'incubating')`;
const baseCols = ['b.id', 'b.org_id', 'b.org_path', 'o.name as org_name', 'b.level', 'b.name', 'b.address', 'b.capacity', 'b.status', 'b.created_at'] as const;
export interface BaseFilter { orgPath: string; level?: 'government' | 'street' | 'community'; q?: string }
function basesWhere(db: Q, actor: Actor, f: BaseFilter) {
  let qb = db.selectFrom('incubation_base as b').innerJoin('org as o', 'o.id', 'b.org_id')
    .where(inScope(actor, 'b.org_path')).where(inScope({ orgPath: f.orgPath }, 'b.org_path'));
  if (f.level) qb = qb.where('b.level', '=', f.level);
  if (f.q) qb = qb.where('b.name', 'ilike', likePattern(f.q));
  return qb;
}
export function basesPage(db: Q, actor: Actor, f: BaseFilter, p: PageQuery) {
  const { limit, offset } = page(p);
  return basesWhere(db, actor, f).select(baseCols).select(baseIncubating.as('incubating')).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('b.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countBases(db: Q, actor: Actor, f: BaseFilter) {
  return (await basesWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
/**
 * A base the actor may see: in scope, or (for bases at government level above the actor)
 * on the actor's own path, since a street places its organizations in the district's base.
 */
export function getBase(db: Q, actor: Actor, id: number) {
  return db.selectFrom('incubation_base as b').innerJoin('org as o', 'o.id', 'b.org_id').select(baseCols).select(baseIncubating.as('incubating'))
    .where('b.id', '=', id).where((eb) => eb.or([inScope(actor, 'b.org_path'), sql<boolean>`${actor.orgPath} LIKE b.org_path || '%'`])).executeTakeFirst();
}
export type BaseRow = NonNullable<Awaited<ReturnType<typeof getBase>>>;
export async function insertBase(trx: Q, org: { id: number; path: string }, v: { level: 'government' | 'street' | 'community'; name: string; address: string | null; capacity: number | null; created_by: number }) {
  return (await trx.insertInto('incubation_base').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateBase(trx: Q, id: number, v: { name?: string; address?: string | null; capacity?: number | null; status?: 'active' | 'closed' }) {
  await trx.updateTable('incubation_base').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}

// ── Incubations ──
const incCols = ['i.id', 'i.base_id', 'b.name as base_name', 'b.level as base_level', 'i.social_org_id', 's.name as social_org_name', 'i.org_path',
  'i.entered_on', 'i.exited_on', 'i.status', 'i.note'] as const;
const incServices = sql<number>`(SELECT count(*)::int FROM incubation_service v WHERE v.incubation_id = i.id)`;
export interface IncubationFilter { ownIds?: number[]; socialOrgId?: number; baseId?: number; status?: IncubationStatus }
function incubationsWhere(db: Q, actor: Actor, f: IncubationFilter) {
  let qb = db.selectFrom('incubation as i').innerJoin('incubation_base as b', 'b.id', 'i.base_id').innerJoin('social_org as s', 's.id', 'i.social_org_id')
    .where(inScope(actor, 'i.org_path'));
  if (f.ownIds) qb = qb.where('i.social_org_id', 'in', f.ownIds.length ? f.ownIds : [0]);
  if (f.socialOrgId) qb = qb.where('i.social_org_id', '=', f.socialOrgId);
  if (f.baseId) qb = qb.where('i.base_id', '=', f.baseId);
  if (f.status) qb = qb.where('i.status', '=', f.status);
  return qb;
}
export function incubationsPage(db: Q, actor: Actor, f: IncubationFilter, p: PageQuery) {
  const { limit, offset } = page(p);
  return incubationsWhere(db, actor, f).select(incCols).select(incServices.as('services')).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('i.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countIncubations(db: Q, actor: Actor, f: IncubationFilter) {
  return (await incubationsWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function getIncubation(db: Q, actor: Actor, id: number) {
  return incubationsWhere(db, actor, {}).select(incCols).select(incServices.as('services')).where('i.id', '=', id).executeTakeFirst();
}
export type IncubationRow = NonNullable<Awaited<ReturnType<typeof getIncubation>>>;
export function liveIncubation(db: Q, socialOrgId: number) {
  return db.selectFrom('incubation').select(['id', 'base_id']).where('social_org_id', '=', socialOrgId).where('status', '=', 'incubating').executeTakeFirst();
}
export async function insertIncubation(trx: Q, s: { id: number; org_id: number; org_path: string }, v: { base_id: number; entered_on: string; note: string | null; created_by: number }) {
  return (await trx.insertInto('incubation').values({ social_org_id: s.id, org_id: s.org_id, org_path: s.org_path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
/** Closes a live incubation; 0 rows when another request closed it first. */
export async function closeIncubation(trx: Q, id: number, v: { status: 'graduated' | 'exited'; exited_on: string; note?: string | null }) {
  const r = await trx.updateTable('incubation').set({ ...v, updated_at: new Date() }).where('id', '=', id).where('status', '=', 'incubating').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ── Services ──
const svcCols = ['v.id', 'v.social_org_id', 's.name as social_org_name', 'v.incubation_id', 'v.kind', 'v.provided_on', 'v.provider', 'v.hours', 'v.notes', 'v.created_at'] as const;
export interface ServiceFilter { orgPath: string; ownIds?: number[]; socialOrgId?: number; kind?: IncubationServiceKind; from?: string; to?: string }
function servicesWhere(db: Q, actor: Actor, f: ServiceFilter) {
  let qb = db.selectFrom('incubation_service as v').innerJoin('social_org as s', 's.id', 'v.social_org_id')
    .where(inScope(actor, 'v.org_path')).where(inScope({ orgPath: f.orgPath }, 'v.org_path'));
  if (f.ownIds) qb = qb.where('v.social_org_id', 'in', f.ownIds.length ? f.ownIds : [0]);
  if (f.socialOrgId) qb = qb.where('v.social_org_id', '=', f.socialOrgId);
  if (f.kind) qb = qb.where('v.kind', '=', f.kind);
  if (f.from) qb = qb.where('v.provided_on', '>=', f.from);
  if (f.to) qb = qb.where('v.provided_on', '<=', f.to);
  return qb;
}
export function servicesPage(db: Q, actor: Actor, f: ServiceFilter, p: PageQuery) {
  const { limit, offset } = page(p);
  return servicesWhere(db, actor, f).select(svcCols).select(sql<number>`count(*) over()`.as('total'))
    .orderBy('v.provided_on', 'desc').orderBy('v.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countServices(db: Q, actor: Actor, f: ServiceFilter) {
  return (await servicesWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function servicesBatch(db: Q, actor: Actor, f: ServiceFilter, afterId: number | null, limit: number) {
  let qb = servicesWhere(db, actor, f).select(svcCols);
  if (afterId !== null) qb = qb.where('v.id', '<', afterId);
  return qb.orderBy('v.id', 'desc').limit(limit).execute();
}
export type ServiceRow = Awaited<ReturnType<typeof servicesBatch>>[number];
export function serviceSummary(db: Q, actor: Actor, f: ServiceFilter) {
  return servicesWhere(db, actor, f).select(['v.kind', sql<number>`count(*)::int`.as('count'), sql<number>`coalesce(sum(v.hours), 0)`.as('hours')])
    .groupBy('v.kind').execute();
}
export async function insertService(trx: Q, s: { id: number; org_id: number; org_path: string }, v: {
  incubation_id: number | null; kind: IncubationServiceKind; provided_on: string; provider: string; hours: number | null; notes: string | null; created_by: number;
}) {
  return (await trx.insertInto('incubation_service').values({ social_org_id: s.id, org_id: s.org_id, org_path: s.org_path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export function getService(db: Q, id: number) {
  return db.selectFrom('incubation_service as v').innerJoin('social_org as s', 's.id', 'v.social_org_id').select(svcCols).where('v.id', '=', id).executeTakeFirstOrThrow();
}

// ── Growth assessments ──
export function assessmentsOf(db: Q, socialOrgId: number) {
  return db.selectFrom('growth_assessment').selectAll().where('social_org_id', '=', socialOrgId).orderBy('assessed_on').orderBy('id').execute();
}
export type AssessmentRow = Awaited<ReturnType<typeof assessmentsOf>>[number];
export async function insertAssessment(trx: Q, s: { id: number; org_id: number; org_path: string }, v: Omit<AssessmentRow, 'id' | 'social_org_id' | 'org_id' | 'org_path' | 'created_at'>) {
  return (await trx.insertInto('growth_assessment').values({ social_org_id: s.id, org_id: s.org_id, org_path: s.org_path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
