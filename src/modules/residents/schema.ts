import { Type, type TSchema } from 'typebox';
import { PageQueryFields } from '../../core/schemas.js';
import { CORRECTION_FIELDS } from './rules.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const IdTypeSchema = Type.Enum(['idCard', 'passport', 'hkMacauPermit', 'taiwanPermit', 'foreignPermanent'] as const);
export const GenderSchema = Type.Enum(['male', 'female'] as const);
export const RelationSchema = Type.Enum(['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'childInLaw', 'tenant', 'other'] as const);
export const PoliticalSchema = Type.Enum(['partyMember', 'probationaryMember', 'leagueMember', 'democraticParty', 'masses'] as const);
export const RegistrationSchema = Type.Enum(['registered', 'migrant', 'newCitizen'] as const);
const StatusSchema = Type.Enum(['active', 'inactive', 'anonymized'] as const);
export const CorrectionFieldSchema = Type.Enum([...CORRECTION_FIELDS]);

const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Name = Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' });
const IdNumber = Type.String({ minLength: 1, maxLength: 40 });
const Phone = Type.String({ minLength: 1, maxLength: 20 });
const Tags = Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: 'manual tags (age tags follow from the birth date)' });
const Note = Type.String({ maxLength: 500 });
const Ethnicity = Type.String({ maxLength: 20 });
const Id = Type.Integer({ minimum: 1, maximum: 9007199254740991 });
const Reason = Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' });

/** A resident as lists and details show it: name, ID and phone masked; birth date as year only. */
export const Resident = Type.Object({
  id: Type.Integer(),
  orgId: Type.Integer(),
  orgName: Type.String(),
  householdId: Nullable(Type.Integer()),
  householdPlace: Nullable(Type.String()),
  relation: Nullable(Type.String()),
  nameMasked: Type.String(),
  gender: Type.String(),
  // The full birth date plus the masked ID (first 6 and last 4) would give the whole number back.
  birthYear: Nullable(Type.Integer()),
  age: Nullable(Type.Integer()),
  idType: Type.String(),
  idMasked: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
  ethnicity: Nullable(Type.String()),
  politicalStatus: Nullable(Type.String()),
  registrationType: Type.String(),
  arrivalDate: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  status: Type.String(),
  statusReason: Nullable(Type.String()),
  hasAccount: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  actions: Type.Array(Type.String(), { description: 'What the current user may do with this resident' }),
});

export const ResidentPage = Type.Object({
  items: Type.Array(Resident),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  totalExact: Type.Boolean({ description: 'false when total is a lower bound (very large result sets are not counted to the end)' }),
});

const FilterFields = {
  q: Type.Optional(Type.String({ maxLength: 50, description: 'part of a name, or an exact ID number / mobile number' })),
  address: Type.Optional(Type.String({ maxLength: 100, description: 'part of the place (estate, building, unit, road) the household is at' })),
  orgId: Type.Optional(Id),
  householdId: Type.Optional(Id),
  estateId: Type.Optional(Id),
  buildingId: Type.Optional(Id),
  tags: Type.Optional(Type.String({ maxLength: 400, description: 'comma list; all must hold (age60/age80 included)' })),
  ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  registrationType: Type.Optional(RegistrationSchema),
  gender: Type.Optional(GenderSchema),
  politicalStatus: Type.Optional(PoliticalSchema),
  status: Type.Optional(Type.Enum(['active', 'inactive', 'anonymized', 'all'] as const, { default: 'active' })),
};

export const ListQuery = Type.Object({ ...FilterFields, ...PageQueryFields }, { additionalProperties: false });
export const ExportQuery = Type.Object({
  ...FilterFields,
  reveal: Type.Optional(Type.Boolean({ description: 'full names, ID numbers and phones (needs resident.reveal and a reason; audited)' })),
  reason: Type.Optional(Reason),
}, { additionalProperties: false });

export const CreateBody = Type.Object({
  name: Name,
  gender: Type.Optional(GenderSchema),
  idType: Type.Optional(IdTypeSchema),
  idNumber: IdNumber,
  birthDate: Type.Optional(DateText),
  phone: Type.Optional(Phone),
  ethnicity: Type.Optional(Ethnicity),
  politicalStatus: Type.Optional(PoliticalSchema),
  registrationType: Type.Optional(RegistrationSchema),
  arrivalDate: Type.Optional(DateText),
  householdId: Type.Optional(Id),
  relation: Type.Optional(RelationSchema),
  orgId: Type.Optional(Id),
  tags: Type.Optional(Tags),
  note: Type.Optional(Note),
}, { additionalProperties: false });

