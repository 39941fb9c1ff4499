import { Type } from 'typebox';
import { PageQueryFields, Actions, Id, NInt, NStr, Nullable, Str, Text } from '../../core/schemas.js';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (China time)' });
const Phone = Type.String({ pattern: '^[0-9+\\- ]{5,20}$', description: 'digits, +, - and spaces' });
const Search = Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'part of the name' }));
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });
const Grade = Type.Integer({ minimum: 1, maximum: 30 });
const PostCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,29}$' });
export const CertLevel = Type.Enum(['none', 'assistant', 'intermediate', 'senior'] as const);
export const HeldLevel = Type.Enum(['assistant', 'intermediate', 'senior'] as const);
const Status = Type.Enum(['active', 'left'] as const);

export const RevealBody = Type.Object({ reason: Text(200) }, { additionalProperties: false });
export const Revealed = Type.Object({ value: NStr });

// ── Stations ──
export const Station = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, level: Type.Enum(['street', 'community'] as const), name: Str, address: NStr, openedOn: NStr,
  status: Type.Enum(['active', 'closed'] as const), workers: Type.Integer(), createdAt: Str, actions: Actions,
});
export const CreateStationBody = Type.Object({ orgId: Id, name: Text(100), address: Type.Optional(Nullable(Text(200))), openedOn: Type.Optional(Nullable(Day)) }, { additionalProperties: false });
export const UpdateStationBody = Type.Object({
  name: Type.Optional(Text(100)), address: Type.Optional(Nullable(Text(200))), openedOn: Type.Optional(Nullable(Day)), status: Type.Optional(Type.Enum(['active', 'closed'] as const)),
}, { additionalProperties: false, minProperties: 1 });
const StationFilter = { orgId: Type.Optional(Id), q: Search, status: Type.Optional(Type.Enum(['active', 'closed'] as const)) };
export const StationQuery = Type.Object({ ...StationFilter, ...PageQueryFields }, { additionalProperties: false });
export const StationExportQuery = Type.Object(StationFilter, { additionalProperties: false });

// ── Social workers ──
export const SocialWorker = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, name: Str, userId: NInt, stationId: NInt, stationName: NStr, employer: NStr,
  phone: Type.Union([Str, Type.Null()], { description: 'masked' }), certLevel: CertLevel, certNo: NStr, certOn: NStr, status: Status, createdAt: Str, actions: Actions,
});
const WorkerFields = {
  name: Text(50), userId: Type.Optional(Nullable(Id)), stationId: Type.Optional(Nullable(Id)), employer: Type.Optional(Nullable(Text(100))),
  phone: Type.Optional(Nullable(Phone)), certLevel: Type.Optional(CertLevel), certNo: Type.Optional(Nullable(Text(50))), certOn: Type.Optional(Nullable(Day)),
};
export const CreateSocialWorkerBody = Type.Object({ orgId: Id, ...WorkerFields }, { additionalProperties: false });
export const UpdateSocialWorkerBody = Type.Partial(Type.Object({ ...WorkerFields, status: Status }), { additionalProperties: false, minProperties: 1 });
const SocialWorkerFilter = { orgId: Type.Optional(Id), q: Search, stationId: Type.Optional(Id), certLevel: Type.Optional(CertLevel), status: Type.Optional(Status) };
export const SocialWorkerQuery = Type.Object({ ...SocialWorkerFilter, ...PageQueryFields }, { additionalProperties: false });
export const SocialWorkerExportQuery = Type.Object(SocialWorkerFilter, { additionalProperties: false });

