import type { AuthedCtx } from '../../core/context.js';
import { inTransaction, recordAudit } from '../../core/audit.js';
import { errors } from '../../core/errors.js';
import { paged, type PageQuery } from '../../core/schemas.js';
import { pathInScope } from '../../core/scope.js';
import * as orgRepo from '../orgs/repo.js';
import type { PointAccountKind, PointTxnKind } from '../../db/schema-points.js';
import { issuerAccount, poolAccount, post, reverse, volunteerAccount } from './ledger.js';
import { verifyLedger } from './verify.js';
import * as policy from './policy.js';
import * as repo from './repo.js';

/**
 * Points operations (积分管理): a resident's own account; staff views of accounts and
 * movements in scope; funding a community's pool (下拨), awards (奖励), corrections (冲正);
 * verification. Every write is one transaction with its audit record, keyed by the
 * client's idempotency key.
 */
type Txn = NonNullable<Awaited<ReturnType<typeof repo.txnById>>>;
type AccountRow = NonNullable<Awaited<ReturnType<typeof repo.accountById>>>;

const chinaDay = (d: string, plusDays = 0) => new Date(Date.parse(`${d}T00:00:00+08:00`) + plusDays * 86_400_000);

function presentAccount(r: AccountRow) {
  return {
    id: r.id, kind: r.kind, orgId: r.org_id, orgName: r.org_name, orgPath: r.org_path, userId: r.user_id, ownerName: r.owner_name,
    donorId: r.donor_id, balance: r.balance, createdAt: r.created_at.toISOString(),
  };
}

async function presentTxns(ctx: AuthedCtx, rows: Txn[]) {
  const names = await repo.accountNames(ctx.deps.db, rows.flatMap((r) => [r.debit_account_id, r.credit_account_id]));
  const side = (id: number) => ({ id, ...(names.get(id) ?? { kind: 'pool' as PointAccountKind, name: `#${id}` }) });
  return rows.map((r) => ({
    id: r.id, kind: r.kind, amount: r.amount, at: r.at.toISOString(), orgId: r.org_id, orgName: r.org_name, reason: r.reason,
    refType: r.ref_type, refId: r.ref_id, reversesTxnId: r.reverses_txn_id, reversedByTxnId: r.reversed_by, actorName: r.actor_name,
    from: side(r.debit_account_id), to: side(r.credit_account_id),
    actions: !r.reversed_by && policy.canCorrect(ctx.actor, { kind: r.kind, orgPath: r.org_path }) ? ['reverse'] : [],
  }));
}

/** The org a staff view is rooted at: one in the actor's scope (default: their own). */
async function rootPath(ctx: AuthedCtx, orgId?: number): Promise<string> {
  if (orgId === undefined) return ctx.actor.orgPath;
  const o = await orgRepo.getById(ctx.deps.db, orgId);
  if (!o || !pathInScope(ctx.actor, o.path)) throw errors.notFound('org');
  return o.path;
}

function requireRead(ctx: AuthedCtx, path: string) {
  if (!policy.canReadPoints(ctx.actor, path)) throw errors.forbidden();
}

// ── A resident's own points ──
export async function myPoints(ctx: AuthedCtx, page: PageQuery) {
  if (!policy.canReadOwnPoints(ctx.actor)) throw errors.forbidden();
  const acc = await repo.accountOfUser(ctx.deps.db, ctx.actor.userId);
  if (!acc) return { balance: 0, earned: 0, spent: 0, held: 0, ...paged([], 0, page) };
  const [lines, totals] = await Promise.all([repo.linesPage(ctx.deps.db, acc.id, page), repo.volunteerTotals(ctx.deps.db, acc.id)]);
  return { balance: acc.balance, ...totals, ...paged(await presentLines(ctx, acc.id, lines), lines[0]?.total ?? 0, page) };
}

async function presentLines(ctx: AuthedCtx, accountId: number, lines: Awaited<ReturnType<typeof repo.linesPage>>) {
  const names = await repo.accountNames(ctx.deps.db, lines.map((l) => (l.debit_account_id === accountId ? l.credit_account_id : l.debit_account_id)));
  return lines.map((l) => ({
    id: l.id, txnId: l.txn_id, kind: l.kind, amount: l.amount, balanceAfter: l.balance_after, at: l.at.toISOString(), reason: l.reason,
    refType: l.ref_type, refId: l.ref_id, counterparty: names.get(l.debit_account_id === accountId ? l.credit_account_id : l.debit_account_id)?.name ?? '',
  }));
}

