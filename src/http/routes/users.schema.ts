/** Request and response schemas of the user-administration routes (users.routes.ts). */
import { Type } from 'typebox';
import { PERSON_ROLES } from '../../services/user-admin.service.js';
import { DisplayName, Username } from './agencies.schema.js';

const PersonRole = Type.Union(
  PERSON_ROLES.map((r) => Type.Literal(r)),
  { description: 'viewer reads; analyst also writes and exports; admin manages users; auditor reads the audit log.' },
);
const Roles = Type.Array(PersonRole, { minItems: 1, maxItems: PERSON_ROLES.length, uniqueItems: true });

export const UserView = Type.Object({
  id: Type.Integer(),
  agencyId: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.Integer(),
  disabledAt: Type.Union([Type.Integer(), Type.Null()]),
  secondFactor: Type.Optional(Type.Boolean({ description: 'A second factor (TOTP) is active. Shown to admins only.' })),
  passwordPending: Type.Optional(
    Type.Boolean({ description: 'A one-time password has not been replaced yet. Shown to admins only.' }),
  ),
});

export const UserList = Type.Object({ items: Type.Array(UserView) });

export const NewUserBody = Type.Object(
  { username: Username, displayName: DisplayName, roles: Roles },
  { additionalProperties: false },
);

export const UserCreated = Type.Object({
  user: UserView,
  oneTimePassword: Type.String({ description: 'Shown once: the user must replace it at first sign-in.' }),
});

export const UserPatchBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    roles: Type.Optional(Roles),
    disabled: Type.Optional(
      Type.Boolean({ description: 'true ends the user’s sessions and revokes their personal tokens at once.' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PasswordReset = Type.Object({
  oneTimePassword: Type.String({ description: 'Shown once: the user must replace it at first sign-in.' }),
});

export const NewPartnerKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'Whose key: the partner and its use.' }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 732 })),
    ratePerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 600_000 })),
  },
  { additionalProperties: false },
);

export const PartnerKeyCreated = Type.Object({
  id: Type.Integer(),
  token: Type.String({ description: 'Shown once: hand it to the partner now.' }),
  expiresAt: Type.Union([Type.Integer(), Type.Null()]),
});

export const PartnerKeyView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  ratePerMinute: Type.Integer(),
  createdAt: Type.Integer(),
  expiresAt: Type.Union([Type.Integer(), Type.Null()]),
  revokedAt: Type.Union([Type.Integer(), Type.Null()]),
  lastUsedAt: Type.Union([Type.Integer(), Type.Null()], {
    description:
      'When the partner last made a request with it (ms since the epoch, to within a minute); null if never.',
  }),
});

export const PartnerKeyList = Type.Object({ items: Type.Array(PartnerKeyView) });
