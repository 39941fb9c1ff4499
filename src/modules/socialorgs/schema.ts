import { Type } from 'typebox';
import { PageQueryFields, Actions, Id, NInt, NNum, NStr, Nullable, Str, Text } from '../../core/schemas.js';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (China time)' });
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$', description: 'digits, +, - and spaces' });
const Search = Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'part of the name, credit code or filing number' }));
const Masked = Type.Union([Str, Type.Null()], { description: 'masked' });

export const Filing = Type.Enum(['registered', 'filed'] as const);
export const Category = Type.Enum(['life_service', 'charity', 'culture_sports', 'mediation', 'elderly', 'other'] as const);
export const OrgStatus = Type.Enum(['active', 'suspended', 'deregistered'] as const);
export const BaseLevel = Type.Enum(['government', 'street', 'community'] as const);
export const IncubationStatus = Type.Enum(['incubating', 'graduated', 'exited'] as const);
export const ServiceKind = Type.Enum(['capacity_training', 'growth_assessment', 'project_guidance', 'resource_matching', 'venue_support', 'registration_assistance'] as const);
export const GrowthLevel = Type.Enum(['5A', '4A', '3A', '2A', '1A', 'none'] as const);
export const RevealField = Type.Enum(['legalPersonId', 'legalPersonPhone', 'contactPhone'] as const);

export const RevealBody = Type.Object({ field: RevealField, reason: Text(200) }, { additionalProperties: false });
export const Revealed = Type.Object({ value: NStr });

// ── Organizations ──
const Area = Type.Object({ orgId: Type.Integer(), name: Str });
export const SocialOrg = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, name: Str, filing: Filing, category: Category,
  creditCode: NStr, filingNo: NStr, registeredOn: NStr, legalPersonName: Str, legalPersonId: Masked, legalPersonPhone: Masked,
  contactName: NStr, contactPhone: Masked, address: NStr, memberCount: Type.Integer(), description: NStr,
  status: OrgStatus, statusReason: NStr, statusChangedAt: NStr, staffCount: Type.Integer(), incubating: Type.Boolean(),
  latestLevel: Nullable(GrowthLevel), createdAt: Str, actions: Actions,
});
export const Staff = Type.Object({ userId: Type.Integer(), username: Str, displayName: Str, title: NStr, createdAt: Str });
export const SocialOrgDetail = Type.Object({ ...SocialOrg.properties, area: Type.Array(Area), staff: Type.Array(Staff) });

const OrgFields = {
  name: Text(100), category: Category, creditCode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 30 }))),
  filingNo: Type.Optional(Nullable(Text(50))), registeredOn: Type.Optional(Nullable(Day)),
  legalPersonName: Text(50), legalPersonId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 30 }))), legalPersonPhone: Type.Optional(Nullable(Phone)),
  contactName: Type.Optional(Nullable(Text(50))), contactPhone: Type.Optional(Nullable(Phone)), address: Type.Optional(Nullable(Text(200))),
  memberCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), description: Type.Optional(Nullable(Text(2000))),
  areaOrgIds: Type.Optional(Type.Array(Id, { maxItems: 200, uniqueItems: true, description: 'orgs served (服务范围)' })),
};
export const CreateOrgBody = Type.Object({ orgId: Id, filing: Filing, ...OrgFields }, { additionalProperties: false });
export const UpdateOrgBody = Type.Partial(Type.Object({ filing: Filing, ...OrgFields }), { additionalProperties: false, minProperties: 1 });
export const StatusBody = Type.Object({ status: OrgStatus, reason: Text(500) }, { additionalProperties: false });
export const StaffBody = Type.Object({ userId: Id, title: Type.Optional(Nullable(Text(50))) }, { additionalProperties: false });
export const StaffRemoveBody = Type.Object({ userId: Id }, { additionalProperties: false });

const OrgFilter = {
  orgId: Type.Optional(Id), q: Search, filing: Type.Optional(Filing), category: Type.Optional(Category), status: Type.Optional(OrgStatus),
  servedOrgId: Type.Optional(Id), incubating: Type.Optional(Type.Boolean()),
};
export const OrgQuery = Type.Object({ ...OrgFilter, ...PageQueryFields }, { additionalProperties: false });
export const OrgExportQuery = Type.Object(OrgFilter, { additionalProperties: false });

