import { Type } from 'typebox';
import { PageQueryFields } from '../../core/schemas.js';

const Id = Type.Integer({ minimum: 1, maximum: 9007199254740991 });
const NullableId = Type.Union([Id, Type.Null()]);
const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'longitude (WGS-84/GCJ-02 as the grid boundaries)' });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
const NullableLon = Type.Union([Lon, Type.Null()]);
const NullableLat = Type.Union([Lat, Type.Null()]);
const Name = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Actions = Type.Array(Type.String(), { description: 'What the current user may do with this record' });
const Q = Type.Optional(Type.String({ maxLength: 50 }));
const Tenure = Type.Enum(['owned', 'rented', 'public', 'other'] as const);
const Status = Type.Enum(['active', 'inactive'] as const);

// ── 小区 ──
export const Estate = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Type.String(), name: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]), lat: Type.Union([Type.Number(), Type.Null()]),
  buildingCount: Type.Integer(), householdCount: Type.Integer(), actions: Actions,
});
export const EstateQuery = Type.Object({ q: Q, orgId: Type.Optional(Id), ...PageQueryFields }, { additionalProperties: false });
export const CreateEstateBody = Type.Object({
  orgId: Id, name: Name(100),
  address: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  lon: Type.Optional(NullableLon), lat: Type.Optional(NullableLat),
}, { additionalProperties: false });
export const UpdateEstateBody = Type.Object({
  orgId: Type.Optional(Id), name: Type.Optional(Name(100)),
  address: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  lon: Type.Optional(NullableLon), lat: Type.Optional(NullableLat),
}, { additionalProperties: false, minProperties: 1 });

// ── 楼栋 ──
export const Building = Type.Object({
  id: Type.Integer(), estateId: Type.Integer(), estateName: Type.String(), orgId: Type.Integer(), name: Type.String(),
  floors: Type.Union([Type.Integer(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]), lat: Type.Union([Type.Number(), Type.Null()]),
  unitCount: Type.Integer(), householdCount: Type.Integer(), actions: Actions,
});
export const BuildingQuery = Type.Object({ q: Q, estateId: Type.Optional(Id), ...PageQueryFields }, { additionalProperties: false });
const Floors = Type.Union([Type.Integer({ minimum: 1, maximum: 200 }), Type.Null()]);
export const CreateBuildingBody = Type.Object({
  estateId: Id, name: Name(50), floors: Type.Optional(Floors), lon: Type.Optional(NullableLon), lat: Type.Optional(NullableLat),
}, { additionalProperties: false });
export const UpdateBuildingBody = Type.Object({
  name: Type.Optional(Name(50)), floors: Type.Optional(Floors), lon: Type.Optional(NullableLon), lat: Type.Optional(NullableLat),
}, { additionalProperties: false, minProperties: 1 });

// ── 单元 ──
export const Unit = Type.Object({
  id: Type.Integer(), buildingId: Type.Integer(), orgId: Type.Integer(), name: Type.String(),
  householdCount: Type.Integer(), actions: Actions,
});
export const UnitQuery = Type.Object({ q: Q, buildingId: Type.Optional(Id), ...PageQueryFields }, { additionalProperties: false });
export const CreateUnitBody = Type.Object({ buildingId: Id, name: Name(50) }, { additionalProperties: false });
export const UpdateUnitBody = Type.Object({ name: Name(50) }, { additionalProperties: false });

// ── 户 ──
export const Household = Type.Object({
  id: Type.Integer(), orgId: Type.Integer(), orgName: Type.String(),
  estateId: Type.Union([Type.Integer(), Type.Null()]), buildingId: Type.Union([Type.Integer(), Type.Null()]),
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  place: Type.String({ description: 'The searchable place, without the door/room number' }),
  addressMasked: Type.String(),
  areaSqm: Type.Union([Type.Number(), Type.Null()]), tenure: Type.Union([Tenure, Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]), lat: Type.Union([Type.Number(), Type.Null()]),
  status: Status, headResidentId: Type.Union([Type.Integer(), Type.Null()]),
  headNameMasked: Type.Union([Type.String(), Type.Null()], { description: "The head's name, masked" }), memberCount: Type.Integer(),
  actions: Actions,
});
export const Member = Type.Object({
  id: Type.Integer(), nameMasked: Type.String(), relation: Type.Union([Type.String(), Type.Null()]),
  gender: Type.String(), age: Type.Union([Type.Integer(), Type.Null()]), tags: Type.Array(Type.String()), status: Type.String(),
});
export const HouseholdDetail = Type.Object({ ...Household.properties, members: Type.Array(Member) });

const HouseholdFilterFields = {
  q: Q, orgId: Type.Optional(Id), estateId: Type.Optional(Id), buildingId: Type.Optional(Id), unitId: Type.Optional(Id),
  status: Type.Optional(Status),
};
export const HouseholdQuery = Type.Object({ ...HouseholdFilterFields, ...PageQueryFields }, { additionalProperties: false });
export const HouseholdExportQuery = Type.Object(HouseholdFilterFields, { additionalProperties: false });

const Room = Type.Union([Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' }), Type.Null()]);
const Street = Type.Union([Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), Type.Null()]);
const Area = Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 99999 }), Type.Null()]);
export const CreateHouseholdBody = Type.Object({
  orgId: Id, estateId: Type.Optional(NullableId), buildingId: Type.Optional(NullableId), unitId: Type.Optional(NullableId),
  street: Type.Optional(Street), room: Type.Optional(Room), areaSqm: Type.Optional(Area),
  tenure: Type.Optional(Type.Union([Tenure, Type.Null()])), lon: Type.Optional(NullableLon), lat: Type.Optional(NullableLat),
}, { additionalProperties: false });
export const UpdateHouseholdBody = Type.Object({
  orgId: Type.Optional(Id), estateId: Type.Optional(NullableId), buildingId: Type.Optional(NullableId), unitId: Type.Optional(NullableId),
  street: Type.Optional(Street), room: Type.Optional(Room), areaSqm: Type.Optional(Area),
  tenure: Type.Optional(Type.Union([Tenure, Type.Null()])), lon: Type.Optional(NullableLon), lat: Type.Optional(NullableLat),
  status: Type.Optional(Status),
}, { additionalProperties: false, minProperties: 1 });

export const RevealBody = Type.Object({
  field: Type.Literal('address'),
  reason: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }),
}, { additionalProperties: false });
export const RevealResult = Type.Object({ value: Type.String() });
