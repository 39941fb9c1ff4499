import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PointAccountKind, PointTxnKind } from '../../db/schema-points.js';
import type { Ctx } from '../../core/context.js';
import { errors } from '../../core/errors.js';

/**
 * The points ledger (migrations/0007_points_ledger.sql). Every movement of points in the
 * system goes through `post` (or `reverse`), inside the caller's transaction, so a
 * movement exists exactly when the thing that caused it does (an attendance confirmed, a
 * redemption reserved …). A movement debits one account and credits another: one
 * point_txn row and two point_entry lines that sum to zero. Balances never go below zero
 * (except a district issuer's, which is minus what it has issued): checked under the
 * accounts' row locks and again by the table's CHECK. A repeated idempotency key moves
 * nothing and returns the first movement.
 */
type Trx = Transaction<DB>;

export interface LedgerAccount {
  id: number; kind: PointAccountKind; orgId: number; orgPath: string; userId: number | null; donorId: number | null; balance: number;
}

export type MovementKind = Exclude<PointTxnKind, 'reverse'>;

export interface Movement {
  /** Unique across the ledger; derive it from the cause (`earn:attendance:12`) or take the client's. */
  idemKey: string;
  kind: MovementKind;
  /** Whole points, more than zero. */
  amount: number;
  /** The debited account's id. */
  from: number;
  /** The credited account's id. */
  to: number;
  /** Where it happened (a community or district): the movement's data scope. */
  orgId: number;
  orgPath: string;
  reason: string;
  refType?: string | null;
  refId?: number | null;
}

export interface Posted { txnId: number; created: boolean }

/** A movement of any kind, corrections included (they are made by `reverse` only). */
type AnyMovement = Omit<Movement, 'kind'> & { kind: PointTxnKind };

const ACCOUNT_COLUMNS = ['id', 'kind', 'org_id', 'org_path', 'user_id', 'donor_id', 'balance'] as const;
type AccountRow = { id: number; kind: PointAccountKind; org_id: number; org_path: string; user_id: number | null; donor_id: number | null; balance: number };
const toAccount = (r: AccountRow): LedgerAccount => ({
  id: r.id, kind: r.kind, orgId: r.org_id, orgPath: r.org_path, userId: r.user_id, donorId: r.donor_id, balance: r.balance,
});

type Owner = { kind: 'issuer' | 'pool' | 'store' | 'escrow'; orgId: number } | { kind: 'volunteer'; userId: number } | { kind: 'donor'; donorId: number };

async function findAccount(trx: Trx, o: Owner): Promise<LedgerAccount | null> {
  let q = trx.selectFrom('point_account').select(ACCOUNT_COLUMNS).where('kind', '=', o.kind);
  q = o.kind === 'volunteer' ? q.where('user_id', '=', o.userId) : o.kind === 'donor' ? q.where('donor_id', '=', o.donorId) : q.where('org_id', '=', o.orgId);
  const r = await q.executeTakeFirst();
  return r ? toAccount(r as AccountRow) : null;
}

/** The owner's account, made on first use (a racing maker is absorbed by the unique indexes). */
async function accountOf(trx: Trx, o: Owner, at: { orgId: number; orgPath: string }): Promise<LedgerAccount> {
  const found = await findAccount(trx, o);
  if (found) return found;
  await trx.insertInto('point_account').values({
    kind: o.kind, org_id: at.orgId, org_path: at.orgPath,
    user_id: o.kind === 'volunteer' ? o.userId : null, donor_id: o.kind === 'donor' ? o.donorId : null,
  }).onConflict((oc) => oc.doNothing()).execute();
  const made = await findAccount(trx, o);
  if (!made) throw new Error(`point account ${JSON.stringify(o)} could not be made`);
  return made;
}

type OrgRef = { id: number; path: string };
/** A district's issuer: the source of every point issued in the district. */
export const issuerAccount = (trx: Trx, district: OrgRef) => accountOf(trx, { kind: 'issuer', orgId: district.id }, { orgId: district.id, orgPath: district.path });
/** A community's issuing pool: what it may award and pay for activities. */
export const poolAccount = (trx: Trx, community: OrgRef) => accountOf(trx, { kind: 'pool', orgId: community.id }, { orgId: community.id, orgPath: community.path });
/** Points held for the open redemptions of a community's love store. */
export const escrowAccount = (trx: Trx, community: OrgRef) => accountOf(trx, { kind: 'escrow', orgId: community.id }, { orgId: community.id, orgPath: community.path });
/** Points spent at a community's love store on goods the community itself provided. */
export const storeAccount = (trx: Trx, community: OrgRef) => accountOf(trx, { kind: 'store', orgId: community.id }, { orgId: community.id, orgPath: community.path });
/** A resident's points (one account per user, at the user's org when first made). */
export const volunteerAccount = (trx: Trx, user: { id: number; orgId: number; orgPath: string }) =>
  accountOf(trx, { kind: 'volunteer', userId: user.id }, { orgId: user.orgId, orgPath: user.orgPath });
/** The points a donor's gifts drew at the love store. */
export const donorAccount = (trx: Trx, donor: { id: number; orgId: number; orgPath: string }) =>
  accountOf(trx, { kind: 'donor', donorId: donor.id }, { orgId: donor.orgId, orgPath: donor.orgPath });

/** One balanced movement, in the caller's transaction. */
export async function post(trx: Trx, ctx: Ctx, m: Movement): Promise<Posted> {
  return move(trx, ctx, m, null);
}

/**
 * A correction: a new movement of the same amount the other way, linked to the one it
 * undoes (never an edit). Each movement is reversed at most once; a correction itself is
 * not reversed (post the movement again instead).
 */
