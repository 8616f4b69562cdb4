/** Request and response schemas of the hash-set routes (hash-sets.routes.ts). */
import { Type } from 'typebox';

const Level = Type.Union([Type.Literal('restricted'), Type.Literal('all'), Type.Literal('hash_only')], {
  description:
    'restricted: your agency and the named agencies; all: every agency, hashes also to partners; ' +
    'hash_only: the set stays with you and the named agencies, its hashes are answered to every agency and to partners.',
});

export const SharingTerms = Type.Object(
  {
    level: Level,
    agencies: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500, description: 'Agencies named to see the set.' }),
    ),
    licence: Type.Optional(
      Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()], { description: 'Licence or sharing terms text.' }),
    ),
  },
  { additionalProperties: false },
);

export const NewHashSetBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Where the list came from.' })),
    scheme: Type.Optional(
      Type.String({ maxLength: 100, description: 'Category scheme of its entries (default projectvic_us).' }),
    ),
    knownGood: Type.Optional(Type.Boolean({ description: 'A known-good (NSRL-style) list: ignorable material.' })),
    sharing: SharingTerms,
  },
  { additionalProperties: false },
);

export const HashSetView = Type.Object({
  id: Type.Integer(),
  agencyId: Type.Integer({ description: 'The owner agency.' }),
  name: Type.String(),
  source: Type.String(),
  scheme: Type.Union([Type.String(), Type.Null()]),
  sharing: Level,
  sharedWith: Type.Array(Type.Integer(), { description: 'Named agencies (listed to the owner only).' }),
  licence: Type.Union([Type.String(), Type.Null()]),
  knownGood: Type.Boolean(),
  createdAt: Type.Integer({ description: 'Milliseconds since the epoch.' }),
});

export const HashSetList = Type.Object({ items: Type.Array(HashSetView) });

export const HashSetParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const ImportBody = Type.Object(
  {
    file: Type.String({ contentMediaType: 'application/octet-stream', description: 'The hash list, as a file part.' }),
    format: Type.Optional(
      Type.Union(
        [Type.Literal('auto'), Type.Literal('vics'), Type.Literal('csv'), Type.Literal('hma'), Type.Literal('nsrl')],
        {
          description: 'File format (default auto: recognised from its first bytes).',
        },
      ),
    ),
    scheme: Type.Optional(
      Type.String({ maxLength: 100, description: "Scheme of the file's categories (default projectvic_us)." }),
    ),
  },
  { additionalProperties: false },
);

export const ImportResult = Type.Object({
  format: Type.String(),
  accepted: Type.Integer(),
  rejected: Type.Integer(),
  inserted: Type.Integer({ description: 'Accepted rows stored now.' }),
  duplicates: Type.Integer({ description: 'Accepted rows already in the set.' }),
  rejectedBy: Type.Record(Type.String(), Type.Integer(), { description: 'Rejected rows by reason code.' }),
});

export const ExportQuery = Type.Object(
  {
    format: Type.Union([Type.Literal('vics'), Type.Literal('csv'), Type.Literal('hashes')], {
      description: 'vics: VICS JSON 2.0; csv: Vigil CSV; hashes: hash columns only.',
    }),
    scheme: Type.Optional(Type.String({ maxLength: 100, description: 'Write categories in this scheme.' })),
  },
  { additionalProperties: false },
);

export const ExportFile = Type.String({ description: 'The list, streamed.' });
