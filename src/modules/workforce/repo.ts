import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { CertLevel, HeldCertLevel } from '../../db/schema-workforce.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';

/** SQL of stations, social workers, community workers' profiles and the pay configuration. Data scope is applied in every read. */
export type Q = Database | Transaction<DB>;

for (const [table, zh, en] of [
  ['social_work_station', '社工站', 'social work stations'], ['social_worker', '专业社工', 'social workers'], ['worker_profile', '社区工作者', 'community workers'],
  ['worker_training', '培训记录', 'training records'], ['worker_bonus', '持证奖励', 'certificate bonuses'], ['ladder_grade', '职级体系', 'career ladders'],
  ['ladder_post', '职级岗位', 'ladder posts'], ['local_wage', '当地平均工资', 'local average wages'], ['cert_bonus_rule', '持证奖励标准', 'certificate bonus rules'],
] as const) registerOrgDependent({ table, orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh, en } });

export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const window = (p: PageQuery) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
const total = sql<number>`count(*) over()`;
/** Rows configured at an org on the path (the path itself or above it). */
const onPath = (path: string, col: string) => sql<boolean>`${path} LIKE ${sql.ref(col)} || '%'`;

// ── Stations ──
const stationWorkers = sql<number>`(SELECT count(*)::int FROM social_worker sw WHERE sw.station_id = st.id AND sw.status = 'active')`;
const stationCols = ['st.id', 'st.org_id', 'st.org_path', 'o.name as org_name', 'st.level', 'st.name', 'st.address', 'st.opened_on', 'st.status', 'st.created_at'] as const;
export interface StationFilter { orgPath: string; q?: string; status?: 'active' | 'closed' }
function stationsWhere(db: Q, actor: Actor, f: StationFilter) {
  let qb = db.selectFrom('social_work_station as st').innerJoin('org as o', 'o.id', 'st.org_id')
    .where(inScope(actor, 'st.org_path')).where(inScope({ orgPath: f.orgPath }, 'st.org_path'));
  if (f.q) qb = qb.where('st.name', 'ilike', likePattern(f.q));
  if (f.status) qb = qb.where('st.status', '=', f.status);
  return qb;
}
export function stationsPage(db: Q, actor: Actor, f: StationFilter, p: PageQuery) {
  const { limit, offset } = window(p);
  return stationsWhere(db, actor, f).select(stationCols).select(stationWorkers.as('workers')).select(total.as('total')).orderBy('st.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countStations(db: Q, actor: Actor, f: StationFilter) {
  return (await stationsWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function stationsBatch(db: Q, actor: Actor, f: StationFilter, afterId: number | null, limit: number) {
  let qb = stationsWhere(db, actor, f).select(stationCols).select(stationWorkers.as('workers'));
  if (afterId !== null) qb = qb.where('st.id', '<', afterId);
  return qb.orderBy('st.id', 'desc').limit(limit).execute();
}
export type StationRow = Awaited<ReturnType<typeof stationsBatch>>[number];
export function getStation(db: Q, actor: Actor, id: number) {
  return stationsWhere(db, actor, { orgPath: actor.orgPath }).select(stationCols).select(stationWorkers.as('workers')).where('st.id', '=', id).executeTakeFirst();
}
export async function insertStation(trx: Q, org: { id: number; path: string }, v: { level: 'street' | 'community'; name: string; address: string | null; opened_on: string | null; created_by: number }) {
  return (await trx.insertInto('social_work_station').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateStation(trx: Q, id: number, v: { name?: string; address?: string | null; opened_on?: string | null; status?: 'active' | 'closed' }) {
  await trx.updateTable('social_work_station').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}

// ── Social workers ──
const workerCols = ['w.id', 'w.org_id', 'w.org_path', 'o.name as org_name', 'w.name', 'w.user_id', 'w.station_id', 'st.name as station_name', 'w.employer',
  'w.phone_masked', 'w.cert_level', 'w.cert_no', 'w.cert_on', 'w.status', 'w.created_at'] as const;
export interface WorkerFilter { orgPath: string; q?: string; stationId?: number; certLevel?: CertLevel; status?: 'active' | 'left' }
function workersWhere(db: Q, actor: Actor, f: WorkerFilter) {
  let qb = db.selectFrom('social_worker as w').innerJoin('org as o', 'o.id', 'w.org_id').leftJoin('social_work_station as st', 'st.id', 'w.station_id')
    .where(inScope(actor, 'w.org_path')).where(inScope({ orgPath: f.orgPath }, 'w.org_path'));
  if (f.q) qb = qb.where((eb) => eb.or([eb('w.name', 'ilike', likePattern(f.q!)), eb('w.employer', 'ilike', likePattern(f.q!))]));
  if (f.stationId) qb = qb.where('w.station_id', '=', f.stationId);
  if (f.certLevel) qb = qb.where('w.cert_level', '=', f.certLevel);
  if (f.status) qb = qb.where('w.status', '=', f.status);
  return qb;
}
export function workersPage(db: Q, actor: Actor, f: WorkerFilter, p: PageQuery) {
  const { limit, offset } = window(p);
  return workersWhere(db, actor, f).select(workerCols).select(total.as('total')).orderBy('w.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countWorkers(db: Q, actor: Actor, f: WorkerFilter) {
  return (await workersWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function workersBatch(db: Q, actor: Actor, f: WorkerFilter, afterId: number | null, limit: number) {
  let qb = workersWhere(db, actor, f).select(workerCols);
  if (afterId !== null) qb = qb.where('w.id', '<', afterId);
  return qb.orderBy('w.id', 'desc').limit(limit).execute();
}
export type WorkerRow = Awaited<ReturnType<typeof workersBatch>>[number];
export function getWorker(db: Q, actor: Actor, id: number) {
  return workersWhere(db, actor, { orgPath: actor.orgPath }).select(workerCols).where('w.id', '=', id).executeTakeFirst();
}
export function workerPhone(db: Q, id: number) {
  return db.selectFrom('social_worker').select('phone_enc').where('id', '=', id).executeTakeFirstOrThrow();
}
export interface WorkerValues {
  name?: string; user_id?: number | null; station_id?: number | null; employer?: string | null; phone_enc?: string | null; phone_hash?: string | null; phone_masked?: string | null;
  cert_level?: CertLevel; cert_no?: string | null; cert_on?: string | null; status?: 'active' | 'left';
}
export async function insertWorker(trx: Q, org: { id: number; path: string }, v: WorkerValues & { name: string; created_by: number }) {
  return (await trx.insertInto('social_worker').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateWorker(trx: Q, id: number, v: WorkerValues) {
  await trx.updateTable('social_worker').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}

// ── Accounts ──
export function accountInScope(db: Q, actor: Actor, userId: number) {
  return db.selectFrom('app_user as u').select(['u.id', 'u.role', 'u.org_path']).where('u.id', '=', userId).where(inScope(actor, 'u.org_path')).executeTakeFirst();
}
export function linkedTo(db: Q, table: 'social_worker' | 'worker_profile', userId: number) {
  return db.selectFrom(table).select('id').where('user_id', '=', userId).executeTakeFirst();
}

// ── Community workers ──
const trainingHours = sql<number>`(SELECT coalesce(sum(t.hours), 0) FROM worker_training t WHERE t.profile_id = p.id)`;
const profileCols = ['p.id', 'p.org_id', 'p.org_path', 'o.name as org_name', 'p.name', 'p.user_id', 'p.phone_masked', 'p.post', 'p.grade', 'p.hired_on',
  'p.cert_level', 'p.cert_no', 'p.cert_on', 'p.status', 'p.created_at'] as const;
export interface ProfileFilter { orgPath: string; q?: string; post?: string; grade?: number; certLevel?: CertLevel; status?: 'active' | 'left' }
function profilesWhere(db: Q, actor: Actor, f: ProfileFilter) {
  let qb = db.selectFrom('worker_profile as p').innerJoin('org as o', 'o.id', 'p.org_id')
    .where(inScope(actor, 'p.org_path')).where(inScope({ orgPath: f.orgPath }, 'p.org_path'));
  if (f.q) qb = qb.where('p.name', 'ilike', likePattern(f.q));
  if (f.post) qb = qb.where('p.post', '=', f.post);
  if (f.grade) qb = qb.where('p.grade', '=', f.grade);
  if (f.certLevel) qb = qb.where('p.cert_level', '=', f.certLevel);
  if (f.status) qb = qb.where('p.status', '=', f.status);
  return qb;
}
export function profilesPage(db: Q, actor: Actor, f: ProfileFilter, p: PageQuery) {
  const { limit, offset } = window(p);
  return profilesWhere(db, actor, f).select(profileCols).select(trainingHours.as('training_hours')).select(total.as('total')).orderBy('p.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countProfiles(db: Q, actor: Actor, f: ProfileFilter) {
  return (await profilesWhere(db, actor, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}
export function profilesBatch(db: Q, actor: Actor, f: ProfileFilter, afterId: number | null, limit: number) {
  let qb = profilesWhere(db, actor, f).select(profileCols).select(trainingHours.as('training_hours'));
  if (afterId !== null) qb = qb.where('p.id', '<', afterId);
  return qb.orderBy('p.id', 'desc').limit(limit).execute();
}
export type ProfileRow = Awaited<ReturnType<typeof profilesBatch>>[number];
export function getProfile(db: Q, actor: Actor, id: number) {
  return profilesWhere(db, actor, { orgPath: actor.orgPath }).select(profileCols).select(trainingHours.as('training_hours')).where('p.id', '=', id).executeTakeFirst();
}
export interface ProfileValues {
  name?: string; user_id?: number | null; phone_enc?: string | null; phone_hash?: string | null; phone_masked?: string | null; post?: string; grade?: number;
  hired_on?: string | null; cert_level?: CertLevel; cert_no?: string | null; cert_on?: string | null; status?: 'active' | 'left';
}
export async function insertProfile(trx: Q, org: { id: number; path: string }, v: ProfileValues & { name: string; post: string; grade: number; created_by: number }) {
  return (await trx.insertInto('worker_profile').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateProfile(trx: Q, id: number, v: ProfileValues) {
  await trx.updateTable('worker_profile').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
export function lockProfile(trx: Q, id: number) {
  return trx.selectFrom('worker_profile').select(['id', 'cert_level']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}
export function trainingsOf(db: Q, profileId: number) {
  return db.selectFrom('worker_training').selectAll().where('profile_id', '=', profileId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
}
export async function insertTraining(trx: Q, p: { id: number; org_id: number; org_path: string }, v: { held_on: string; topic: string; hours: number; provider: string | null; created_by: number }) {
  return (await trx.insertInto('worker_training').values({ profile_id: p.id, org_id: p.org_id, org_path: p.org_path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export function bonusesOf(db: Q, profileId: number) {
  return db.selectFrom('worker_bonus').selectAll().where('profile_id', '=', profileId).orderBy('awarded_on').orderBy('id').execute();
}
export async function insertBonus(trx: Q, p: { id: number; org_id: number; org_path: string }, v: { cert_level: HeldCertLevel; amount: number; awarded_on: string; note: string | null; created_by: number }) {
  return (await trx.insertInto('worker_bonus').values({ profile_id: p.id, org_id: p.org_id, org_path: p.org_path, ...v })
    .onConflict((oc) => oc.columns(['profile_id', 'cert_level']).doNothing()).returning('id').executeTakeFirst())?.id ?? null;
}

// ── Configuration: the nearest configured org up a path ──
export async function ladderFor(db: Q, path: string) {
  const at = await db.selectFrom('ladder_grade as g').innerJoin('org as o', 'o.id', 'g.org_id').select(['g.org_id', 'o.name'])
    .where(onPath(path, 'g.org_path')).orderBy(sql`length(g.org_path)`, 'desc').limit(1).executeTakeFirstOrThrow();
  const [grades, posts] = await Promise.all([
    db.selectFrom('ladder_grade').select(['grade', 'coefficient']).where('org_id', '=', at.org_id).orderBy('grade').execute(),
    db.selectFrom('ladder_post').select(['code', 'name', 'min_grade', 'max_grade']).where('org_id', '=', at.org_id).orderBy('sort').orderBy('code').execute(),
  ]);
  return { orgId: at.org_id, orgName: at.name, grades, posts: posts.map((p) => ({ code: p.code, name: p.name, minGrade: p.min_grade, maxGrade: p.max_grade })) };
}
export type Ladder = Awaited<ReturnType<typeof ladderFor>>;

/** The newest year up to `year`; among rows of that year, the nearest org. */
export function wageFor(db: Q, path: string, year: number) {
  return db.selectFrom('local_wage as l').innerJoin('org as o', 'o.id', 'l.org_id').select(['l.org_id', 'o.name', 'l.year', 'l.annual_wage', 'l.source'])
    .where(onPath(path, 'l.org_path')).where('l.year', '<=', year).orderBy('l.year', 'desc').orderBy(sql`length(l.org_path)`, 'desc').limit(1).executeTakeFirst();
}
export function wagesOn(db: Q, path: string) {
  return db.selectFrom('local_wage as l').innerJoin('org as o', 'o.id', 'l.org_id').select(['l.org_id', 'o.name', 'l.year', 'l.annual_wage', 'l.source'])
    .where(onPath(path, 'l.org_path')).orderBy('l.year', 'desc').orderBy(sql`length(l.org_path)`, 'desc').execute();
}
/** Per level, the rule of the nearest org that has one. */
export function bonusRulesFor(db: Q, path: string) {
  return db.selectFrom('cert_bonus_rule as b').innerJoin('org as o', 'o.id', 'b.org_id')
    .select(['b.cert_level', 'b.one_time_bonus', 'b.monthly_allowance', 'b.org_id', 'o.name'])
    .distinctOn('b.cert_level').where(onPath(path, 'b.org_path')).orderBy('b.cert_level').orderBy(sql`length(b.org_path)`, 'desc').execute();
}
export type BonusRule = Awaited<ReturnType<typeof bonusRulesFor>>[number];

export async function replaceLadder(trx: Q, org: { id: number; path: string }, grades: { grade: number; coefficient: number }[], posts: { code: string; name: string; minGrade: number; maxGrade: number }[], by: number) {
  await trx.deleteFrom('ladder_grade').where('org_id', '=', org.id).execute();
  await trx.deleteFrom('ladder_post').where('org_id', '=', org.id).execute();
  await trx.insertInto('ladder_grade').values(grades.map((g) => ({ org_id: org.id, org_path: org.path, grade: g.grade, coefficient: g.coefficient, updated_by: by }))).execute();
  await trx.insertInto('ladder_post').values(posts.map((p, i) => ({
    org_id: org.id, org_path: org.path, code: p.code, name: p.name, min_grade: p.minGrade, max_grade: p.maxGrade, sort: i + 1, updated_by: by,
  }))).execute();
}
export async function upsertWage(trx: Q, org: { id: number; path: string }, v: { year: number; annual_wage: number; source: string | null }, by: number) {
  await trx.insertInto('local_wage').values({ org_id: org.id, org_path: org.path, ...v, updated_by: by })
    .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet({ annual_wage: v.annual_wage, source: v.source, updated_by: by, updated_at: new Date() })).execute();
}
export async function upsertBonusRule(trx: Q, org: { id: number; path: string }, v: { cert_level: HeldCertLevel; one_time_bonus: number; monthly_allowance: number }, by: number) {
  await trx.insertInto('cert_bonus_rule').values({ org_id: org.id, org_path: org.path, ...v, updated_by: by })
    .onConflict((oc) => oc.columns(['org_id', 'cert_level']).doUpdateSet({ one_time_bonus: v.one_time_bonus, monthly_allowance: v.monthly_allowance, updated_by: by, updated_at: new Date() })).execute();
}
/** Profiles whose post or grade the new ladder would no longer hold (they must be moved first). */
export function profilesUnder(db: Q, path: string) {
  return db.selectFrom('worker_profile').select(['id', 'name', 'post', 'grade', 'org_path']).where(inScope({ orgPath: path }, 'org_path')).where('status', '=', 'active').execute();
}
export function profilePhone(db: Q, id: number) {
  return db.selectFrom('worker_profile').select('phone_enc').where('id', '=', id).executeTakeFirstOrThrow();
}
