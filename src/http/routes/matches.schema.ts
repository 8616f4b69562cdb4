/** Request and response schemas of the match routes (matches.routes.ts). */
import { Type } from 'typebox';
import { VERDICTS } from '../../domain/match.record.js';
import { Millis, NullableMillis, PageOf, Paging } from './record-common.schema.js';

const Verdict = Type.Union(VERDICTS.map((v) => Type.Literal(v)));
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

export const MatchListQuery = Type.Object(
  {
    verdict: Type.Optional(Verdict),
    series: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Only matches with a member of this series (one you may see) on either side.',
      }),
    ),
    ...Paging,
  },
  { additionalProperties: false },
);

export const VerdictBody = Type.Object(
  {
    verdict: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')]),
    reason: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Why; required to reject (a rejected pair never alerts again).' }),
    ),
    currentVerdict: Type.Optional(
      Type.Union([Verdict], { description: 'The verdict you saw; if it changed meanwhile the answer is 409.' }),
    ),
  },
  { additionalProperties: false },
);

const Range = Type.Object({
  start: Type.Number({ description: 'Seconds into the video: the first matched frame.' }),
  end: Type.Number({ description: 'Seconds: the last matched frame of the stretch.' }),
  frames: Type.Integer({ description: 'Matched frames in the stretch.' }),
});

export const VideoMatchDetailsOut = Type.Union(
  [
    Type.Object({
      queryPercent: Type.Number({
        description: "Share (0–100) of this media's usable frames found in the other video.",
      }),
      comparedPercent: Type.Number({ description: "Share (0–100) of the other video's usable frames found here." }),
      queryRanges: Type.Array(Range, { description: 'Where the matching frames are in this media.' }),
      comparedRanges: Type.Array(Range, { description: 'Where they are in the other video.' }),
    }),
    Type.Null(),
  ],
  { description: 'For a vpdq match: both shares and the matched time ranges in both videos; else null.' },
);

export const MatchOut = Type.Object({
  id: Type.Integer(),
  agencyId: Type.Integer(),
  mediaId: Type.Integer({ description: 'This agency’s media.' }),
  otherMediaId: NullableInt,
  hashSetEntryId: NullableInt,
  kind: Type.String({ description: 'exact, pdq, vpdq, serial, …' }),
  distance: Type.Union([Type.Number(), Type.Null()], { description: 'Hamming distance for perceptual hashes.' }),
  overlap: Type.Union([Type.Number(), Type.Null()], { description: 'Share of a video found in the other, 0–1.' }),
  details: VideoMatchDetailsOut,
  verdict: Type.String(),
  verdictReason: Type.Union([Type.String(), Type.Null()]),
  decidedBy: NullableInt,
  decidedAt: NullableMillis,
  createdAt: Millis,
  series: Type.Array(
    Type.Object({ id: Type.Integer(), agencyId: Type.Integer(), reference: Type.String(), title: Type.String() }),
    { description: 'Series of the other media that this agency may see.' },
  ),
});

export const MatchPage = PageOf(MatchOut);
