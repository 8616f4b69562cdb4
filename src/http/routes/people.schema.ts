/** Request and response schemas of the victim and offender routes (people.routes.ts). */
import { Type } from 'typebox';
import { Id, Millis, NullableMillis, PageOf, Paging } from './record-common.schema.js';

const Reference = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'The agency’s own pseudonymous reference (never a name); unique within the agency.',
});

const Identified = Type.Object(
  {
    byAgencyId: Type.Optional(Type.Integer({ minimum: 1, description: 'The identifying agency (default: yours).' })),
    at: Type.Optional(Type.Integer({ minimum: 0, description: 'When, in ms since the epoch (default: now).' })),
  },
  { additionalProperties: false },
);

export const PersonListQuery = Type.Object(
  {
    identified: Type.Optional(Type.Boolean({ description: 'Only identified (true) or not identified (false).' })),
    ...Paging,
  },
  { additionalProperties: false },
);

export const PersonBody = Type.Object(
  {
    reference: Reference,
    seriesIds: Type.Optional(Type.Array(Id, { maxItems: 100, description: 'Series to link it to.' })),
    identified: Type.Optional(Identified),
  },
  { additionalProperties: false },
);

export const PersonPatchBody = Type.Object(
  {
    reference: Type.Optional(Reference),
    identified: Type.Optional(
      Type.Union([Identified, Type.Null()], { description: 'Record the identification; null withdraws it.' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PersonOut = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  agencyId: Type.Integer(),
  reference: Type.String(),
  identifiedAt: NullableMillis,
  identifiedByAgencyId: Type.Union([Type.Integer(), Type.Null()]),
  seriesIds: Type.Array(Type.Integer()),
  createdAt: Millis,
});

export const PersonPage = PageOf(PersonOut);
