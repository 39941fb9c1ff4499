import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely table types of src/modules/store (migrations/0010_love_store.sql); kept in step by hand. */
/** numeric(12,2): parsed to a number (src/db/database.ts), written as number or string. */
type Money = ColumnType<number, number | string, number | string>;

export type DonorKind = 'enterprise' | 'organization' | 'individual';
export type StoreItemKind = 'goods' | 'service';
export type RedemptionStatus = 'reserved' | 'completed' | 'cancelled';
export type RedemptionChannel = 'app' | 'counter';

export interface StoreDonorTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  name: string;
  kind: DonorKind;
  contact_name_enc: string | null;
  contact_name_masked: string | null;
  contact_phone_enc: string | null;
  contact_phone_hash: string | null;
  contact_phone_masked: string | null;
  note: string | null;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StoreItemTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  kind: StoreItemKind;
  name: string;
  description: string | null;
  price_points: number;
  stock: Generated<number>;
  /** date columns are read as 'YYYY-MM-DD' strings. */
  expires_on: string | null;
  per_resident_limit: number | null;
  active: Generated<boolean>;
  donor_id: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StoreDonationTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  donor_id: number;
  item_id: number;
  name: string;
  description: string | null;
  quantity: number;
  unit_value: Money;
  expires_on: string | null;
  received_on: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface StoreRedemptionTable {
  id: Generated<number>;
  org_id: number;
  org_path: string;
  item_id: number;
  user_id: number;
  user_name_masked: string;
  quantity: number;
  points: number;
  status: RedemptionStatus;
  channel: RedemptionChannel;
  pickup_code: string;
  idem_scope: string;
  client_key: string;
  hold_txn_id: number | null;
  settle_txn_id: number | null;
  release_txn_id: number | null;
  due_at: Date;
  completed_at: Date | null;
  completed_by: number | null;
  cancelled_at: Date | null;
  cancelled_by: number | null;
  cancel_reason: string | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StoreTables {
  store_donor: StoreDonorTable;
  store_item: StoreItemTable;
  store_donation: StoreDonationTable;
  store_redemption: StoreRedemptionTable;
}

export type StoreDonorRow = Selectable<StoreDonorTable>;
export type StoreItemRow = Selectable<StoreItemTable>;
export type StoreDonationRow = Selectable<StoreDonationTable>;
export type StoreRedemptionRow = Selectable<StoreRedemptionTable>;
