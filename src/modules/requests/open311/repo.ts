import type { Database } from '../../../db/database.js';
import type { RequestStatus } from '../../../db/schema.js';

/**
 * The reads behind the Open311 endpoints. Only requests of a public category are ever
 * selected, and never a contact column: these answers go to anyone on the internet.
 */

/** Our statuses that Open311 calls `closed` ("it has been resolved"); every other one is `open`. */
export const CLOSED_STATUSES: readonly RequestStatus[] = ['resolved', 'rated', 'closed', 'merged'];
/** Events whose note explains the request's state to the public (written by the handling staff). */
export const NOTE_ACTIONS = ['resolve', 'return', 'close', 'merge'] as const;
/** The spec's ceiling for one GET requests answer. */
export const MAX_REQUESTS = 1000;

const serviceQuery = (db: Database) => db.selectFrom('request_category as c')
  .leftJoin('request_category as p', 'p.id', 'c.parent_id')
  .select(['c.code', 'c.name', 'c.name_en', 'c.description', 'p.name as group_name', 'p.name_en as group_name_en'])
  .where('c.active', '=', true);

/** Every active category is a service, parents included. */
export function listServices(db: Database) {
  return serviceQuery(db).orderBy('c.sort').orderBy('c.code').execute();
}
export type ServiceRow = Awaited<ReturnType<typeof listServices>>[number];

export function getService(db: Database, code: string) {
  return serviceQuery(db).where('c.code', '=', code).executeTakeFirst();
}

/** An API key by its keyed hash (the raw key is never stored). */
export function findKey(db: Database, keyHash: string) {
  return db.selectFrom('open311_key').select(['id', 'org_id', 'org_path', 'revoked_at'])
    .where('key_hash', '=', keyHash).executeTakeFirst();
}

export interface RequestFilter {
  /** service_request_id: overrides every other filter. */
  ids?: number[];
  codes?: string[];
  from: Date;
  to: Date;
  /** Open311 status: only open, only closed, or (undefined) both. */
  status?: 'open' | 'closed';
}

function requestQuery(db: Database) {
  return db.selectFrom('request as r')
    .innerJoin('request_category as c', 'c.id', 'r.category_id')
    .leftJoin('org as h', 'h.id', 'r.handler_org_id')
    .select(['r.id', 'r.status', 'r.description', 'r.address', 'r.lon', 'r.lat', 'r.photo_ids', 'r.media_url', 'r.resolution',
      'r.created_at', 'r.updated_at', 'r.resolved_at', 'r.closed_at', 'r.resolve_due_at', 'c.code', 'c.name', 'h.name as handler_name'])
    .where('c.public', '=', true);
}
export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['execute']>>[number];

/** Public requests matching the filter, newest first, at most MAX_REQUESTS. */
export function listRequests(db: Database, f: RequestFilter) {
  let q = requestQuery(db);
  if (f.ids) {
    if (!f.ids.length) return Promise.resolve([]);
    q = q.where('r.id', 'in', f.ids);
  } else {
    q = q.where('r.created_at', '>=', f.from).where('r.created_at', '<=', f.to);
    if (f.codes?.length) q = q.where('c.code', 'in', f.codes);
    if (f.status === 'closed') q = q.where('r.status', 'in', CLOSED_STATUSES);
    if (f.status === 'open') q = q.where('r.status', 'not in', CLOSED_STATUSES);
  }
  return q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(MAX_REQUESTS).execute();
}

export function getRequest(db: Database, id: number) {
  return requestQuery(db).where('r.id', '=', id).executeTakeFirst();
}

/** The latest public note (resolution, return, closing or merge reason) per request. */
export async function latestNotes(db: Database, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('request_event').distinctOn('request_id').select(['request_id', 'note'])
    .where('request_id', 'in', ids).where('action', 'in', NOTE_ACTIONS).where('note', 'is not', null)
    .orderBy('request_id').orderBy('id', 'desc').execute();
  return new Map(rows.map((r) => [r.request_id, r.note as string]));
}

/** A request created through Open311, by the token handed to its submitter. */
export function requestByToken(db: Database, token: string) {
  return db.selectFrom('request').select(['id', 'open311_token'])
    .where('open311_token', '=', token).where('channel', '=', 'open311').executeTakeFirst();
}

/** What the POST answer tells the submitter about a request just created. */
export function createdRequest(db: Database, id: number) {
  return db.selectFrom('request').select(['id', 'open311_token', 'resolve_due_at']).where('id', '=', id).executeTakeFirstOrThrow();
}
