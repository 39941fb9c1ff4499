/** Shapes of the points ledger API (src/modules/points/schema.ts). */
export const ACCOUNT_KINDS = ['issuer', 'pool', 'volunteer', 'store', 'escrow', 'donor'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export const TXN_KINDS = ['issue', 'award', 'earn', 'hold', 'settle', 'release', 'donate', 'reverse'] as const;
export type TxnKind = (typeof TXN_KINDS)[number];

export interface Account {
  id: number;
  kind: AccountKind;
  orgId: number;
  orgName: string;
  orgPath: string;
  userId: number | null;
  ownerName: string | null;
  donorId: number | null;
  balance: number;
  createdAt: string;
}

export interface AccountRef { id: number; kind: AccountKind; name: string }

export interface Txn {
  id: number;
  kind: TxnKind;
  amount: number;
  at: string;
  orgId: number;
  orgName: string;
  reason: string;
  refType: string | null;
  refId: number | null;
  reversesTxnId: number | null;
  reversedByTxnId: number | null;
  actorName: string | null;
  from: AccountRef;
  to: AccountRef;
  /** What the current user may do: 'reverse'. */
  actions: string[];
}

/** One statement line: the movement seen from one account (negative: points out). */
export interface Line {
  id: number;
  txnId: number;
  kind: TxnKind;
  amount: number;
  balanceAfter: number;
  at: string;
  reason: string;
  refType: string | null;
  refId: number | null;
  counterparty: string;
}

export interface LinePage { items: Line[]; total: number; page: number; pageSize: number }
export interface MyPoints extends LinePage { balance: number; earned: number; spent: number; held: number }
export interface Statement extends LinePage { account: Account }

export interface PoolRow {
  orgId: number;
  orgName: string;
  orgPath: string;
  pool: number;
  issued: number;
  paid: number;
  held: number;
  volunteers: number;
  volunteerPoints: number;
}

export interface AccountFilter { orgId?: number; kind?: AccountKind; q?: string }
export interface TxnFilter { orgId?: number; kind?: TxnKind; accountId?: number; from?: string; to?: string }

export interface Posted { created: boolean; txn: Txn }

export interface VerifyReport {
  ok: boolean;
  accounts: number;
  movements: number;
  lines: number;
  issued: number;
  held: number;
  problems: string[];
  message: string;
  checkedAt: string;
}
