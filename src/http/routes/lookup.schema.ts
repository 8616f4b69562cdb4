/** Request and response schemas of the lookup routes (lookup.routes.ts) and the partner lookup. */
import { Type } from 'typebox';

const SignalType = Type.Union(
  [Type.Literal('md5'), Type.Literal('sha1'), Type.Literal('sha256'), Type.Literal('pdq')],
  {
    description: 'The hash kind. md5/sha1/sha256 match exactly; pdq within a Hamming distance.',
  },
);

const HashValue = Type.String({
  minLength: 1,
  maxLength: 128,
  description: 'Hex digits (case does not matter): 32 for md5, 40 for sha1, 64 for sha256 and pdq.',
});

const signal = (maxThreshold: number) =>
  Type.Object(
    {
      type: SignalType,
      value: HashValue,
      threshold: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: maxThreshold,
          description: `pdq only: largest Hamming distance counted (default 31, at most ${maxThreshold}).`,
        }),
      ),
    },
    { additionalProperties: false },
  );

export const LookupBody = Type.Object(
  { signals: Type.Array(signal(63), { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);

export const BulkLookupBody = Type.Object(
  {
    signals: Type.Array(signal(31), {
      minItems: 1,
      maxItems: 10_000,
      description: 'Up to 10,000 hashes; answers come back in the same order.',
    }),
  },
  { additionalProperties: false },
);

const Category = Type.Object({
  scheme: Type.String({ description: 'Category scheme code, e.g. `projectvic_us`.' }),
  code: Type.String(),
  label: Type.String(),
});

const Match = Type.Object({
  kind: Type.Union([Type.Literal('exact'), Type.Literal('near')]),
  distance: Type.Integer({ description: 'Hamming distance (0 for exact matches).' }),
  source: Type.Union([Type.Literal('media'), Type.Literal('hash_set_entry')]),
  mediaId: Type.Union([Type.Integer(), Type.Null()], {
    description:
      'The matched media, when your agency may see it; null when it is known only as a hash shared hash-only.',
  }),
  series: Type.Array(
    Type.Object({
      id: Type.Integer(),
      reference: Type.String(),
      title: Type.String(),
      category: Type.Union([Category, Type.Null()]),
      victims: Type.Object(
        { total: Type.Integer(), identified: Type.Integer() },
        {
          description:
            'Victims linked to the series (by any agency), counted: how many, and how many identified. The records stay with their agencies.',
        },
      ),
    }),
    {
      description: 'Series you may see that the media belongs to.',
    },
  ),
  hashSetEntryId: Type.Union([Type.Integer(), Type.Null()]),
  hashSet: Type.Union(
    [Type.Object({ id: Type.Integer(), name: Type.String(), agencyId: Type.Integer() }), Type.Null()],
    {
      description: 'The hash set, when your agency may see it; null for a set shared with you hash-only.',
    },
  ),
  category: Type.Union([Category, Type.Null()]),
  knownGood: Type.Boolean({ description: 'Listed in a known-good (NSRL-style) set: ignorable material.' }),
});

export const LookupAnswer = Type.Object({
  type: Type.String(),
  value: Type.String({ description: 'The hash as looked up (normalised: lower-case hex).' }),
  matches: Type.Array(Match, { description: 'Closest first, at most 100.' }),
  truncated: Type.Boolean({ description: 'True when there were more than 100 matches.' }),
});

export const LookupResults = Type.Object({ results: Type.Array(LookupAnswer) });

export const ImageLookupQuery = Type.Object(
  {
    threshold: Type.Optional(Type.Integer({ minimum: 0, maximum: 63, description: 'PDQ distance (default 31).' })),
    keep: Type.Optional(
      Type.Boolean({
        description:
          'Also store the image as an upload to exhibitId, ingested like any upload (default false: not kept).',
      }),
    ),
    exhibitId: Type.Optional(Type.Integer({ minimum: 1, description: 'With keep=true: the exhibit to store it in.' })),
  },
  { additionalProperties: false },
);

/** A multipart form: the file part is read before validation (multipart-file.ts). */
export const FileUploadBody = Type.Object(
  {
    file: Type.String({ contentMediaType: 'application/octet-stream', description: 'The file, as a file part.' }),
  },
  { additionalProperties: false },
);

export const ImageLookupResult = Type.Object({
  md5: Type.String(),
  sha1: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  pdq: Type.String(),
  pdqQuality: Type.Integer({ description: '0–100; below 50 near matches are unreliable.' }),
  kept: Type.Boolean(),
  upload: Type.Union([Type.Object({ exhibitId: Type.Integer(), jobId: Type.Integer() }), Type.Null()], {
    description: 'With keep=true: where the image was stored and the ingest job that handles it.',
  }),
  results: Type.Array(LookupAnswer, {
    description: 'md5, sha1, sha256, then pdq (any rotation or mirror of the image).',
  }),
});

export const PartnerLookupBody = Type.Object(
  {
    hashes: Type.Array(Type.Object({ type: SignalType, value: HashValue }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 10_000,
    }),
  },
  { additionalProperties: false },
);

export const PartnerLookupResults = Type.Object({
  results: Type.Array(
    Type.Object({
      type: Type.String(),
      value: Type.String(),
      known: Type.Boolean({ description: 'Listed in a hash set shared for partners (pdq: within distance 31).' }),
      categories: Type.Array(Category),
    }),
  ),
});