export async function reverse(trx: Trx, ctx: Ctx, txnId: number, c: { idemKey: string; reason: string }): Promise<Posted> {
  const orig = await trx.selectFrom('point_txn').selectAll().where('id', '=', txnId).executeTakeFirst();
  if (!orig) throw errors.notFound('pointTxn');
  if (orig.kind === 'reverse') {
    throw errors.conflict('CANNOT_REVERSE_CORRECTION', { zh: '冲正流水不能再冲正，如需恢复请重新记账', en: 'a correction cannot be reversed; post the movement again instead' });
  }
  return move(trx, ctx, {
    idemKey: c.idemKey, kind: 'reverse', amount: orig.amount, from: orig.credit_account_id, to: orig.debit_account_id,
    orgId: orig.org_id, orgPath: orig.org_path, reason: c.reason, refType: orig.ref_type, refId: orig.ref_id,
  }, orig.id);
}

function check(m: AnyMovement) {
  if (!Number.isSafeInteger(m.amount) || m.amount <= 0) throw errors.field('amount', { zh: '须为正整数积分', en: 'must be a whole number of points above zero' });
  if (m.from === m.to) throw errors.badRequest('SAME_ACCOUNT', { zh: '转出和转入不能是同一账户', en: 'the debited and credited accounts must differ' });
  if (!m.idemKey || m.idemKey.length > 200) throw errors.field('idemKey', { zh: '须为 1–200 个字符', en: 'must be 1–200 characters' });
  if (!m.reason.trim() || m.reason.length > 500) throw errors.field('reason', { zh: '请填写 500 字以内的事由', en: 'give a reason of at most 500 characters' });
}

async function move(trx: Trx, ctx: Ctx, m: AnyMovement, reverses: number | null): Promise<Posted> {
  check(m);
  // Both accounts locked in id order, so two movements between the same pair never deadlock.
  const locked = await sql<{ id: number; kind: PointAccountKind; balance: number }>`
    SELECT id, kind, balance FROM point_account WHERE id IN (${m.from}, ${m.to}) ORDER BY id FOR UPDATE`.execute(trx);
  const from = locked.rows.find((r) => r.id === m.from);
  if (!from || !locked.rows.some((r) => r.id === m.to)) throw errors.notFound('pointAccount');
  if (from.kind !== 'issuer' && from.balance < m.amount) {
    // A retry of a movement that went through is answered, not refused for the balance it spent.
    const earlier = await sameAsEarlier(trx, m);
    if (earlier) return earlier;
    throw errors.conflict('INSUFFICIENT_POINTS', {
      zh: `积分不足：账户余额 ${from.balance}，本次需要 ${m.amount}`, en: `not enough points: the balance is ${from.balance}, ${m.amount} needed`,
    });
  }
  try {
    // The movement, both balances and both lines in one statement; nothing if the key was used.
    const r = await sql<{ id: number }>`
      WITH t AS (
        INSERT INTO point_txn (kind, amount, debit_account_id, credit_account_id, org_id, org_path, reason, ref_type, ref_id, reverses_txn_id, idem_key, actor_id)
        VALUES (${m.kind}, ${m.amount}, ${m.from}, ${m.to}, ${m.orgId}, ${m.orgPath}, ${m.reason.trim()}, ${m.refType ?? null}, ${m.refId ?? null}, ${reverses}, ${m.idemKey}, ${ctx.actor?.userId ?? null})
        ON CONFLICT (idem_key) DO NOTHING
        RETURNING id, at),
      b AS (
        UPDATE point_account a SET balance = a.balance + v.delta
        FROM (VALUES (${m.from}::bigint, ${-m.amount}::bigint), (${m.to}::bigint, ${m.amount}::bigint)) AS v(id, delta), t
        WHERE a.id = v.id
        RETURNING a.id, a.balance, a.org_path, v.delta),
      e AS (
        INSERT INTO point_entry (txn_id, account_id, amount, balance_after, org_path, at)
        SELECT t.id, b.id, b.delta, b.balance, b.org_path, t.at FROM t, b
        RETURNING txn_id)
      SELECT id FROM t`.execute(trx);
    if (r.rows.length) return { txnId: r.rows[0].id, created: true };
  } catch (e) {
    const pgErr = e as { code?: string; constraint?: string };
    if (pgErr.code === '23505' && pgErr.constraint === 'point_txn_reverses_txn_id_key') {
      throw errors.conflict('ALREADY_REVERSED', { zh: '该笔积分流水已冲正过', en: 'this movement has already been reversed' });
    }
    throw e;
  }
  const earlier = await sameAsEarlier(trx, m);
  if (earlier) return earlier;
  throw errors.conflict('IDEMPOTENCY_KEY_REUSED', { zh: '该请求编号已用于另一笔积分变动', en: 'this idempotency key was used for a different movement' });
}

/** The movement an idempotency key already made, if it is this same movement. */
async function sameAsEarlier(trx: Trx, m: AnyMovement): Promise<Posted | null> {
  const t = await trx.selectFrom('point_txn').select(['id', 'kind', 'amount', 'debit_account_id', 'credit_account_id']).where('idem_key', '=', m.idemKey).executeTakeFirst();
  if (!t) return null;
  if (t.kind !== m.kind || t.amount !== m.amount || t.debit_account_id !== m.from || t.credit_account_id !== m.to) {
    throw errors.conflict('IDEMPOTENCY_KEY_REUSED', { zh: '该请求编号已用于另一笔积分变动', en: 'this idempotency key was used for a different movement' });
  }
  return { txnId: t.id, created: false };
}