// ── Staff views ──
export interface AccountsInput { orgId?: number; kind?: PointAccountKind; q?: string }
export async function listAccounts(ctx: AuthedCtx, q: AccountsInput, page: PageQuery) {
  const under = await rootPath(ctx, q.orgId);
  requireRead(ctx, under);
  const rows = await repo.accountsPage(ctx.deps.db, { underPath: under, kind: q.kind, q: q.q?.trim() || undefined }, page);
  return paged(rows.map(presentAccount), rows[0]?.total ?? 0, page);
}

export const ACCOUNT_COLUMNS = (en: boolean) => [
  { header: en ? 'Account' : '账户编号', key: 'id', width: 10 }, { header: en ? 'Kind' : '类型', key: 'kind', width: 12 },
  { header: en ? 'Owner' : '户主', key: 'ownerName' }, { header: en ? 'Org' : '所属组织', key: 'orgName', width: 24 },
  { header: en ? 'Balance' : '余额', key: 'balance', width: 12 }, { header: en ? 'Opened' : '开户时间', key: 'createdAt', width: 22 },
];

export async function* exportAccounts(ctx: AuthedCtx, q: AccountsInput): AsyncIterable<Record<string, unknown>> {
  const under = await rootPath(ctx, q.orgId);
  requireRead(ctx, under);
  let after = 0, n = 0;
  for (;;) {
    const rows = await repo.accountsPage(ctx.deps.db, { underPath: under, kind: q.kind, q: q.q?.trim() || undefined }, null, after);
    for (const r of rows) { n++; yield presentAccount(r); }
    if (rows.length < 1000) break;
    after = rows[rows.length - 1].id;
  }
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'points.export', entityType: 'pointAccount', orgPath: under, detail: { what: 'accounts', rows: n, ...q } }));
}

export async function statement(ctx: AuthedCtx, accountId: number, page: PageQuery) {
  const acc = await repo.accountById(ctx.deps.db, accountId);
  if (!acc || acc.kind === 'issuer' || !policy.canReadPoints(ctx.actor, acc.org_path)) throw errors.notFound('pointAccount');
  const lines = await repo.linesPage(ctx.deps.db, acc.id, page);
  return { account: presentAccount(acc), ...paged(await presentLines(ctx, acc.id, lines), lines[0]?.total ?? 0, page) };
}

export interface TxnsInput { orgId?: number; kind?: PointTxnKind; accountId?: number; from?: string; to?: string }
const txnFilter = (under: string, q: TxnsInput) => ({
  underPath: under, kind: q.kind, accountId: q.accountId,
  from: q.from ? chinaDay(q.from) : undefined, to: q.to ? chinaDay(q.to, 1) : undefined,
});

export async function listTxns(ctx: AuthedCtx, q: TxnsInput, page: PageQuery) {
  const under = await rootPath(ctx, q.orgId);
  requireRead(ctx, under);
  if (q.from && q.to && q.from > q.to) throw errors.field('to', { zh: '结束日期不能早于开始日期', en: 'must not be before from' });
  const rows = await repo.txnsPage(ctx.deps.db, txnFilter(under, q), page);
  return paged(await presentTxns(ctx, rows), rows[0]?.total ?? 0, page);
}

export const TXN_COLUMNS = (en: boolean) => [
  { header: en ? 'No.' : '流水号', key: 'id', width: 10 }, { header: en ? 'Time' : '时间', key: 'at', width: 22 },
  { header: en ? 'Kind' : '类型', key: 'kind', width: 10 }, { header: en ? 'Points' : '积分', key: 'amount', width: 10 },
  { header: en ? 'From' : '转出', key: 'fromName', width: 20 }, { header: en ? 'To' : '转入', key: 'toName', width: 20 },
  { header: en ? 'Org' : '发生组织', key: 'orgName', width: 20 }, { header: en ? 'Reason' : '事由', key: 'reason', width: 30 },
  { header: en ? 'Cause' : '关联', key: 'ref', width: 16 }, { header: en ? 'By' : '经办人', key: 'actorName', width: 12 },
  { header: en ? 'Reverses' : '冲正原流水', key: 'reversesTxnId', width: 12 }, { header: en ? 'Reversed by' : '被冲正', key: 'reversedByTxnId', width: 12 },
];

