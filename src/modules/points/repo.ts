import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PointAccountKind, PointTxnKind } from '../../db/schema-points.js';
import type { PageQuery } from '../../core/schemas.js';
import { scopePattern } from '../../core/scope.js';

/** Reads of the points ledger; every query is bounded by a scope path (prefix match). */
type Q = Database;

export interface AccountFilter { kind?: PointAccountKind; underPath: string; q?: string }
export interface TxnFilter { kind?: PointTxnKind; underPath: string; accountId?: number; from?: Date; to?: Date }

export async function accountsPage(db: Q, f: AccountFilter, page: PageQuery | null, afterId = 0) {
  let q = db.selectFrom('point_account as a').innerJoin('org as o', 'o.id', 'a.org_id').leftJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.kind', 'a.org_id', 'o.name as org_name', 'a.org_path', 'a.user_id', 'u.display_name as owner_name', 'a.donor_id', 'a.balance', 'a.created_at'])
    .select(sql<number>`count(*) over()`.as('total'))
    .where('a.org_path', 'like', scopePattern(f.underPath)).where('a.kind', '<>', 'issuer');
  if (f.kind) q = q.where('a.kind', '=', f.kind);
  if (f.q) q = q.where((eb) => eb.or([eb('u.display_name', 'like', `%${f.q}%`), eb('o.name', 'like', `%${f.q}%`)]));
  if (afterId) q = q.where('a.id', '>', afterId);
  q = q.orderBy('a.id');
  return page ? q.limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute() : q.limit(1000).execute();
}

export async function accountById(db: Q, id: number) {
  return db.selectFrom('point_account as a').innerJoin('org as o', 'o.id', 'a.org_id').leftJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.kind', 'a.org_id', 'o.name as org_name', 'a.org_path', 'a.user_id', 'u.display_name as owner_name', 'a.donor_id', 'a.balance', 'a.created_at'])
    .where('a.id', '=', id).executeTakeFirst();
}

export async function accountOfUser(db: Q, userId: number) {
  return db.selectFrom('point_account').select(['id', 'balance']).where('kind', '=', 'volunteer').where('user_id', '=', userId).executeTakeFirst();
}

/** Display names of accounts: a resident's name, or the org's (with the kind shown beside it by the UI). */
export async function accountNames(db: Q, ids: number[]): Promise<Map<number, { kind: PointAccountKind; name: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('point_account as a').innerJoin('org as o', 'o.id', 'a.org_id').leftJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.kind', 'a.donor_id', 'o.name as org_name', 'u.display_name']).where('a.id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { kind: r.kind, name: r.display_name ?? (r.kind === 'donor' ? `#${r.donor_id}` : r.org_name) }]));
}

const txnColumns = ['t.id', 't.kind', 't.amount', 't.at', 't.org_id', 'o.name as org_name', 't.org_path', 't.reason', 't.ref_type', 't.ref_id',
  't.reverses_txn_id', 'r.id as reversed_by', 't.debit_account_id', 't.credit_account_id', 'u.display_name as actor_name'] as const;

export async function txnsPage(db: Q, f: TxnFilter, page: PageQuery | null, beforeId: number | null = null) {
  let q = db.selectFrom('point_txn as t').innerJoin('org as o', 'o.id', 't.org_id')
    .leftJoin('point_txn as r', 'r.reverses_txn_id', 't.id').leftJoin('app_user as u', 'u.id', 't.actor_id')
    .select(txnColumns).select(sql<number>`count(*) over()`.as('total'))
    .where('t.org_path', 'like', scopePattern(f.underPath));
  if (f.kind) q = q.where('t.kind', '=', f.kind);
  if (f.accountId) q = q.where((eb) => eb.or([eb('t.debit_account_id', '=', f.accountId!), eb('t.credit_account_id', '=', f.accountId!)]));
  if (f.from) q = q.where('t.at', '>=', f.from);
  if (f.to) q = q.where('t.at', '<', f.to);
  if (beforeId) q = q.where('t.id', '<', beforeId);
  q = q.orderBy('t.id', 'desc');
  return page ? q.limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute() : q.limit(1000).execute();
}

export async function txnById(db: Q, id: number) {
  return db.selectFrom('point_txn as t').innerJoin('org as o', 'o.id', 't.org_id')
    .leftJoin('point_txn as r', 'r.reverses_txn_id', 't.id').leftJoin('app_user as u', 'u.id', 't.actor_id')
    .select(txnColumns).where('t.id', '=', id).executeTakeFirst();
}

