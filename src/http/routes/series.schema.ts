/** Request and response schemas of the series routes (series.routes.ts). */
import { Type } from 'typebox';
import { SERIES_STATUSES } from '../../domain/series.record.js';
import { SHARING_LEVELS } from '../../domain/sharing.record.js';
import { Id, Millis, PageOf, Paging } from './record-common.schema.js';

const Status = Type.Union(
  SERIES_STATUSES.map((s) => Type.Literal(s)),
  { description: 'open: identification work continues; closed: nothing more is expected.' },
);

const Sharing = Type.Union(
  SHARING_LEVELS.map((s) => Type.Literal(s)),
  {
    description:
      'all: every agency sees the series; hash_only: its hashes are answered to every agency and partners, ' +
      'the record stays with the owner and named agencies; restricted: owner and named agencies only.',
  },
);

const Agencies = Type.Array(Id, { maxItems: 500, description: 'Agencies named to see the series, by id.' });

const CategoryIn = Type.Object(
  {
    scheme: Type.String({ minLength: 1, maxLength: 64, description: 'Scheme code, e.g. `uk_caid`.' }),
    code: Type.String({ minLength: 1, maxLength: 64, description: 'Value code within the scheme, e.g. `A`.' }),
  },
  { additionalProperties: false },
);

const Title = Type.String({ minLength: 1, maxLength: 300 });

export const SeriesListQuery = Type.Object(
  {
    whose: Type.Optional(
      Type.Union([Type.Literal('all'), Type.Literal('own'), Type.Literal('shared')], {
        default: 'all',
        description: 'own: this agency’s series; shared: other agencies’ series visible to it.',
      }),
    ),
    status: Type.Optional(Status),
    ...Paging,
  },
  { additionalProperties: false },
);

export const SeriesBody = Type.Object(
  {
    reference: Type.String({ minLength: 1, maxLength: 100, description: 'The agency’s own reference, unique to it.' }),
    title: Title,
    status: Type.Optional(Status),
    category: Type.Optional(Type.Union([CategoryIn, Type.Null()])),
    sharing: Type.Optional(Sharing),
    sharedWith: Type.Optional(Agencies),
  },
  { additionalProperties: false },
);

export const SeriesPatchBody = Type.Object(
  {
    title: Type.Optional(Title),
    status: Type.Optional(Status),
    category: Type.Optional(Type.Union([CategoryIn, Type.Null()], { description: 'null removes the category.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SharingBody = Type.Object({ level: Sharing, agencies: Agencies }, { additionalProperties: false });

export const MembershipBody = Type.Object(
  { mediaIds: Type.Array(Id, { minItems: 1, maxItems: 1000, description: 'Media ids (at most 1,000).' }) },
  { additionalProperties: false },
);

const CategoryOut = Type.Union([
  Type.Object({ scheme: Type.String(), code: Type.String(), label: Type.String() }),
  Type.Null(),
]);

const seriesFields = {
  id: Type.Integer(),
  agencyId: Type.Integer({ description: 'The owner agency.' }),
  reference: Type.String(),
  title: Type.String(),
  status: Type.String(),
  sharing: Type.String(),
  category: CategoryOut,
  createdAt: Millis,
  updatedAt: Millis,
};

export const SeriesOut = Type.Object(seriesFields);

export const SeriesDetailOut = Type.Object({
  ...seriesFields,
  sharedWith: Type.Array(Type.Integer(), { description: 'Named agencies; told to the owner only.' }),
  mediaCount: Type.Integer(),
  victims: Type.Object(
    { total: Type.Integer(), identified: Type.Integer() },
    { description: 'Victims linked to the series, counted; the records stay with their agencies.' },
  ),
});

export const SeriesPage = PageOf(SeriesOut);

export const MembershipOut = Type.Object({
  changed: Type.Integer({ description: 'Media added (or removed) by this request.' }),
  mediaCount: Type.Integer({ description: 'Media in the series now.' }),
});

export const MemberPageQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, description: 'The `nextAfter` of the previous page.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  { additionalProperties: false },
);

export const MemberPageOut = Type.Object({
  items: Type.Array(Type.Integer(), { description: 'Media ids, ascending.' }),
  nextAfter: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Pass as `after` for the next page; null at the end.',
  }),
});
