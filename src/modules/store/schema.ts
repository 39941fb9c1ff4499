import { Type } from 'typebox';
import { PageQueryFields, Actions, Id, NInt, NStr, Nullable, Str, Text } from '../../core/schemas.js';

const Day = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (China time)' });
const Bool = Type.Boolean();

export const DonorKind = Type.Enum(['enterprise', 'organization', 'individual'] as const, { description: '爱心企业 / 社会组织 / 个人' });
export const ItemKind = Type.Enum(['goods', 'service'] as const, { description: '物品 / 互助服务' });
export const RedemptionStatus = Type.Enum(['reserved', 'completed', 'cancelled'] as const, { description: '待领取 / 已领取 / 已取消' });
export const Channel = Type.Enum(['app', 'counter'] as const, { description: '线上 / 柜台' });

// ── Donors ──
export const Donor = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, name: Str, kind: DonorKind,
  contactName: NStr, contactPhone: NStr, note: NStr, active: Bool, createdAt: Str, actions: Actions,
}, { description: 'contacts are masked' });
const Phone = Type.String({ minLength: 5, maxLength: 20, pattern: '^[0-9+() -]+$' });
const DonorFields = {
  name: Text(100), kind: DonorKind,
  contactName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
  contactPhone: Type.Optional(Nullable(Phone)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
};
export const CreateDonorBody = Type.Object({ orgId: Id, ...DonorFields }, { additionalProperties: false });
export const UpdateDonorBody = Type.Object({ ...DonorFields, name: Type.Optional(Text(100)), kind: Type.Optional(DonorKind), active: Type.Optional(Bool) },
  { additionalProperties: false, minProperties: 1 });
export const DonorQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })), orgId: Type.Optional(Id), kind: Type.Optional(DonorKind), active: Type.Optional(Bool), ...PageQueryFields }, { additionalProperties: false });
export const DonorExportQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })), orgId: Type.Optional(Id), kind: Type.Optional(DonorKind), active: Type.Optional(Bool) }, { additionalProperties: false });
export const RevealBody = Type.Object({ field: Type.Enum(['contactName', 'contactPhone'] as const), reason: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }) }, { additionalProperties: false });

// ── Items ──
export const Item = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, kind: ItemKind, name: Str, description: NStr,
  pricePoints: Type.Integer(), stock: Type.Integer(), expiresOn: NStr, expired: Bool, perResidentLimit: NInt, active: Bool,
  donorId: NInt, donorName: NStr, version: Type.Integer(), createdAt: Str, actions: Actions,
});
const Price = Type.Integer({ minimum: 1, maximum: 1000000 });
const Limit = Type.Integer({ minimum: 1, maximum: 1000 });
export const CreateItemBody = Type.Object({
  orgId: Type.Integer({ minimum: 1, maximum: 9007199254740991, description: 'the community whose store sells it' }),
  kind: ItemKind, name: Text(100), description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  pricePoints: Price, expiresOn: Type.Optional(Nullable(Day)), perResidentLimit: Type.Optional(Nullable(Limit)),
  stock: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, description: 'goods the community bought; donated stock comes with donations' })),
}, { additionalProperties: false });
export const UpdateItemBody = Type.Object({
  name: Type.Optional(Text(100)), description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))), pricePoints: Type.Optional(Price),
  expiresOn: Type.Optional(Nullable(Day)), perResidentLimit: Type.Optional(Nullable(Limit)), active: Type.Optional(Bool),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'optimistic check: the version the editor saw' })),
}, { additionalProperties: false, minProperties: 1 });
export const StockBody = Type.Object({
  delta: Type.Integer({ minimum: -100000, maximum: 100000, not: { const: 0 }, description: 'units added (bought) or written off (negative: damaged, expired)' }),
  reason: Text(200),
}, { additionalProperties: false });
const ItemFilter = {
  q: Type.Optional(Type.String({ maxLength: 50 })), orgId: Type.Optional(Id), kind: Type.Optional(ItemKind), active: Type.Optional(Bool),
  donorId: Type.Optional(Id), inStock: Type.Optional(Bool),
};
export const ItemQuery = Type.Object({ ...ItemFilter, ...PageQueryFields }, { additionalProperties: false });
export const ItemExportQuery = Type.Object(ItemFilter, { additionalProperties: false });

