import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../core/context.js';
import { inScope } from '../../core/scope.js';
import type { PageQuery } from '../../core/schemas.js';
import type { Q } from './repo.js';

/** Results per dimension and rectifications (scope applied here). */
export async function resultsByDimension(db: Q, campaignId: number) {
  return db.selectFrom('eval_result as r').innerJoin('eval_dimension as d', 'd.id', 'r.dimension_id')
    .select(['r.evaluatee_id', 'r.dimension_id', 'r.self_score', 'r.peer_score', 'r.resident_score', 'r.final_score'])
    .where('r.campaign_id', '=', campaignId).orderBy('r.evaluatee_id').orderBy('d.position').execute();
}

const rectCols = (db: Q) => db.selectFrom('eval_rectification as x').innerJoin('eval_evaluatee as e', 'e.id', 'x.evaluatee_id').innerJoin('eval_campaign as c', 'c.id', 'x.campaign_id')
  .select(['x.id', 'x.campaign_id', 'c.title as campaign_title', 'x.evaluatee_id', 'e.name', 'e.final_score', 'c.pass_mark', 'x.deadline', 'x.status', 'x.measures',
    'x.reported_at', 'x.closed_at', 'x.org_id', 'x.org_path', 'e.kind', 'e.subject_id', 'e.subject_path']);
export type RectRow = NonNullable<Awaited<ReturnType<typeof rectById>>>;
export async function rectById(db: Q, id: number) {
  return rectCols(db).where('x.id', '=', id).executeTakeFirst();
}

export interface RectFilter { status?: 'open' | 'closed'; overdue?: boolean; campaignId?: number }
/** In scope, or the rectification of an evaluatee the actor acts for (its own org, its social organization; partner units are in scope anyway). */
function rectQuery(db: Q, actor: Actor, f: RectFilter, today: string, socialOrgIds: number[] = []) {
  let qb = rectCols(db).where((eb) => eb.or([
    inScope(actor, 'x.org_path'),
    eb.and([eb('e.kind', '=', 'org'), eb('e.subject_id', '=', actor.orgId)]),
    ...(socialOrgIds.length ? [eb.and([eb('e.kind', '=', 'socialOrg'), eb('e.subject_id', 'in', socialOrgIds)])] : []),
  ]));
  if (f.status) qb = qb.where('x.status', '=', f.status);
  if (f.campaignId) qb = qb.where('x.campaign_id', '=', f.campaignId);
  if (f.overdue !== undefined) qb = qb.where(f.overdue ? sql<SqlBool>`(x.status = 'open' AND x.deadline < ${today}::date)` : sql<SqlBool>`NOT (x.status = 'open' AND x.deadline < ${today}::date)`);
  return qb;
}
export async function rectPage(db: Q, actor: Actor, f: RectFilter, today: string, page: PageQuery, socialOrgIds: number[] = []) {
  return rectQuery(db, actor, f, today, socialOrgIds).select(sql<number>`count(*) over()::int`.as('total'))
    .orderBy('x.status', 'desc').orderBy('x.deadline').orderBy('x.id').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export async function countRects(db: Q, actor: Actor, f: RectFilter, today: string, socialOrgIds: number[] = []) {
  return (await db.selectFrom(rectQuery(db, actor, f, today, socialOrgIds).as('y')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

export async function signoffsOf(db: Q, ids: number[]) {
  if (!ids.length) return [];
  return db.selectFrom('eval_signoff as s').innerJoin('app_user as u', 'u.id', 's.recorded_by')
    .select(['s.rectification_id', 's.level', 's.signer', 's.note', 's.signed_at', 'u.display_name as recorded_by_name'])
    .where('s.rectification_id', 'in', ids).orderBy('s.signed_at').execute();
}
export type SignoffRow = Awaited<ReturnType<typeof signoffsOf>>[number];