export const UpdateBody = Type.Object({
  name: Type.Optional(Name),
  gender: Type.Optional(GenderSchema),
  idType: Type.Optional(IdTypeSchema),
  idNumber: Type.Optional(IdNumber),
  birthDate: Type.Optional(Nullable(DateText)),
  phone: Type.Optional(Nullable(Phone)),
  ethnicity: Type.Optional(Nullable(Ethnicity)),
  politicalStatus: Type.Optional(Nullable(PoliticalSchema)),
  registrationType: Type.Optional(RegistrationSchema),
  arrivalDate: Type.Optional(Nullable(DateText)),
  relation: Type.Optional(RelationSchema),
  tags: Type.Optional(Tags),
  note: Type.Optional(Nullable(Note)),
}, { additionalProperties: false, minProperties: 1 });

export const RevealBody = Type.Object({
  field: Type.Enum(['name', 'idNumber', 'phone'] as const),
  reason: Reason,
}, { additionalProperties: false });
export const RevealResult = Type.Object({ value: Type.String() });

export const MoveBody = Type.Object({
  householdId: Nullable(Id),
  relation: Type.Optional(Nullable(RelationSchema)),
  orgId: Type.Optional(Id),
}, { additionalProperties: false });

export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });

export const History = Type.Object({
  changes: Type.Array(Type.Object({
    id: Type.Integer(), at: Type.String(), kind: Type.String(), actorName: Nullable(Type.String()),
    fields: Type.Array(Type.String()), reason: Nullable(Type.String()),
  })),
  memberships: Type.Array(Type.Object({
    id: Type.Integer(), householdId: Type.Integer(),
    place: Nullable(Type.String({ description: 'null when the household lies outside your scope' })),
    relation: Nullable(Type.String()), startedAt: Type.String(), endedAt: Nullable(Type.String()),
  })),
});

export const AccountBody = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
}, { additionalProperties: false });
export const AccountResult = Type.Object({ residentId: Type.Integer(), userId: Type.Integer(), username: Type.String(), mustChangePassword: Type.Boolean() });

const Label = Type.Object({ value: Type.String(), zh: Type.String(), en: Type.String() });
export const Meta = Type.Object({
  idTypes: Type.Array(Label), genders: Type.Array(Label), relations: Type.Array(Label), politicalStatuses: Type.Array(Label),
  registrationTypes: Type.Array(Label), tags: Type.Array(Type.Object({ value: Type.String(), zh: Type.String(), en: Type.String(), derived: Type.Boolean() })),
  tenures: Type.Array(Label), statuses: Type.Array(Label), correctionFields: Type.Array(Label),
});

// ── Self-service (role resident) ──

export const OwnRecord = Type.Object({
  id: Type.Integer(), orgName: Type.String(), name: Type.String(), gender: Type.String(), birthDate: Nullable(Type.String()),
  idType: Type.String(), idNumber: Nullable(Type.String()), phone: Nullable(Type.String()), ethnicity: Nullable(Type.String()),
  politicalStatus: Nullable(Type.String()), registrationType: Type.String(), arrivalDate: Nullable(Type.String()),
  householdId: Nullable(Type.Integer()), householdPlace: Nullable(Type.String()), relation: Nullable(Type.String()),
  tags: Type.Array(Type.String()), status: StatusSchema,
});

export const OwnHousehold = Type.Object({
  id: Type.Integer(), place: Type.String(), addressMasked: Type.String(),
  members: Type.Array(Type.Object({
    id: Type.Integer(), self: Type.Boolean(), name: Type.String({ description: 'masked except your own' }),
    relation: Nullable(Type.String()), gender: Type.String(), age: Nullable(Type.Integer()),
  })),
});

export const CorrectionBody = Type.Object({
  field: CorrectionFieldSchema,
  message: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
}, { additionalProperties: false });

export const Correction = Type.Object({
  id: Type.Integer(), residentId: Type.Integer(), residentNameMasked: Type.String(), field: Type.String(), message: Type.String(),
  status: Type.String(), reply: Nullable(Type.String()), createdAt: Type.String(), handledAt: Nullable(Type.String()),
  actions: Type.Array(Type.String()),
});

export const CorrectionQuery = Type.Object({
  status: Type.Optional(Type.Enum(['open', 'accepted', 'rejected'] as const)),
  ...PageQueryFields,
}, { additionalProperties: false });
export const OwnCorrectionQuery = Type.Object({ ...PageQueryFields }, { additionalProperties: false });

export const ReplyBody = Type.Object({ reply: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) }, { additionalProperties: false });
