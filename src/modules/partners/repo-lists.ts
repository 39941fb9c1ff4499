import { sql } from 'kysely';
import type { NeedSource, NeedStatus } from '../../db/schema-partners.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';
import { likePattern, type Q } from './repo-people.js';

/** SQL of the need list (需求清单), the service list (服务清单) and service posts (服务岗位). */
for (const [table, zh, en] of [
  ['partner_need', '需求清单', 'need lists'], ['service_offer', '服务清单', 'service lists'], ['service_post', '服务岗位', 'service posts'],
] as const) registerOrgDependent({ table, orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh, en } });

const page$ = (p: PageQuery) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
/** Rows whose community path is an ancestor of (or equal to) the resident's own org. */
const aboveResident = (actor: Actor, col: string) => sql<boolean>`${actor.orgPath} LIKE ${sql.ref(col)} || '%'`;

// ── Needs ──
const needCols = ['n.id', 'n.org_id', 'n.org_path', 'o.name as org_name', 'n.title', 'n.description', 'n.category', 'n.source', 'n.visit_id',
  'n.request_id', 'n.raised_by', 'n.capacity', 'n.claimed', 'n.due_on', 'n.status', 'n.created_at'] as const;
export interface NeedFilter { orgPath: string; q?: string; status?: NeedStatus; source?: NeedSource }

