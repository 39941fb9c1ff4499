import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB, GridPostKind } from '../../db/schema.js';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import { registerOrgDependent } from '../../core/org-dependents.js';
import type { PageQuery } from '../../core/schemas.js';

/** Grid posts, the public card and attachments. */
type Q = Database | Transaction<DB>;

registerOrgDependent({ table: 'grid_post', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '网格岗位', en: 'grid posts' } });
registerOrgDependent({ table: 'attachment', orgIdColumn: 'org_id', orgPathColumn: 'org_path', label: { zh: '附件', en: 'attachments' } });

const POST_ORDER = sql<number>`CASE p.post WHEN 'gridWorker' THEN 0 WHEN 'gridAssistant' THEN 1 ELSE 2 END`;
const postCols = ['p.id', 'p.org_id', 'p.org_path', 'p.post', 'p.primary_user_id', 'p.primary_name', 'p.backup_user_id', 'p.backup_name',
  'p.card_phone', 'p.card_duties', 'p.card_photo_id', 'p.updated_at'] as const;

/** A page of the grids below `underPath` that the actor sees. */
export function gridsPage(db: Q, actor: Actor, underPath: string, page: PageQuery) {
  return db.selectFrom('org as o').select(['o.id', 'o.name', 'o.path'])
    .select(sql<number>`count(*) over()`.as('total'))
    .where('o.level', '=', 'grid').where(inScope(actor, 'o.path')).where(inScope({ orgPath: underPath }, 'o.path'))
    .orderBy('o.code').limit(page.pageSize).offset((page.page - 1) * page.pageSize)
    .execute();
}

export async function countGrids(db: Q, actor: Actor, underPath: string): Promise<number> {
  const r = await db.selectFrom('org as o').select(sql<number>`count(*)`.as('n'))
    .where('o.level', '=', 'grid').where(inScope(actor, 'o.path')).where(inScope({ orgPath: underPath }, 'o.path'))
    .executeTakeFirstOrThrow();
  return r.n;
}

export function postsOfGrids(db: Q, actor: Actor, gridIds: number[]) {
  if (!gridIds.length) return Promise.resolve([]);
  return db.selectFrom('grid_post as p').select(postCols)
    .where('p.org_id', 'in', gridIds).where(inScope(actor, 'p.org_path'))
    .orderBy('p.org_id').orderBy(POST_ORDER).orderBy('p.id').execute();
}
export type PostRow = Awaited<ReturnType<typeof postsOfGrids>>[number];

export function getPost(db: Q, actor: Actor, id: number) {
  return db.selectFrom('grid_post as p').select(postCols).where('p.id', '=', id).where(inScope(actor, 'p.org_path')).executeTakeFirst();
}

/** Serialises post changes of one grid so the 1+4 limits hold under concurrent writers. */
export async function lockGrid(trx: Transaction<DB>, gridId: number) {
  await sql`SELECT pg_advisory_xact_lock(72630003, ${gridId}::int)`.execute(trx);
}

export function postFacts(trx: Q, gridId: number) {
  return trx.selectFrom('grid_post').select(['id', 'post', sql<boolean>`backup_name IS NOT NULL`.as('has_backup')])
    .where('org_id', '=', gridId).execute();
}

export interface PostValues {
  primary_user_id: number | null; primary_name: string; backup_user_id: number | null; backup_name: string | null;
  card_phone: string | null; card_duties: string | null; card_photo_id: number | null;
}

export async function insertPost(trx: Q, grid: { id: number; path: string }, post: GridPostKind, v: PostValues): Promise<number> {
  const r = await trx.insertInto('grid_post').values({ org_id: grid.id, org_path: grid.path, post, ...v }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePost(trx: Q, id: number, v: Partial<PostValues>) {
  await trx.updateTable('grid_post').set({ ...v, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function deletePost(trx: Q, id: number) {
  await trx.deleteFrom('grid_post').where('id', '=', id).execute();
}

/** An account that may hold a post, if the actor sees it. */
export function holderAccount(db: Q, actor: Actor, userId: number) {
  return db.selectFrom('app_user as u').select(['u.id', 'u.role', 'u.org_id as orgId', 'u.status', 'u.display_name'])
    .where('u.id', '=', userId).where(inScope(actor, 'u.org_path')).executeTakeFirst();
}

/** Posts of the grids of a resident's org: the public card only. */
export function cardsInScope(db: Q, actor: Actor) {
  return db.selectFrom('grid_post as p').innerJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.org_id', 'o.name as grid_name', 'p.post', 'p.primary_name', 'p.backup_name', 'p.card_phone', 'p.card_duties', 'p.card_photo_id'])
    .where(inScope(actor, 'p.org_path'))
    .orderBy('o.code').orderBy(POST_ORDER).orderBy('p.id').limit(1000).execute();
}

// ── Attachments ──
export async function insertAttachment(trx: Q, v: { orgId: number; orgPath: string; contentType: 'image/jpeg' | 'image/png' | 'image/webp'; data: Buffer; sha256: string; uploadedBy: number }) {
  const r = await trx.insertInto('attachment').values({
    org_id: v.orgId, org_path: v.orgPath, content_type: v.contentType, size: v.data.length, sha256: v.sha256, data: v.data, uploaded_by: v.uploadedBy,
  }).returning(['id', 'content_type', 'size', 'sha256', 'created_at']).executeTakeFirstOrThrow();
  return r;
}

/** Of these attachment ids, those uploaded within the actor's scope. */
export async function attachmentsInScope(db: Q, actor: Actor, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('attachment as a').select('a.id').where('a.id', 'in', ids).where(inScope(actor, 'a.org_path')).execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of the images the actor uploaded themselves. */
export async function attachmentsUploadedBy(db: Q, userId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('attachment').select('id').where('id', 'in', ids).where('uploaded_by', '=', userId).execute();
  return new Set(rows.map((r) => r.id));
}

export function attachmentById(db: Q, id: number) {
  return db.selectFrom('attachment').select(['id', 'content_type', 'data']).where('id', '=', id).executeTakeFirst();
}

/**
 * Staff see an image uploaded in their scope, or one used by a post or a visit in their
 * scope (a street worker's upload on a grid's card is still that grid's card).
 */
export function attachmentForStaff(db: Q, actor: Actor, id: number) {
  return db.selectFrom('attachment as a').select(['a.id', 'a.content_type', 'a.size', 'a.data'])
    .where('a.id', '=', id)
    .where((eb) => eb.or([
      inScope(actor, 'a.org_path'),
      eb.exists(eb.selectFrom('grid_post as p').select(sql`1`.as('x')).whereRef('p.card_photo_id', '=', 'a.id').where(inScope(actor, 'p.org_path'))),
      eb.exists(eb.selectFrom('visit as v').select(sql`1`.as('x')).where(sql<boolean>`v.photo_ids @> ARRAY[a.id]`).where(inScope(actor, 'v.org_path'))),
    ]))
    .executeTakeFirst();
}

/** Residents see only the card photos of the posts of their own grid(s). */
export function cardPhotoForResident(db: Q, actor: Actor, id: number) {
  return db.selectFrom('attachment as a').select(['a.id', 'a.content_type', 'a.size', 'a.data'])
    .where('a.id', '=', id)
    .where((eb) => eb.exists(eb.selectFrom('grid_post as p').select(sql`1`.as('x')).whereRef('p.card_photo_id', '=', 'a.id').where(inScope(actor, 'p.org_path'))))
    .executeTakeFirst();
}
