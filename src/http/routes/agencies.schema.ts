/** Request and response schemas of the agency routes (agencies.routes.ts). */
import { Type } from 'typebox';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const AgencyPolicy = Type.Object({
  requireTotp: Type.Boolean({ description: 'Every user of the agency must use a second factor (TOTP).' }),
});

export const AgencyView = Type.Object({
  id: Type.Integer(),
  countryCode: Type.String({ description: 'ISO 3166-1 alpha-2 (user-assigned codes for international bodies).' }),
  name: Type.String(),
  createdAt: Type.Integer({ description: 'Milliseconds since the epoch.' }),
  operator: Type.Boolean({ description: 'The agency that runs this hub.' }),
  policy: Type.Optional(AgencyPolicy),
});

export const AgencyList = Type.Object({ items: Type.Array(AgencyView) });

export const Username = Type.String({
  minLength: 3,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$',
  description: 'Sign-in name, unique on the hub: letters, digits, . _ @ -',
});

export const DisplayName = Type.String({ minLength: 1, maxLength: 200 });

export const NewAgencyBody = Type.Object(
  {
    countryCode: Type.String({ pattern: '^[A-Z]{2}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    admin: Type.Object({ username: Username, displayName: DisplayName }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const AccountView = Type.Object({
  id: Type.Integer(),
  agencyId: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
});

export const CreatedAgency = Type.Object({
  agency: AgencyView,
  admin: AccountView,
  oneTimePassword: Type.String({ description: 'Shown once: hand it to the new admin, who must replace it.' }),
});

export const PolicyBody = Type.Object({ requireTotp: Type.Boolean() }, { additionalProperties: false });