export async function* exportTxns(ctx: AuthedCtx, q: TxnsInput): AsyncIterable<Record<string, unknown>> {
  const under = await rootPath(ctx, q.orgId);
  requireRead(ctx, under);
  let before: number | null = null, n = 0;
  for (;;) {
    const rows = await repo.txnsPage(ctx.deps.db, txnFilter(under, q), null, before);
    for (const t of await presentTxns(ctx, rows)) {
      n++;
      yield { ...t, fromName: `${t.from.name} (${t.from.kind})`, toName: `${t.to.name} (${t.to.kind})`, ref: t.refType ? `${t.refType} #${t.refId}` : '' };
    }
    if (rows.length < 1000) break;
    before = rows[rows.length - 1].id;
  }
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'points.export', entityType: 'pointTxn', orgPath: under, detail: { what: 'movements', rows: n, ...q } }));
}

export async function summary(ctx: AuthedCtx, orgId?: number) {
  const under = await rootPath(ctx, orgId);
  requireRead(ctx, under);
  const rows = await repo.poolSummary(ctx.deps.db, under);
  return {
    items: rows.map((r) => ({
      orgId: r.org_id, orgName: r.org_name, orgPath: r.org_path, pool: Number(r.pool), issued: Number(r.issued), paid: Number(r.paid),
      held: Number(r.held), volunteers: Number(r.volunteers), volunteerPoints: Number(r.volunteer_points),
    })),
  };
}

// ── Writes ──
async function answer(ctx: AuthedCtx, posted: { txnId: number; created: boolean }) {
  const t = await repo.txnById(ctx.deps.db, posted.txnId);
  return { created: posted.created, txn: (await presentTxns(ctx, [t!]))[0] };
}

/** 下拨: the street funds a community's pool from the district's issuer. */
export async function issueToPool(ctx: AuthedCtx, b: { communityId: number; amount: number; reason: string; clientKey: string }) {
  const c = await orgRepo.getById(ctx.deps.db, b.communityId);
  if (!c || c.level !== 'community' || !pathInScope(ctx.actor, c.path)) throw errors.field('communityId', { zh: '须为您范围内的社区', en: 'must be a community within your scope' });
  if (!policy.canIssue(ctx.actor, c.path)) throw errors.forbidden();
  const district = await ancestorAt(ctx, c.path, 'district');
  if (!district) throw errors.badRequest('NO_DISTRICT', { zh: '该社区不在区县之下，无法下拨积分', en: 'this community is not under a district; points cannot be issued' });
  const posted = await inTransaction(ctx, async (trx) => {
    const from = await issuerAccount(trx, district);
    const to = await poolAccount(trx, c);
    const r = await post(trx, ctx, { idemKey: `issue:${ctx.actor.userId}:${b.clientKey}`, kind: 'issue', amount: b.amount, from: from.id, to: to.id, orgId: c.id, orgPath: c.path, reason: b.reason });
    if (r.created) await recordAudit(trx, ctx, { action: 'points.issue', entityType: 'pointTxn', entityId: r.txnId, orgPath: c.path, detail: { communityId: c.id, amount: b.amount } });
    return r;
  });
  return answer(ctx, posted);
}

/** The community that holds a user's points: the community on the user's org path. */
async function communityOfUser(ctx: AuthedCtx, userId: number) {
  const u = await ctx.deps.db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.role', 'u.org_id', 'o.path as org_path']).where('u.id', '=', userId).executeTakeFirst();
  if (!u || u.role !== 'resident' || !pathInScope(ctx.actor, u.org_path)) return null;
  const community = await ancestorAt(ctx, u.org_path, 'community');
  return community ? { user: u, community } : null;
}

