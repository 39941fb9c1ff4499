import { sql, type Expression, type Selectable, type SqlBool, type Transaction, type Updateable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, RequestKind, RequestStatus } from '../../db/schema.js';
import type { Actor } from '../../core/context.js';
import { inScope, scopePattern } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';
import { AWAITING_DISPATCH, HELD } from './rules.js';

/** Requests, their timeline and summons. Visibility is applied here, in every read. */
export type Q = Database | Transaction<DB>;

registerOrgDependent({ table: 'request', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '诉求', en: 'requests' } });
registerOrgDependent({ table: 'request', orgIdColumn: 'handler_org_id', orgPathColumn: 'handler_path', label: { zh: '承办的诉求', en: 'requests handled' } });
registerOrgDependent({ table: 'request_event', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '诉求流转记录', en: 'request events' } });
registerOrgDependent({ table: 'request_summons', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '吹哨报到', en: 'summons' } });
registerOrgDependent({ table: 'notification', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '通知', en: 'notifications' } });
registerOrgDependent({ table: 'request_stat', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '诉求统计', en: 'request figures' } });
registerOrgDependent({ table: 'request_stat', orgIdColumn: 'handler_org_id', orgPathColumn: 'handler_path', label: { zh: '诉求统计', en: 'request figures' } });

/**
 * Who sees a request: staff whose scope holds its area or its handler, or whose unit was
 * summoned to it; a resident only what they reported. This form suits one known row.
 */
export function visible(actor: Actor, staff: boolean): Expression<SqlBool> {
  if (!staff) return sql<SqlBool>`r.reporter_user_id = ${actor.userId}`;
  const p = scopePattern(actor.orgPath);
  return sql<SqlBool>`(${inScope(actor, 'r.org_path')} OR ${inScope(actor, 'r.handler_path')}
    OR r.id IN (SELECT s.request_id FROM request_summons s WHERE s.org_path LIKE ${p}))`;
}

/**
 * The visible open queue for lists and counts, read from the partial open-queue indexes
 * alone: a UNION of three branches (area path, handler path, summons), each answered by
 * its own index, with the columns the board filters on INCLUDEd in those indexes
 * (migrations/0004), so a page or a count never touches the table until the page's own
 * rows are read. (An OR across the path columns makes the planner walk the whole city's
 * open queue instead.) It has the request columns the filters use, under alias `r`.
 */
const QUEUE_COLUMNS = sql`id, true AS is_open, status, overdue_level, kind, category_id, created_at, org_path, handler_org_id`;
function openQueue(actor: Actor) {
  const p = scopePattern(actor.orgPath);
  return sql<Selectable<DB['request']>>`(SELECT ${QUEUE_COLUMNS} FROM request WHERE is_open AND org_path LIKE ${p}
    UNION SELECT ${QUEUE_COLUMNS} FROM request WHERE is_open AND handler_path LIKE ${p}
    UNION SELECT q.id, true, q.status, q.overdue_level, q.kind, q.category_id, q.created_at, q.org_path, q.handler_org_id
      FROM request_summons s JOIN request q ON q.id = s.request_id WHERE q.is_open AND s.org_path LIKE ${p})`;
}

