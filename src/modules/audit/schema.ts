import { Type } from 'typebox';
import { PageQueryFields } from '../../core/schemas.js';

const Filters = {
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  entityType: Type.Optional(Type.String({ maxLength: 64 })),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')])),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};
export const AuditQuery = Type.Object({ ...Filters, ...PageQueryFields }, { additionalProperties: false });
export const AuditExportQuery = Type.Object(Filters, { additionalProperties: false });

export const AuditRecord = Type.Object({
  id: Type.Integer(), at: Type.String(), actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]), actorRole: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(), entityType: Type.String(), entityId: Type.Union([Type.String(), Type.Null()]),
  orgPath: Type.Union([Type.String(), Type.Null()]), ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]), outcome: Type.String(),
  detail: Type.Object({}, { additionalProperties: true }),
});
export const VerifyResult = Type.Object({
  ok: Type.Boolean(), checked: Type.Integer(), firstBadId: Type.Union([Type.Integer(), Type.Null()]), message: Type.String(),
});
