import { Type } from 'typebox';
import { PageQueryFields } from '../../core/schemas.js';

const Level = Type.Enum(['root', 'province', 'city', 'district', 'street', 'community', 'grid', 'department'] as const);
const ChildLevel = Type.Enum(['province', 'city', 'district', 'street', 'community', 'grid', 'department'] as const);

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
export const Polygon = Type.Object({
  type: Type.Literal('Polygon'),
  coordinates: Type.Array(Type.Array(Position, { minItems: 4, maxItems: 10000 }), { minItems: 1, maxItems: 50 }),
}, { additionalProperties: true, description: 'GeoJSON Polygon ([lon, lat] positions)' });

export const Org = Type.Object({
  id: Type.Integer(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  level: Level,
  code: Type.String(),
  divisionCode: Type.Union([Type.String(), Type.Null()], { description: 'GB/T 2260 six-digit form (12 digits for communities)' }),
  name: Type.String(),
  path: Type.String(),
  childCount: Type.Integer(),
  householdsTarget: Type.Union([Type.Integer(), Type.Null()]),
  boundary: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
  actions: Type.Array(Type.String(), { description: 'What the current user may do with this org' }),
  creatableChildLevels: Type.Array(Type.String(), { description: 'Levels of children the current user may create here' }),
});

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const Code = Type.String({ minLength: 2, maxLength: 20, pattern: '^[0-9D]+$' });

export const CreateOrgBody = Type.Object({
  parentId: Type.Integer({ minimum: 1 }),
  level: ChildLevel,
  code: Code,
  name: Name,
  householdsTarget: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()])),
  boundary: Type.Optional(Type.Union([Polygon, Type.Null()])),
}, { additionalProperties: false });

export const UpdateOrgBody = Type.Object({
  name: Type.Optional(Name),
  code: Type.Optional(Code),
  parentId: Type.Optional(Type.Integer({ minimum: 1 })),
  householdsTarget: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()])),
  boundary: Type.Optional(Type.Union([Polygon, Type.Null()])),
}, { additionalProperties: false, minProperties: 1 });

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  level: Type.Optional(Level),
  ...PageQueryFields,
}, { additionalProperties: false });

export const ExportQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  level: Type.Optional(Level),
}, { additionalProperties: false });

export const ChildrenQuery = Type.Object({
  page: PageQueryFields.page,
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
}, { additionalProperties: false });

export const Stats = Type.Record(Type.String(), Type.Integer());

export const ImportBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 6 }) }, { additionalProperties: false });
export const ImportResult = Type.Object({
  target: Type.String(), created: Type.Record(Type.String(), Type.Integer()), total: Type.Integer(), ms: Type.Integer(),
});
