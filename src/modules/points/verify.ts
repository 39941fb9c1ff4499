import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Msg } from '../../core/errors.js';

/**
 * `gongzhi ledger verify` and POST /api/v1/points/verify: the whole ledger checked from its
 * lines, in one read-only snapshot (REPEATABLE READ), so movements committing meanwhile
 * cannot make a sound ledger look broken.
 *   1. every movement has exactly two lines: −amount on the debited account, +amount on the credited one;
 *   2. every account's balance equals the sum of its lines, and each line's balance_after the running sum;
 *   3. no balance below zero except a district issuer's;
 *   4. all balances sum to zero (so the points held anywhere equal the points issued);
 *   5. a correction undoes exactly the movement it names (same amount, accounts swapped).
 */
export interface LedgerReport {
  ok: boolean;
  accounts: number;
  movements: number;
  lines: number;
  /** Points issued by the district issuers (minus their balances) = points held by everyone else. */
  issued: number;
  held: number;
  problems: string[];
  message: Msg;
}

const MAX_LISTED = 50;

export async function verifyLedger(db: Database): Promise<LedgerReport> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
    const problems: string[] = [];
    const add = (rows: { p: string }[]) => { for (const r of rows) if (problems.length < MAX_LISTED) problems.push(r.p); };

    add((await sql<{ p: string }>`
      SELECT 'movement ' || t.id || ': ' || coalesce(l.n, 0) || ' lines, debit ' || coalesce(l.debit::text, '-') || ', credit ' || coalesce(l.credit::text, '-') || ' (amount ' || t.amount || ')' AS p
      FROM point_txn t
      LEFT JOIN LATERAL (
        SELECT count(*) AS n,
               sum(e.amount) FILTER (WHERE e.account_id = t.debit_account_id) AS debit,
               sum(e.amount) FILTER (WHERE e.account_id = t.credit_account_id) AS credit,
               count(*) FILTER (WHERE e.account_id NOT IN (t.debit_account_id, t.credit_account_id)) AS stray
        FROM point_entry e WHERE e.txn_id = t.id) l ON true
      WHERE coalesce(l.n, 0) <> 2 OR l.debit IS DISTINCT FROM -t.amount OR l.credit IS DISTINCT FROM t.amount OR l.stray > 0
      ORDER BY t.id LIMIT ${MAX_LISTED}`.execute(trx)).rows);

    add((await sql<{ p: string }>`
      SELECT 'line ' || e.id || ' of movement ' || e.txn_id || ': no such movement' AS p
      FROM point_entry e LEFT JOIN point_txn t ON t.id = e.txn_id WHERE t.id IS NULL ORDER BY e.id LIMIT ${MAX_LISTED}`.execute(trx)).rows);

    add((await sql<{ p: string }>`
      SELECT 'account ' || a.id || ' (' || a.kind || '): balance ' || a.balance || ', its lines sum to ' || coalesce(s.total, 0) AS p
      FROM point_account a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM point_entry GROUP BY account_id) s ON s.account_id = a.id
      WHERE a.balance <> coalesce(s.total, 0) ORDER BY a.id LIMIT ${MAX_LISTED}`.execute(trx)).rows);

    add((await sql<{ p: string }>`
      SELECT 'line ' || id || ' of account ' || account_id || ': balance_after ' || balance_after || ', running sum ' || running AS p
      FROM (SELECT id, account_id, balance_after, sum(amount) OVER (PARTITION BY account_id ORDER BY id) AS running FROM point_entry) x
      WHERE balance_after <> running ORDER BY id LIMIT ${MAX_LISTED}`.execute(trx)).rows);

    add((await sql<{ p: string }>`
      SELECT 'account ' || id || ' (' || kind || '): negative balance ' || balance AS p
      FROM point_account WHERE kind <> 'issuer' AND balance < 0 ORDER BY id LIMIT ${MAX_LISTED}`.execute(trx)).rows);

    add((await sql<{ p: string }>`
      SELECT 'correction ' || r.id || ' does not undo movement ' || o.id AS p
      FROM point_txn r JOIN point_txn o ON o.id = r.reverses_txn_id
      WHERE r.amount <> o.amount OR r.debit_account_id <> o.credit_account_id OR r.credit_account_id <> o.debit_account_id
      ORDER BY r.id LIMIT ${MAX_LISTED}`.execute(trx)).rows);

    const totals = (await sql<{ accounts: number; issued: number; held: number; all_sum: number; movements: number; lines: number }>`
      SELECT (SELECT count(*) FROM point_account)::int AS accounts,
             (SELECT coalesce(-sum(balance), 0) FROM point_account WHERE kind = 'issuer')::bigint AS issued,
             (SELECT coalesce(sum(balance), 0) FROM point_account WHERE kind <> 'issuer')::bigint AS held,
             (SELECT coalesce(sum(balance), 0) FROM point_account)::bigint AS all_sum,
             (SELECT count(*) FROM point_txn)::int AS movements,
             (SELECT count(*) FROM point_entry)::int AS lines`.execute(trx)).rows[0];
    if (Number(totals.all_sum) !== 0 && problems.length < MAX_LISTED) problems.push(`all balances sum to ${totals.all_sum}, not 0`);

    const ok = problems.length === 0;
    const { accounts, movements, lines } = totals;
    const issued = Number(totals.issued), held = Number(totals.held);
    return {
      ok, accounts, movements, lines, issued, held, problems,
      message: ok
        ? { zh: `积分账本校验通过：${accounts} 个账户、${movements} 笔流水，已发放 ${issued} 分，持有 ${held} 分`, en: `ledger verified: ${accounts} accounts, ${movements} movements, ${issued} points issued, ${held} held` }
        : { zh: `积分账本校验失败：发现 ${problems.length} 处问题`, en: `ledger verification failed: ${problems.length} problem(s) found` },
    };
  });
}