export type View = 'open' | 'awaiting' | 'held' | 'overdue' | 'done' | 'all' | 'mine' | 'summoned';
export interface ListFilter {
  view: View; status?: RequestStatus; kind?: RequestKind; categoryId?: number; underPath?: string; handlerOrgId?: number;
  q?: string; from?: Date; to?: Date;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

const OPEN_VIEWS: View[] = ['open', 'awaiting', 'held', 'overdue'];
const fromRequest = (db: Q) => db.selectFrom('request as r');

/** Can the rows be picked from the open-queue indexes alone (the board's views, no text search)? */
const fromQueue = (staff: boolean, f: ListFilter) => staff && OPEN_VIEWS.includes(f.view) && !f.q;

/**
 * The filtered visible requests. With `idsOnly` the caller reads nothing but `r.id` (pages
 * of ids, counts), so the board's views come from the open-queue indexes.
 */
function filtered(db: Q, actor: Actor, staff: boolean, f: ListFilter, idsOnly = false) {
  let qb = idsOnly && fromQueue(staff, f)
    ? db.selectFrom(openQueue(actor).as('r')) as unknown as ReturnType<typeof fromRequest>
    : fromRequest(db).where(visible(actor, staff));
  switch (f.view) {
    case 'open': qb = qb.where('r.is_open', '=', true); break;
    case 'awaiting': qb = qb.where('r.is_open', '=', true).where('r.status', 'in', [...AWAITING_DISPATCH]); break;
    case 'held': qb = qb.where('r.is_open', '=', true).where('r.status', 'in', [...HELD]); break;
    case 'overdue': qb = qb.where('r.is_open', '=', true).where('r.overdue_level', '>', 0); break;
    case 'done': qb = qb.where('r.is_open', '=', false); break;
    case 'mine': qb = qb.where('r.reporter_user_id', '=', actor.userId); break;
    case 'summoned': qb = qb.where('r.id', 'in', (eb) => eb.selectFrom('request_summons as s').select('s.request_id').where(inScope(actor, 's.org_path'))); break;
    case 'all': break;
  }
  if (f.status) qb = qb.where('r.status', '=', f.status);
  if (f.kind) qb = qb.where('r.kind', '=', f.kind);
  if (f.categoryId) qb = qb.where('r.category_id', 'in', (eb) => eb.selectFrom('request_category').select('id').where((w) => w.or([w('id', '=', f.categoryId!), w('parent_id', '=', f.categoryId!)])));
  if (f.underPath) qb = qb.where(inScope({ orgPath: f.underPath }, 'r.org_path'));
  if (f.handlerOrgId) qb = qb.where('r.handler_org_id', '=', f.handlerOrgId);
  if (f.q) { const like = `%${escapeLike(f.q)}%`; qb = qb.where((w) => w.or([w('r.description', 'ilike', like), w('r.address', 'ilike', like)])); }
  if (f.from) qb = qb.where('r.created_at', '>=', f.from);
  if (f.to) qb = qb.where('r.created_at', '<', f.to);
  return qb;
}

const columns = [
  'r.id', 'r.org_id', 'r.org_path', 'o.name as org_name', 'r.handler_org_id', 'r.handler_path', 'h.name as handler_name',
  'r.category_id', 'c.name as category_name', 'c.name_en as category_name_en', 'r.kind', 'r.channel', 'r.status', 'r.description', 'r.address',
  'r.lon', 'r.lat', 'r.photo_ids', 'r.media_url', 'r.reporter_kind', 'r.reporter_user_id', 'r.contact_name_masked', 'r.contact_phone_masked',
  'r.routed_auto', 'r.accept_due_at', 'r.respond_due_at', 'r.resolve_due_at', 'r.escalate_hours', 'r.accepted_at', 'r.dispatched_at',
  'r.responded_at', 'r.resolved_at', 'r.rated_at', 'r.closed_at', 'r.overdue_level', 'r.rating', 'r.rating_comment', 'r.reopen_count',
  'r.resolution', 'r.merged_into_id', 'r.possible_duplicate_of', 'r.open311_token', 'r.version', 'r.created_at', 'r.updated_at',
] as const;

function named(qb: ReturnType<typeof fromRequest>) {
  return qb.innerJoin('org as o', 'o.id', 'r.org_id')
    .innerJoin('request_category as c', 'c.id', 'r.category_id')
    .leftJoin('org as h', 'h.id', 'r.handler_org_id')
    .select(columns);
}

/** One page plus one row, so the caller knows whether more follow without counting them all. */
export function listPage(db: Q, actor: Actor, staff: boolean, f: ListFilter, page: PageQuery) {
  const limit = page.pageSize + 1, offset = (page.page - 1) * page.pageSize;
  if (fromQueue(staff, f)) {
    // The page's ids from the indexes first, then only those rows.
    const ids = filtered(db, actor, staff, f, true).select('r.id').orderBy('r.id', 'desc').limit(limit).offset(offset);
    return named(fromRequest(db)).where('r.id', 'in', ids).orderBy('r.id', 'desc').execute();
  }
  return named(filtered(db, actor, staff, f)).orderBy('r.id', 'desc').limit(limit).offset(offset).execute();
}
export type RequestRow = Awaited<ReturnType<typeof listPage>>[number];

export async function countUpTo(db: Q, actor: Actor, staff: boolean, f: ListFilter, cap: number): Promise<number> {
  const inner = filtered(db, actor, staff, f, true).select('r.id').limit(cap);
  const r = await db.selectFrom(inner.as('x')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** The board's counters over the visible open queue, each capped. */
export async function counters(db: Q, actor: Actor, cap: number) {
  const r = await sql<{ open: number; awaiting: number; overdue: number }>`
    SELECT count(*)::int AS open,
           count(*) FILTER (WHERE x.status = ANY(${[...AWAITING_DISPATCH]}::text[]))::int AS awaiting,
           count(*) FILTER (WHERE x.overdue_level > 0)::int AS overdue
    FROM (SELECT r.status, r.overdue_level FROM ${openQueue(actor)} r LIMIT ${cap}) x`.execute(db);
  return r.rows[0];
}

export function exportBatch(db: Q, actor: Actor, staff: boolean, f: ListFilter, beforeId: number | null, size: number) {
  let qb = named(filtered(db, actor, staff, f));
  if (beforeId) qb = qb.where('r.id', '<', beforeId);
  return qb.orderBy('r.id', 'desc').limit(size).execute();
}

export function getVisible(db: Q, actor: Actor, staff: boolean, id: number) {
  return named(fromRequest(db).where(visible(actor, staff))).where('r.id', '=', id).executeTakeFirst();
}

/** The row a transition works on, locked until commit so concurrent actions queue up. */
export function lockRequest(trx: Transaction<DB>, id: number) {
  return trx.selectFrom('request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export type LockedRequest = NonNullable<Awaited<ReturnType<typeof lockRequest>>>;

export function events(db: Q, requestId: number) {
  return db.selectFrom('request_event as e').leftJoin('org as t', 't.id', 'e.target_org_id')
    .select(['e.id', 'e.action', 'e.from_status', 'e.to_status', 'e.actor_name', 't.name as target_name', 'e.note', 'e.at'])
    .where('e.request_id', '=', requestId).orderBy('e.id').execute();
}

export function summons(db: Q, requestId: number) {
  return db.selectFrom('request_summons as s').innerJoin('org as o', 'o.id', 's.org_id')
    .select(['s.id', 's.org_id', 's.org_path', 'o.name as org_name', 's.reason', 's.whistled_at', 's.due_at', 's.checked_in_at', 's.report',
      's.reported_at', 's.supervised_at', 's.late'])
    .where('s.request_id', '=', requestId).orderBy('s.id').execute();
}
export type SummonsRow = Awaited<ReturnType<typeof summons>>[number];

export interface EventInput {
  requestId: number; orgId: number; orgPath: string; action: string; fromStatus: RequestStatus | null; toStatus: RequestStatus;
  actorId: number | null; actorName: string | null; actorOrgId: number | null; targetOrgId?: number | null; note?: string | null; at?: Date;
}

export async function insertEvent(trx: Q, e: EventInput): Promise<void> {
  await insertEvents(trx, [e]);
}

export interface InsertedEvent { id: number; action: string; from_status: string | null; to_status: string; actor_name: string | null; target_org_id: number | null; note: string | null; at: Date }

/** Several timeline entries in one statement (a submission's own and its automatic dispatch). */
export function insertEvents(trx: Q, list: EventInput[]): Promise<InsertedEvent[]> {
  return trx.insertInto('request_event').values(list.map((e) => ({
    request_id: e.requestId, org_id: e.orgId, org_path: e.orgPath, action: e.action, from_status: e.fromStatus, to_status: e.toStatus,
    actor_id: e.actorId, actor_name: e.actorName, actor_org_id: e.actorOrgId, target_org_id: e.targetOrgId ?? null, note: e.note ?? null,
    ...(e.at ? { at: e.at } : {}),
  }))).returning(['id', 'action', 'from_status', 'to_status', 'actor_name', 'target_org_id', 'note', 'at']).execute();
}

export type RequestPatch = Updateable<DB['request']>;

/** Applies a transition's changes and bumps the version (the row is locked by the caller). */
export async function updateRequest(trx: Q, id: number, patch: RequestPatch): Promise<void> {
  await trx.updateTable('request').set({ ...patch, version: sql`version + 1`, updated_at: sql`now()` } as never).where('id', '=', id).execute();
}

/** Open requests of the same category near a point and recent, for duplicate flagging. */
/**
 * The open requests of a category filed since `since`, within `radius` degrees of a point,
 * nearest first (a KNN scan of request_open_near_idx: it stops after `limit`, however
 * crowded the spot).
 */
export async function nearbyOpen(db: Q, categoryId: number, p: { lon: number; lat: number }, radius: number, since: Date, limit: number) {
  const pt = sql`point(${p.lon}::float8, ${p.lat}::float8)`;
  return db.selectFrom('request').select(['id', 'lon', 'lat'])
    .where('category_id', '=', categoryId).where(sql<boolean>`is_open AND lon IS NOT NULL`).where('created_at', '>=', since)
    .where(sql<boolean>`point(lon, lat) <@ circle(${pt}, ${radius}::float8)`)
    .orderBy(sql`point(lon, lat) <-> ${pt}`).limit(limit).execute();
}

export async function findByClientKey(db: Q, idemScope: string, clientKey: string) {
  return db.selectFrom('request').select(['id', 'open311_token']).where('idem_scope', '=', idemScope).where('client_key', '=', clientKey).executeTakeFirst();
}

/** Points of the visible open queue for the map (bounded). */
export function mapPoints(db: Q, actor: Actor, underPath: string | null, limit: number) {
  let qb = db.selectFrom('request as r').innerJoin('request_category as c', 'c.id', 'r.category_id')
    .select(['r.id', 'r.lon', 'r.lat', 'r.status', 'r.overdue_level', 'c.name as category_name'])
    .where('r.is_open', '=', true).where('r.lon', 'is not', null)
    .where('r.id', 'in', (eb) => eb.selectFrom(openQueue(actor).as('v')).select('v.id'));
  if (underPath) qb = qb.where(inScope({ orgPath: underPath }, 'r.org_path'));
  return qb.orderBy('r.id', 'desc').limit(limit).execute();
}

export function contactCiphertext(db: Q, id: number) {
  return db.selectFrom('request').select(['contact_name_enc', 'contact_phone_enc']).where('id', '=', id).executeTakeFirstOrThrow();
}
