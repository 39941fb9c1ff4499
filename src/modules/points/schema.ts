import { Type } from 'typebox';
import { PageQueryFields, Paged, Id, NInt, NStr } from '../../core/schemas.js';

const ClientKey = Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$', description: 'client-generated idempotency key: a retry with the same key moves nothing again' });
const Reason = Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' });
const Day = Type.String({ pattern: '^20\\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: 'YYYY-MM-DD (China time)' });

export const AccountKind = Type.Enum(['issuer', 'pool', 'volunteer', 'store', 'escrow', 'donor'] as const, { description: '发放源 / 社区积分池 / 居民 / 爱心超市 / 兑换冻结 / 捐赠方' });
export const TxnKind = Type.Enum(['issue', 'award', 'earn', 'hold', 'settle', 'release', 'donate', 'reverse'] as const,
  { description: '下拨 / 奖励 / 活动所得 / 兑换冻结 / 兑换完成 / 兑换取消返还 / 捐出 / 冲正' });

export const Account = Type.Object({
  id: Type.Integer(), kind: AccountKind, orgId: Type.Integer(), orgName: Type.String(), orgPath: Type.String(),
  userId: NInt, ownerName: NStr, donorId: NInt, balance: Type.Integer(), createdAt: Type.String(),
});
export const AccountPage = Paged(Account);

export const Txn = Type.Object({
  id: Type.Integer(), kind: TxnKind, amount: Type.Integer(), at: Type.String(), orgId: Type.Integer(), orgName: Type.String(), reason: Type.String(),
  refType: NStr, refId: NInt, reversesTxnId: NInt, reversedByTxnId: NInt, actorName: NStr,
  from: Type.Object({ id: Type.Integer(), kind: AccountKind, name: Type.String() }),
  to: Type.Object({ id: Type.Integer(), kind: AccountKind, name: Type.String() }),
  actions: Type.Array(Type.String(), { description: 'what the current user may do: reverse' }),
});
export const TxnPage = Paged(Txn);

/** One line of an account's statement: the movement seen from that account. */
export const Line = Type.Object({
  id: Type.Integer(), txnId: Type.Integer(), kind: TxnKind, amount: Type.Integer({ description: 'negative: points out' }),
  balanceAfter: Type.Integer(), at: Type.String(), reason: Type.String(), refType: NStr, refId: NInt, counterparty: Type.String(),
});
export const MyPoints = Type.Object({
  balance: Type.Integer(), earned: Type.Integer(), spent: Type.Integer(), held: Type.Integer({ description: 'points reserved by open redemptions' }),
  items: Type.Array(Line), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
});
export const Statement = Type.Object({ account: Account, items: Type.Array(Line), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const PoolRow = Type.Object({
  orgId: Type.Integer(), orgName: Type.String(), orgPath: Type.String(),
  pool: Type.Integer({ description: 'points the community may still award' }), issued: Type.Integer(), paid: Type.Integer({ description: 'awards and activity points paid from the pool, net of corrections' }),
  held: Type.Integer({ description: 'in escrow for open redemptions' }), volunteers: Type.Integer(), volunteerPoints: Type.Integer(),
});

export const AccountsQuery = Type.Object({
  ...PageQueryFields, orgId: Type.Optional(Id), kind: Type.Optional(AccountKind), q: Type.Optional(Type.String({ maxLength: 50 })),
}, { additionalProperties: false });
export const AccountsExportQuery = Type.Object({ orgId: Type.Optional(Id), kind: Type.Optional(AccountKind), q: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false });
const TxnFilter = { orgId: Type.Optional(Id), kind: Type.Optional(TxnKind), accountId: Type.Optional(Id), from: Type.Optional(Day), to: Type.Optional(Day) };
export const TxnsQuery = Type.Object({ ...PageQueryFields, ...TxnFilter }, { additionalProperties: false });
export const TxnsExportQuery = Type.Object(TxnFilter, { additionalProperties: false });
export const PageOnly = Type.Object(PageQueryFields, { additionalProperties: false });
export const SummaryQuery = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });

export const IssueBody = Type.Object({
  communityId: Id, amount: Type.Integer({ minimum: 1, maximum: 1_000_000 }), reason: Reason, clientKey: ClientKey,
}, { additionalProperties: false });
export const AwardBody = Type.Object({
  userId: Id, amount: Type.Integer({ minimum: 1, maximum: 500, description: 'at most 500 points per award' }), reason: Reason, clientKey: ClientKey,
}, { additionalProperties: false });
export const ReverseBody = Type.Object({ reason: Reason, clientKey: ClientKey }, { additionalProperties: false });
export const Posted = Type.Object({ created: Type.Boolean(), txn: Txn });

export const VerifyReport = Type.Object({
  ok: Type.Boolean(), accounts: Type.Integer(), movements: Type.Integer(), lines: Type.Integer(), issued: Type.Integer(), held: Type.Integer(),
  problems: Type.Array(Type.String()), message: Type.String(), checkedAt: Type.String(),
});
