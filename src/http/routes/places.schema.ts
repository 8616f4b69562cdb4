/** Request and response schemas of the place and clue routes (places.routes.ts). */
import { Type } from 'typebox';
import { CLUE_KINDS } from '../../domain/place.record.js';
import { Millis, PageOf, Paging } from './record-common.schema.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const PlaceListQuery = Type.Object({ ...Paging }, { additionalProperties: false });

export const PlaceBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. a hotel, a school, a street.' }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    countryCode: Type.Optional(
      Nullable(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, upper case.' })),
    ),
    latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90, description: 'WGS 84 degrees.' }))),
    longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180, description: 'WGS 84 degrees.' }))),
  },
  { additionalProperties: false },
);

export const PlaceOut = Type.Object({
  id: Type.Integer(),
  agencyId: Type.Integer(),
  name: Type.String(),
  description: Nullable(Type.String()),
  countryCode: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  createdAt: Millis,
});

export const PlacePage = PageOf(PlaceOut);

const Pixels = (description: string, minimum: number) => Type.Integer({ minimum, maximum: 1_000_000, description });

const Crop = Type.Object(
  {
    x: Pixels('Left edge, pixels from the left.', 0),
    y: Pixels('Top edge, pixels from the top.', 0),
    w: Pixels('Width in pixels.', 1),
    h: Pixels('Height in pixels.', 1),
  },
  { additionalProperties: false, description: 'A rectangle of the media, in its pixels.' },
);

export const ClueBody = Type.Object(
  {
    kind: Type.Union(
      CLUE_KINDS.map((k) => Type.Literal(k)),
      { description: 'What the detail is: an object, text, a logo, a language, a sound, or other.' },
    ),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    crop: Type.Optional(Nullable(Crop)),
  },
  { additionalProperties: false },
);

export const ClueOut = Type.Object({
  id: Type.Integer(),
  agencyId: Type.Integer(),
  mediaId: Type.Integer(),
  kind: Type.String(),
  description: Type.String(),
  crop: Nullable(Type.Object({ x: Type.Integer(), y: Type.Integer(), w: Type.Integer(), h: Type.Integer() })),
  createdAt: Millis,
});

export const ClueList = Type.Object({ items: Type.Array(ClueOut) });