// ── Incubation ──
export const Base = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, level: BaseLevel, name: Str, address: NStr, capacity: NInt,
  status: Type.Enum(['active', 'closed'] as const), incubating: Type.Integer(), createdAt: Str, actions: Actions,
});
export const CreateBaseBody = Type.Object({
  orgId: Id, name: Text(100), address: Type.Optional(Nullable(Text(200))), capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10000 }))),
}, { additionalProperties: false });
export const UpdateBaseBody = Type.Object({
  name: Type.Optional(Text(100)), address: Type.Optional(Nullable(Text(200))), capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10000 }))),
  status: Type.Optional(Type.Enum(['active', 'closed'] as const)),
}, { additionalProperties: false, minProperties: 1 });
export const BaseQuery = Type.Object({ orgId: Type.Optional(Id), level: Type.Optional(BaseLevel), q: Search, ...PageQueryFields }, { additionalProperties: false });

export const Incubation = Type.Object({
  id: Type.Integer(), baseId: Type.Integer(), baseName: Str, baseLevel: BaseLevel, socialOrgId: Type.Integer(), socialOrgName: Str,
  enteredOn: Str, exitedOn: NStr, status: IncubationStatus, note: NStr, services: Type.Integer(), actions: Actions,
});
export const BaseDetail = Type.Object({ ...Base.properties, incubations: Type.Array(Incubation) });
export const CreateIncubationBody = Type.Object({ baseId: Id, socialOrgId: Id, enteredOn: Day, note: Type.Optional(Nullable(Text(500))) }, { additionalProperties: false });
export const CloseIncubationBody = Type.Object({
  status: Type.Enum(['graduated', 'exited'] as const), exitedOn: Day, note: Type.Optional(Nullable(Text(500))),
}, { additionalProperties: false });
export const IncubationQuery = Type.Object({ socialOrgId: Type.Optional(Id), baseId: Type.Optional(Id), status: Type.Optional(IncubationStatus), ...PageQueryFields }, { additionalProperties: false });

export const Service = Type.Object({
  id: Type.Integer(), socialOrgId: Type.Integer(), socialOrgName: Str, incubationId: NInt, kind: ServiceKind, providedOn: Str,
  provider: Str, hours: NNum, notes: NStr, createdAt: Str,
});
export const CreateServiceBody = Type.Object({
  socialOrgId: Id, kind: ServiceKind, providedOn: Day, provider: Text(100),
  hours: Type.Optional(Nullable(Type.Number({ minimum: 0.1, maximum: 1000, description: 'rounded to 0.1' }))), notes: Type.Optional(Nullable(Text(1000))),
}, { additionalProperties: false });
const ServiceFilter = {
  socialOrgId: Type.Optional(Id), orgId: Type.Optional(Id), kind: Type.Optional(ServiceKind), from: Type.Optional(Day), to: Type.Optional(Day),
};
export const ServiceQuery = Type.Object({ ...ServiceFilter, ...PageQueryFields }, { additionalProperties: false });
export const ServiceExportQuery = Type.Object(ServiceFilter, { additionalProperties: false });
export const ServiceSummary = Type.Object({ items: Type.Array(Type.Object({ kind: ServiceKind, count: Type.Integer(), hours: Type.Number() })) });

// ── Growth assessments ──
const Score = Type.Integer({ minimum: 0, maximum: 100 });
export const Assessment = Type.Object({
  id: Type.Integer(), socialOrgId: Type.Integer(), assessedOn: Str, governance: Type.Integer(), capacity: Type.Integer(), projects: Type.Integer(),
  finance: Type.Integer(), influence: Type.Integer(), total: Type.Number(), level: GrowthLevel, assessor: Str, notes: NStr, createdAt: Str,
});
export const CreateAssessmentBody = Type.Object({
  assessedOn: Day, governance: Score, capacity: Score, projects: Score, finance: Score, influence: Score, assessor: Text(100), notes: Type.Optional(Nullable(Text(1000))),
}, { additionalProperties: false });