function needsWhere(db: Q, actor: Actor, f: NeedFilter) {
  let qb = db.selectFrom('partner_need as n').innerJoin('org as o', 'o.id', 'n.org_id')
    .where(inScope(actor, 'n.org_path')).where(inScope({ orgPath: f.orgPath }, 'n.org_path'));
  if (f.q) qb = qb.where((eb) => eb.or([eb('n.title', 'ilike', likePattern(f.q!)), eb('n.category', 'ilike', likePattern(f.q!))]));
  if (f.status) qb = qb.where('n.status', '=', f.status);
  if (f.source) qb = qb.where('n.source', '=', f.source);
  return qb;
}
export function needsPage(db: Q, actor: Actor, f: NeedFilter, p: PageQuery) {
  const { limit, offset } = page$(p);
  return needsWhere(db, actor, f).select(needCols).select(sql<number>`count(*) over()`.as('total')).orderBy('n.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countNeeds(db: Q, actor: Actor, f: NeedFilter) {
  return (await needsWhere(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}
export function needsBatch(db: Q, actor: Actor, f: NeedFilter, afterId: number | null, limit: number) {
  let qb = needsWhere(db, actor, f).select(needCols);
  if (afterId !== null) qb = qb.where('n.id', '<', afterId);
  return qb.orderBy('n.id', 'desc').limit(limit).execute();
}
export type NeedRow = Awaited<ReturnType<typeof needsBatch>>[number];
export function getNeed(db: Q, actor: Actor, id: number) {
  return db.selectFrom('partner_need as n').innerJoin('org as o', 'o.id', 'n.org_id').select(needCols).where('n.id', '=', id).where(inScope(actor, 'n.org_path')).executeTakeFirst();
}
/** Open needs of the resident's community, soonest due first. */
export function residentNeeds(db: Q, actor: Actor, p: PageQuery) {
  const { limit, offset } = page$(p);
  return db.selectFrom('partner_need as n').innerJoin('org as o', 'o.id', 'n.org_id').select(needCols).select(sql<number>`count(*) over()`.as('total'))
    .where(aboveResident(actor, 'n.org_path')).where('n.status', '=', 'open')
    .orderBy(sql`n.due_on NULLS LAST`).orderBy('n.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countResidentNeeds(db: Q, actor: Actor) {
  return (await db.selectFrom('partner_need as n').select(sql<number>`count(*)`.as('n')).where(aboveResident(actor, 'n.org_path')).where('n.status', '=', 'open').executeTakeFirstOrThrow()).n;
}
export async function insertNeed(trx: Q, org: { id: number; path: string }, v: {
  title: string; description: string; category: string; source: NeedSource; visit_id: number | null; request_id: number | null; raised_by: number | null;
  capacity: number; due_on: string | null; created_by: number;
}) {
  return (await trx.insertInto('partner_need').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateNeed(trx: Q, id: number, v: { title?: string; description?: string; category?: string; capacity?: number; due_on?: string | null; status?: NeedStatus }) {
  await trx.updateTable('partner_need').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
/** Locks the need row: racing claims on one need queue here, so capacity holds. */
export function lockNeed(trx: Q, id: number) {
  return trx.selectFrom('partner_need').select(['id', 'org_id', 'org_path', 'title', 'status', 'capacity', 'claimed', 'due_on', 'raised_by'])
    .where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function setNeedClaimed(trx: Q, id: number, claimed: number, status: NeedStatus) {
  await trx.updateTable('partner_need').set({ claimed, status, updated_at: new Date() }).where('id', '=', id).execute();
}
export function visitInScope(db: Q, actor: Actor, id: number) {
  return db.selectFrom('visit').select('id').where('id', '=', id).where(inScope(actor, 'org_path')).executeTakeFirst();
}
export function requestInScope(db: Q, actor: Actor, id: number) {
  return db.selectFrom('request').select('id').where('id', '=', id).where(inScope(actor, 'org_path')).executeTakeFirst();
}

// ── Offers ──
const offerCols = ['f.id', 'f.org_id', 'f.org_path', 'o.name as org_name', 'f.member_id', 'f.unit_id', 'f.title', 'f.description', 'f.availability',
  'f.status', 'f.created_at', sql<string>`COALESCE(m.name, u.name)`.as('provider_name')] as const;
export interface OfferFilter { orgPath: string; q?: string; provider?: 'member' | 'unit'; status?: 'active' | 'withdrawn' }
function offersWhere(db: Q, actor: Actor, f: OfferFilter) {
  let qb = db.selectFrom('service_offer as f').innerJoin('org as o', 'o.id', 'f.org_id')
    .leftJoin('party_member as m', 'm.id', 'f.member_id').leftJoin('partner_unit as u', 'u.id', 'f.unit_id')
    .where(inScope(actor, 'f.org_path')).where(inScope({ orgPath: f.orgPath }, 'f.org_path'));
  if (f.q) qb = qb.where('f.title', 'ilike', likePattern(f.q));
  if (f.provider === 'member') qb = qb.where('f.member_id', 'is not', null);
  if (f.provider === 'unit') qb = qb.where('f.unit_id', 'is not', null);
  if (f.status) qb = qb.where('f.status', '=', f.status);
  return qb;
}
export function offersPage(db: Q, actor: Actor, f: OfferFilter, p: PageQuery) {
  const { limit, offset } = page$(p);
  return offersWhere(db, actor, f).select(offerCols).select(sql<number>`count(*) over()`.as('total')).orderBy('f.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countOffers(db: Q, actor: Actor, f: OfferFilter) {
  return (await offersWhere(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}
export function offersBatch(db: Q, actor: Actor, f: OfferFilter, afterId: number | null, limit: number) {
  let qb = offersWhere(db, actor, f).select(offerCols);
  if (afterId !== null) qb = qb.where('f.id', '<', afterId);
  return qb.orderBy('f.id', 'desc').limit(limit).execute();
}
export function getOffer(db: Q, actor: Actor, id: number) {
  return offersWhere(db, actor, { orgPath: actor.orgPath }).select(offerCols).where('f.id', '=', id).executeTakeFirst();
}
export type OfferRow = NonNullable<Awaited<ReturnType<typeof getOffer>>>;
export async function insertOffer(trx: Q, org: { id: number; path: string }, v: {
  member_id: number | null; unit_id: number | null; title: string; description: string; availability: string | null; created_by: number;
}) {
  return (await trx.insertInto('service_offer').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateOffer(trx: Q, id: number, v: { title?: string; description?: string; availability?: string | null; status?: 'active' | 'withdrawn' }) {
  await trx.updateTable('service_offer').set(v).where('id', '=', id).execute();
}

// ── Posts ──
const postCols = ['s.id', 's.org_id', 's.org_path', 'o.name as org_name', 's.name', 's.description', 's.capacity', 's.claimed', 's.status', 's.created_at'] as const;
export interface PostFilter { orgPath: string; q?: string; status?: 'open' | 'closed' }
function postsWhere(db: Q, actor: Actor, f: PostFilter) {
  let qb = db.selectFrom('service_post as s').innerJoin('org as o', 'o.id', 's.org_id')
    .where(inScope(actor, 's.org_path')).where(inScope({ orgPath: f.orgPath }, 's.org_path'));
  if (f.q) qb = qb.where('s.name', 'ilike', likePattern(f.q));
  if (f.status) qb = qb.where('s.status', '=', f.status);
  return qb;
}
export function postsPage(db: Q, actor: Actor, f: PostFilter, p: PageQuery) {
  const { limit, offset } = page$(p);
  return postsWhere(db, actor, f).select(postCols).select(sql<number>`count(*) over()`.as('total')).orderBy('s.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countPosts(db: Q, actor: Actor, f: PostFilter) {
  return (await postsWhere(db, actor, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n;
}
export function postsBatch(db: Q, actor: Actor, f: PostFilter, afterId: number | null, limit: number) {
  let qb = postsWhere(db, actor, f).select(postCols);
  if (afterId !== null) qb = qb.where('s.id', '<', afterId);
  return qb.orderBy('s.id', 'desc').limit(limit).execute();
}
export function getPost(db: Q, actor: Actor, id: number) {
  return db.selectFrom('service_post as s').innerJoin('org as o', 'o.id', 's.org_id').select(postCols).where('s.id', '=', id).where(inScope(actor, 's.org_path')).executeTakeFirst();
}
export type PostRow = NonNullable<Awaited<ReturnType<typeof getPost>>>;
/** Open posts of the resident's community. */
export function residentPosts(db: Q, actor: Actor, p: PageQuery) {
  const { limit, offset } = page$(p);
  return db.selectFrom('service_post as s').innerJoin('org as o', 'o.id', 's.org_id').select(postCols).select(sql<number>`count(*) over()`.as('total'))
    .where(aboveResident(actor, 's.org_path')).where('s.status', '=', 'open').orderBy('s.id', 'desc').limit(limit).offset(offset).execute();
}
export async function countResidentPosts(db: Q, actor: Actor) {
  return (await db.selectFrom('service_post as s').select(sql<number>`count(*)`.as('n')).where(aboveResident(actor, 's.org_path')).where('s.status', '=', 'open').executeTakeFirstOrThrow()).n;
}
export async function insertPost(trx: Q, org: { id: number; path: string }, v: { name: string; description: string | null; capacity: number; created_by: number }) {
  return (await trx.insertInto('service_post').values({ org_id: org.id, org_path: org.path, ...v }).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updatePost(trx: Q, id: number, v: { name?: string; description?: string | null; capacity?: number; status?: 'open' | 'closed' }) {
  await trx.updateTable('service_post').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}
export function lockPost(trx: Q, id: number) {
  return trx.selectFrom('service_post').select(['id', 'org_id', 'org_path', 'name', 'status', 'capacity', 'claimed']).where('id', '=', id).forUpdate().executeTakeFirst();
}
export async function setPostClaimed(trx: Q, id: number, claimed: number) {
  await trx.updateTable('service_post').set({ claimed, updated_at: new Date() }).where('id', '=', id).execute();
}
