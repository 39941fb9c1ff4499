import type { Generated, Selectable } from 'kysely';

/** Kysely table types of src/modules/points (migrations/0007_points_ledger.sql); kept in step by hand. */

export type PointAccountKind = 'issuer' | 'pool' | 'volunteer' | 'store' | 'escrow' | 'donor';
export type PointTxnKind = 'issue' | 'award' | 'earn' | 'hold' | 'settle' | 'release' | 'donate' | 'reverse';

export interface PointAccountTable {
  id: Generated<number>;
  kind: PointAccountKind;
  org_id: number;
  org_path: string;
  user_id: number | null;
  donor_id: number | null;
  balance: Generated<number>;
  created_at: Generated<Date>;
}

export interface PointTxnTable {
  id: Generated<number>;
  kind: PointTxnKind;
  amount: number;
  debit_account_id: number;
  credit_account_id: number;
  org_id: number;
  org_path: string;
  reason: string;
  ref_type: string | null;
  ref_id: number | null;
  reverses_txn_id: number | null;
  idem_key: string;
  actor_id: number | null;
  at: Generated<Date>;
}

export interface PointEntryTable {
  id: Generated<number>;
  txn_id: number;
  account_id: number;
  amount: number;
  balance_after: number;
  org_path: string;
  at: Generated<Date>;
}

export interface PointsTables {
  point_account: PointAccountTable;
  point_txn: PointTxnTable;
  point_entry: PointEntryTable;
}

export type PointAccountRow = Selectable<PointAccountTable>;
export type PointTxnRow = Selectable<PointTxnTable>;
