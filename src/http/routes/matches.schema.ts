/** Request and response schemas of the match routes (matches.routes.ts). */
import { Type } from 'typebox';
import { VERDICTS } from '../../domain/match.record.js';
import { Millis, NullableMillis, PageOf, Paging } from './record-common.schema.js';

const Verdict = Type.Union(VERDICTS.map((v) => Type.Literal(v)));
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

export const MatchListQuery = Type.Object(
  { verdict: Type.Optional(Verdict), ...Paging },
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

export const MatchOut = Type.Object({
  id: Type.Integer(),
  agencyId: Type.Integer(),
  mediaId: Type.Integer({ description: 'This agency’s media.' }),
  otherMediaId: NullableInt,
  hashSetEntryId: NullableInt,
  kind: Type.String({ description: 'exact, pdq, vpdq, serial, …' }),
  distance: Type.Union([Type.Number(), Type.Null()], { description: 'Hamming distance for perceptual hashes.' }),
  overlap: Type.Union([Type.Number(), Type.Null()], { description: 'Share of a video found in the other, 0–1.' }),
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