// ── Community workers ──
export const Pay = Type.Object({
  year: Type.Integer(), annualWage: Type.Integer(), wageOrgName: Str, coefficient: Type.Number(), averageMonthly: Type.Integer(), gradePay: Type.Integer(),
  basePay: Type.Integer(), floored: Type.Boolean(), allowance: Type.Integer(), monthly: Type.Integer(), annual: Type.Integer(),
}, { description: 'shown to workforce.manage only' });
export const Profile = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Str, name: Str, userId: NInt, phone: Type.Union([Str, Type.Null()], { description: 'masked; managers only' }),
  post: Str, postName: Str, grade: Type.Integer(), hiredOn: NStr, certLevel: CertLevel, certNo: NStr, certOn: NStr, status: Status,
  trainingHours: Type.Number(), pay: Nullable(Pay), payProblem: NStr, createdAt: Str, actions: Actions,
});
export const Training = Type.Object({ id: Type.Integer(), profileId: Type.Integer(), heldOn: Str, topic: Str, hours: Type.Number(), provider: NStr, createdAt: Str });
export const Bonus = Type.Object({ id: Type.Integer(), profileId: Type.Integer(), certLevel: HeldLevel, amount: Type.Integer(), awardedOn: Str, note: NStr, createdAt: Str });
export const ProfileDetail = Type.Object({ ...Profile.properties, trainings: Type.Array(Training), bonuses: Type.Array(Bonus) });
const ProfileFields = {
  name: Text(50), userId: Type.Optional(Nullable(Id)), phone: Type.Optional(Nullable(Phone)), post: PostCode, grade: Grade, hiredOn: Type.Optional(Nullable(Day)),
  certLevel: Type.Optional(CertLevel), certNo: Type.Optional(Nullable(Text(50))), certOn: Type.Optional(Nullable(Day)),
};
export const CreateProfileBody = Type.Object({ orgId: Id, ...ProfileFields }, { additionalProperties: false });
export const UpdateProfileBody = Type.Partial(Type.Object({ ...ProfileFields, status: Status }), { additionalProperties: false, minProperties: 1 });
const ProfileFilter = {
  orgId: Type.Optional(Id), q: Search, post: Type.Optional(PostCode), grade: Type.Optional(Grade), certLevel: Type.Optional(CertLevel), status: Type.Optional(Status),
};
export const ProfileQuery = Type.Object({ ...ProfileFilter, year: Type.Optional(Year), ...PageQueryFields }, { additionalProperties: false });
export const ProfileExportQuery = Type.Object({ ...ProfileFilter, year: Type.Optional(Year) }, { additionalProperties: false });
export const CreateTrainingBody = Type.Object({ heldOn: Day, topic: Text(200), hours: Type.Number({ minimum: 0.1, maximum: 1000, description: 'rounded to 0.1' }), provider: Type.Optional(Nullable(Text(100))) }, { additionalProperties: false });
export const CreateBonusBody = Type.Object({ awardedOn: Day, note: Type.Optional(Nullable(Text(500))) }, { additionalProperties: false });

// ── Configuration ──
export const LadderGrade = Type.Object({ grade: Grade, coefficient: Type.Number({ minimum: 1, maximum: 10, description: 'rounded to 0.001' }) }, { additionalProperties: false });
export const LadderPost = Type.Object({ code: PostCode, name: Text(50), minGrade: Grade, maxGrade: Grade }, { additionalProperties: false });
export const Config = Type.Object({
  orgId: Type.Integer(), orgName: Str, year: Type.Integer(),
  ladder: Type.Object({ orgId: Type.Integer(), orgName: Str, grades: Type.Array(LadderGrade), posts: Type.Array(LadderPost) }),
  wage: Nullable(Type.Object({ orgId: Type.Integer(), orgName: Str, year: Type.Integer(), annualWage: Type.Integer(), source: NStr })),
  bonuses: Type.Array(Type.Object({ certLevel: HeldLevel, oneTimeBonus: Type.Integer(), monthlyAllowance: Type.Integer(), orgId: Type.Integer(), orgName: Str })),
  wages: Type.Array(Type.Object({ orgId: Type.Integer(), orgName: Str, year: Type.Integer(), annualWage: Type.Integer(), source: NStr })),
  actions: Actions,
});
export const ConfigQuery = Type.Object({ orgId: Type.Optional(Id), year: Type.Optional(Year) }, { additionalProperties: false });
export const PutLadderBody = Type.Object({
  orgId: Id, grades: Type.Array(LadderGrade, { minItems: 1, maxItems: 30 }), posts: Type.Array(LadderPost, { minItems: 1, maxItems: 10 }),
}, { additionalProperties: false });
export const PutWageBody = Type.Object({ orgId: Id, year: Year, annualWage: Type.Integer({ minimum: 1000, maximum: 10000000 }), source: Type.Optional(Nullable(Text(200))) }, { additionalProperties: false });
export const PutBonusBody = Type.Object({
  orgId: Id, rules: Type.Array(Type.Object({ certLevel: HeldLevel, oneTimeBonus: Type.Integer({ minimum: 0, maximum: 1000000 }), monthlyAllowance: Type.Integer({ minimum: 0, maximum: 100000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 3 }),
}, { additionalProperties: false });