// ── Donations ──
export const Donation = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, donorId: Type.Integer(), donorName: Str, itemId: Type.Integer(), itemName: Str,
  name: Str, description: NStr, quantity: Type.Integer(), unitValue: Type.Number(), totalValue: Type.Number(), expiresOn: NStr, receivedOn: Str, createdAt: Str,
});
export const CreateDonationBody = Type.Object({
  donorId: Id,
  itemId: Type.Optional(Id),
  newItem: Type.Optional(Type.Object({
    orgId: Id, kind: ItemKind, pricePoints: Price, perResidentLimit: Type.Optional(Nullable(Limit)),
  }, { additionalProperties: false, description: 'a new store item for this gift (instead of itemId)' })),
  name: Text(100), description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  quantity: Type.Integer({ minimum: 1, maximum: 100000 }),
  unitValue: Type.Number({ minimum: 0, maximum: 1000000, multipleOf: 0.01, description: 'yuan per unit' }),
  expiresOn: Type.Optional(Nullable(Day)), receivedOn: Day,
}, { additionalProperties: false });
const DonationFilter = {
  q: Type.Optional(Type.String({ maxLength: 50 })), orgId: Type.Optional(Id), donorId: Type.Optional(Id), itemId: Type.Optional(Id),
  from: Type.Optional(Day), to: Type.Optional(Day),
};
export const DonationQuery = Type.Object({ ...DonationFilter, ...PageQueryFields }, { additionalProperties: false });
export const DonationExportQuery = Type.Object(DonationFilter, { additionalProperties: false });

// ── Redemptions ──
export const Redemption = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, itemId: Type.Integer(), itemName: Str, itemKind: ItemKind,
  userId: Type.Integer(), residentName: Str, quantity: Type.Integer(), points: Type.Integer(), status: RedemptionStatus, channel: Channel,
  pickupCode: Type.Union([Str, Type.Null()], { description: 'shown to the resident who redeemed and to the worker who recorded it' }),
  dueAt: Str, completedAt: NStr, cancelledAt: NStr, cancelReason: NStr, createdAt: Str, actions: Actions,
});
export const RedeemBody = Type.Object({
  clientKey: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'generated once per redemption; a retry returns the same redemption' }),
  itemId: Id,
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 1 })),
  userId: Type.Optional(Type.Integer({ minimum: 1, maximum: 9007199254740991, description: 'counter redemption: the resident a worker redeems for' })),
}, { additionalProperties: false });
export const CompleteBody = Type.Object({ pickupCode: Type.String({ pattern: '^[0-9]{8}$' }) }, { additionalProperties: false });
export const CancelBody = Type.Object({ reason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) }, { additionalProperties: false });
const RedemptionFilter = {
  status: Type.Optional(RedemptionStatus), channel: Type.Optional(Channel), itemId: Type.Optional(Id), donorId: Type.Optional(Id),
  userId: Type.Optional(Id), orgId: Type.Optional(Id), from: Type.Optional(Day), to: Type.Optional(Day),
};
export const RedemptionQuery = Type.Object({ ...RedemptionFilter, ...PageQueryFields }, { additionalProperties: false });
export const RedemptionExportQuery = Type.Object(RedemptionFilter, { additionalProperties: false });
export const CounterQuery = Type.Object({ code: Type.String({ pattern: '^[0-9]{8}$' }) }, { additionalProperties: false });
export const SweepBody = Type.Object({ orgId: Type.Optional(Id) }, { additionalProperties: false });

// ── Acknowledgement ──
export const Acknowledgement = Type.Object({
  donor: Donor,
  items: Type.Array(Type.Object({
    itemId: Type.Integer(), name: Str, kind: ItemKind, given: Type.Integer(), value: Type.Number(), stock: Type.Integer(),
    redeemed: Type.Integer(), residents: Type.Integer(), points: Type.Integer(), lastAt: NStr,
  })),
  recent: Type.Array(Type.Object({ id: Type.Integer(), itemName: Str, quantity: Type.Integer(), points: Type.Integer(), residentName: Str, completedAt: Str })),
  totals: Type.Object({ given: Type.Integer(), value: Type.Number(), redeemed: Type.Integer(), residents: Type.Integer(), points: Type.Integer() }),
});
