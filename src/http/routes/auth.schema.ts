/** Request and response schemas of the sign-in routes (auth.routes.ts). */
import { Type } from 'typebox';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    totpCode: Type.Optional(
      Type.String({ pattern: '^[0-9]{6}$', description: 'Six digits from the authenticator app.' }),
    ),
  },
  { additionalProperties: false },
);

export const SessionUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  agencyId: Type.Integer(),
  roles: Type.Array(Type.String()),
});

export const SessionInfo = Type.Object({
  user: SessionUser,
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every POST/PUT/PATCH/DELETE made with the cookie.' }),
  expiresAt: Type.Optional(Type.Integer({ description: 'Milliseconds since the epoch.' })),
  pending: Type.Union([Type.Literal('password-change'), Type.Literal('totp-enrolment'), Type.Null()], {
    description: 'What must be done before any other request is served.',
  }),
  secondFactor: Type.Boolean({ description: 'This account has an active second factor (TOTP).' }),
});

export const PasswordBody = Type.Object(
  { currentPassword: Type.String({ maxLength: 1024 }), newPassword: Type.String({ maxLength: 1024 }) },
  { additionalProperties: false },
);

export const TotpEnrolment = Type.Object({
  secret: Type.String({ description: 'Base32 secret for the authenticator app.' }),
  uri: Type.String({ description: 'otpauth:// URI (render as a QR code).' }),
});

export const TotpConfirmBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);

export const TokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
  },
  { additionalProperties: false },
);

export const TokenCreated = Type.Object({
  id: Type.Integer(),
  token: Type.String({ description: 'Shown once: store it now.' }),
  expiresAt: Type.Union([Type.Integer(), Type.Null()]),
});

export const TokenView = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: 'The label given when the token was made.' }),
  createdAt: Type.Integer({ description: 'Milliseconds since the epoch.' }),
  expiresAt: Type.Union([Type.Integer(), Type.Null()]),
  revokedAt: Type.Union([Type.Integer(), Type.Null()]),
  lastUsedAt: Type.Union([Type.Integer(), Type.Null()], {
    description: 'When it last signed a request in (ms since the epoch, to within a minute); null if never.',
  }),
});

export const TokenList = Type.Object({
  items: Type.Array(TokenView, { description: 'Oldest first; never the secrets (only their SHA-256 is stored).' }),
});

export const TokenListQuery = Type.Object(
  {
    userId: Type.Optional(
      Type.Integer({ minimum: 1, description: "Admins: a user of their agency (default: the caller's own tokens)." }),
    ),
  },
  { additionalProperties: false },
);

export const Done = Type.Object({ ok: Type.Literal(true) });
