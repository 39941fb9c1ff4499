import { Type } from 'typebox';
import { PageQueryFields } from '../../core/schemas.js';
import { ROLES } from '../../core/roles.js';

export const RoleSchema = Type.Enum([...ROLES]);
const Password = Type.String({ minLength: 1, maxLength: 128 });

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  org: Type.Object({ id: Type.Integer(), name: Type.String(), level: Type.String(), code: Type.String() }),
  permissions: Type.Array(Type.String()),
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
});
export const MeResponse = Type.Object({ user: Me, csrfToken: Type.String() });

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Password,
  totpCode: Type.Optional(Type.String({ maxLength: 6 })),
}, { additionalProperties: false });

export const PasswordBody = Type.Object({ oldPassword: Password, newPassword: Password }, { additionalProperties: false });
export const TotpSetup = Type.Object({ secret: Type.String(), otpauthUrl: Type.String() });
export const TotpCodeBody = Type.Object({ code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false });
export const TotpDisableBody = Type.Object({ password: Password }, { additionalProperties: false });

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  orgId: Type.Integer(),
  orgName: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  phoneMasked: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  actions: Type.Array(Type.String()),
});

const DisplayName = Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' });
const Phone = Type.String({ maxLength: 20 });

export const CreateUserBody = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 64 }),
  displayName: DisplayName,
  role: RoleSchema,
  orgId: Type.Integer({ minimum: 1 }),
  password: Password,
  phone: Type.Optional(Phone),
}, { additionalProperties: false });

export const UpdateUserBody = Type.Object({
  displayName: Type.Optional(DisplayName),
  role: Type.Optional(RoleSchema),
  orgId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
}, { additionalProperties: false, minProperties: 1 });

export const UserQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  role: Type.Optional(RoleSchema),
  orgId: Type.Optional(Type.Integer({ minimum: 1 })),
  ...PageQueryFields,
}, { additionalProperties: false });

export const UserExportQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  role: Type.Optional(RoleSchema),
  orgId: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });

export const RoleOptions = Type.Object({
  items: Type.Array(Type.Object({ role: RoleSchema, orgLevels: Type.Array(Type.String()) })),
});

export const ResetPasswordBody = Type.Object({ newPassword: Password }, { additionalProperties: false });
export const RevealBody = Type.Object({
  field: Type.Literal('phone'),
  reason: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S' }),
}, { additionalProperties: false });
export const RevealResult = Type.Object({ value: Type.String() });