/** An account's statement: its lines, newest first, with the movement each belongs to. */
export async function linesPage(db: Q, accountId: number, page: PageQuery) {
  return db.selectFrom('point_entry as e').innerJoin('point_txn as t', 't.id', 'e.txn_id')
    .select(['e.id', 'e.txn_id', 't.kind', 'e.amount', 'e.balance_after', 'e.at', 't.reason', 't.ref_type', 't.ref_id', 't.debit_account_id', 't.credit_account_id'])
    .select(sql<number>`count(*) over()`.as('total'))
    .where('e.account_id', '=', accountId).orderBy('e.id', 'desc')
    .limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}

/**
 * A resident's totals: earned (awards and activity points, net of their corrections), held
 * (reserved by redemptions neither completed nor cancelled: a hold whose redemption has no
 * settle or release yet) and spent (completed redemptions).
 */
export async function volunteerTotals(db: Q, accountId: number) {
  const r = await sql<{ earned: string; out_net: string; held: string }>`
    SELECT coalesce(sum(e.amount) FILTER (WHERE t.kind IN ('award', 'earn') OR (t.kind = 'reverse' AND o.kind IN ('award', 'earn'))), 0) AS earned,
           coalesce(-sum(e.amount) FILTER (WHERE t.kind IN ('hold', 'release')), 0) AS out_net,
           (SELECT coalesce(sum(h.amount), 0) FROM point_txn h
             WHERE h.kind = 'hold' AND h.debit_account_id = ${accountId}
               AND NOT EXISTS (SELECT 1 FROM point_txn x WHERE x.kind IN ('settle', 'release') AND x.ref_type = h.ref_type AND x.ref_id = h.ref_id)) AS held
    FROM point_entry e JOIN point_txn t ON t.id = e.txn_id LEFT JOIN point_txn o ON o.id = t.reverses_txn_id
    WHERE e.account_id = ${accountId}`.execute(db);
  const earned = Number(r.rows[0].earned), held = Number(r.rows[0].held);
  return { earned, held, spent: Number(r.rows[0].out_net) - held };
}

/** Per community in scope: its pool, what was issued to it and paid from it, escrow, and its residents' points. */
export async function poolSummary(db: Q, underPath: string) {
  const pattern = scopePattern(underPath);
  return sql<{ org_id: number; org_name: string; org_path: string; pool: string; issued: string; paid: string; held: string; volunteers: string; volunteer_points: string }>`
    SELECT o.id AS org_id, o.name AS org_name, o.path AS org_path,
      coalesce((SELECT balance FROM point_account WHERE kind = 'pool' AND org_id = o.id), 0) AS pool,
      coalesce((SELECT sum(CASE WHEN t.kind = 'issue' THEN t.amount ELSE -t.amount END) FROM point_txn t JOIN point_account p ON p.kind = 'pool' AND p.org_id = o.id
        WHERE (t.kind = 'issue' AND t.credit_account_id = p.id) OR (t.kind = 'reverse' AND t.debit_account_id = p.id AND EXISTS (
          SELECT 1 FROM point_txn x WHERE x.id = t.reverses_txn_id AND x.kind = 'issue'))), 0) AS issued,
      coalesce((SELECT sum(CASE WHEN t.kind = 'reverse' THEN -t.amount ELSE t.amount END) FROM point_txn t JOIN point_account p ON p.kind = 'pool' AND p.org_id = o.id
        WHERE (t.kind IN ('award', 'earn') AND t.debit_account_id = p.id) OR (t.kind = 'reverse' AND t.credit_account_id = p.id AND EXISTS (
          SELECT 1 FROM point_txn x WHERE x.id = t.reverses_txn_id AND x.kind IN ('award', 'earn')))), 0) AS paid,
      coalesce((SELECT balance FROM point_account WHERE kind = 'escrow' AND org_id = o.id), 0) AS held,
      (SELECT count(*) FROM point_account v WHERE v.kind = 'volunteer' AND v.org_path LIKE o.path || '%') AS volunteers,
      coalesce((SELECT sum(balance) FROM point_account v WHERE v.kind = 'volunteer' AND v.org_path LIKE o.path || '%'), 0) AS volunteer_points
    FROM org o WHERE o.level = 'community' AND o.path LIKE ${pattern}
    ORDER BY o.path LIMIT 500`.execute(db).then((r) => r.rows);
}