/** The org of a level on a path (the path's own org included). */
async function ancestorAt(ctx: AuthedCtx, path: string, level: 'district' | 'community') {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ctx.deps.db.selectFrom('org').select(['id', 'path', 'name']).where('id', 'in', ids).where('level', '=', level).executeTakeFirst();
}

/** 积分奖励: points from the resident's community pool for a good deed, with a reason. */
export async function award(ctx: AuthedCtx, b: { userId: number; amount: number; reason: string; clientKey: string }) {
  const found = await communityOfUser(ctx, b.userId);
  if (!found) throw errors.field('userId', { zh: '须为您范围内社区的居民', en: 'must be a resident of a community within your scope' });
  const { user, community } = found;
  if (!policy.canAward(ctx.actor, community.path)) throw errors.forbidden();
  const posted = await inTransaction(ctx, async (trx) => {
    const from = await poolAccount(trx, community);
    const to = await volunteerAccount(trx, { id: user.id, orgId: user.org_id, orgPath: user.org_path });
    const r = await post(trx, ctx, { idemKey: `award:${ctx.actor.userId}:${b.clientKey}`, kind: 'award', amount: b.amount, from: from.id, to: to.id, orgId: community.id, orgPath: community.path, reason: b.reason, refType: 'award' });
    if (r.created) await recordAudit(trx, ctx, { action: 'points.award', entityType: 'pointTxn', entityId: r.txnId, orgPath: community.path, detail: { userId: user.id, amount: b.amount } });
    return r;
  });
  return answer(ctx, posted);
}

/** 冲正: a movement undone by a new one the other way (issues, awards and activity points). */
export async function correct(ctx: AuthedCtx, txnId: number, b: { reason: string; clientKey: string }) {
  const t = await repo.txnById(ctx.deps.db, txnId);
  if (!t || !policy.canReadPoints(ctx.actor, t.org_path)) throw errors.notFound('pointTxn');
  if (t.kind === 'reverse') throw errors.conflict('CANNOT_REVERSE_CORRECTION', { zh: '冲正流水不能再冲正，如需恢复请重新记账', en: 'a correction cannot be reversed; post the movement again instead' });
  if (!policy.CORRECTABLE.includes(t.kind)) {
    throw errors.conflict('NOT_CORRECTABLE', { zh: '兑换相关的积分请在爱心超市取消兑换，不能直接冲正', en: 'redemption movements are undone by cancelling the redemption, not by a correction' });
  }
  if (!policy.canCorrect(ctx.actor, { kind: t.kind, orgPath: t.org_path })) throw errors.forbidden();
  const idemKey = `reverse:${ctx.actor.userId}:${b.clientKey}`;
  if (t.reversed_by) {
    // Already undone: a retry of that very correction gets it back; any other is refused for
    // that reason (not for a balance the correction has since left short).
    const by = await ctx.deps.db.selectFrom('point_txn').select('idem_key').where('id', '=', t.reversed_by).executeTakeFirstOrThrow();
    if (by.idem_key === idemKey) return answer(ctx, { txnId: t.reversed_by, created: false });
    throw errors.conflict('ALREADY_REVERSED', { zh: '该笔积分流水已冲正过', en: 'this movement has already been reversed' });
  }
  const posted = await inTransaction(ctx, async (trx) => {
    const r = await reverse(trx, ctx, t.id, { idemKey, reason: b.reason });
    if (r.created) await recordAudit(trx, ctx, { action: 'points.correct', entityType: 'pointTxn', entityId: r.txnId, orgPath: t.org_path, detail: { reverses: t.id, amount: t.amount, kind: t.kind } });
    return r;
  });
  return answer(ctx, posted);
}

export async function verify(ctx: AuthedCtx) {
  if (!policy.canVerify(ctx.actor)) throw errors.forbidden();
  const r = await verifyLedger(ctx.deps.db);
  await inTransaction(ctx, (trx) => recordAudit(trx, ctx, { action: 'points.verify', entityType: 'pointTxn', outcome: r.ok ? 'success' : 'failure', detail: { ok: r.ok, movements: r.movements, problems: r.problems.length } }));
  return { ...r, message: r.message[ctx.meta.lang], checkedAt: new Date().toISOString() };
}
