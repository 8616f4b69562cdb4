/** Request and response schemas of the case and exhibit routes (cases.routes.ts). */
import { Type } from 'typebox';
import { MAX_TEXT } from '../../media/media-metadata.js';
import { CursorPageOf, CursorPaging } from './cursor-page.schema.js';
import { Id, Millis, NullableMillis } from './record-common.schema.js';

const Reference = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '\\S',
  description: "The agency's own case number; unique within the agency.",
});
const Title = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S' });

export const CaseOut = Type.Object({
  id: Id,
  agencyId: Id,
  reference: Type.String(),
  title: Type.String(),
  createdAt: Millis,
  closedAt: NullableMillis,
  exhibits: Type.Integer({ description: 'How many exhibits it has.' }),
});

export const CaseDetailOut = Type.Object({
  ...CaseOut.properties,
  media: Type.Integer({ description: 'Distinct media seen in its exhibits.' }),
});

export const CasePage = CursorPageOf(CaseOut);

export const CaseListQuery = Type.Object(
  {
    ...CursorPaging,
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Text in the reference or the title.' })),
  },
  { additionalProperties: false },
);

export const NewCaseBody = Type.Object({ reference: Reference, title: Title }, { additionalProperties: false });

export const CasePatchBody = Type.Object(
  {
    title: Type.Optional(Title),
    closed: Type.Optional(Type.Boolean({ description: 'true closes the case, false reopens it.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ExhibitOut = Type.Object({
  id: Id,
  caseId: Id,
  agencyId: Id,
  label: Type.String(),
  kind: Type.Union([Type.String(), Type.Null()]),
  createdAt: Millis,
  sightings: Type.Integer({ description: 'Media occurrences recorded in it.' }),
  scanResults: Type.Integer({ description: 'Files a scan finished with.' }),
});

export const ExhibitList = Type.Object({ items: Type.Array(ExhibitOut) });

export const NewExhibitBody = Type.Object(
  {
    label: Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '\\S',
      description: 'Unique within the case, e.g. laptop-1.',
    }),
    kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'device, folder, archive, …' })),
  },
  { additionalProperties: false },
);

export const SightingOut = Type.Object({
  id: Id,
  mediaId: Id,
  sha256: Type.String(),
  mime: Type.Union([Type.String(), Type.Null()]),
  path: Type.String({ description: 'Path within the exhibit (evidence).' }),
  fileCreatedAt: NullableMillis,
  fileModifiedAt: NullableMillis,
  fileAccessedAt: NullableMillis,
  seenAt: Millis,
});

export const ScanResultOut = Type.Object({
  id: Id,
  path: Type.String({ description: 'Path within the exhibit (archive members as a.zip!/b.jpg).' }),
  status: Type.String({ description: 'new, known, near-duplicate, ignorable or error.' }),
  reasons: Type.Array(Type.String()),
  mediaId: Type.Union([Id, Type.Null()]),
  sha256: Type.Union([Type.String(), Type.Null()]),
  size: Type.Union([Type.Integer(), Type.Null()]),
  scannedAt: Millis,
  cameraSerial: Type.Union([Type.String(), Type.Null()], {
    description: "The media's camera serial number, from its metadata.",
  }),
  takenAtLocal: Type.Union([Type.String(), Type.Null()], {
    description: 'Capture time as the file states it (ISO 8601, local, no zone).',
  }),
  hasGps: Type.Boolean({ description: 'The media holds a GPS position.' }),
  category: Type.Union([Type.Object({ code: Type.String(), label: Type.String() }), Type.Null()], {
    description: "Your agency's category for the media.",
  }),
});

export const SightingPage = CursorPageOf(SightingOut);
export const ScanResultPage = CursorPageOf(ScanResultOut);

export const ExhibitDetailOut = Type.Object({
  id: Id,
  caseId: Id,
  agencyId: Id,
  label: Type.String(),
  kind: Type.Union([Type.String(), Type.Null()]),
  createdAt: Millis,
  case: Type.Object({ id: Id, reference: Type.String(), title: Type.String(), closedAt: NullableMillis }),
  sightingCount: Type.Integer(),
  scanStatus: Type.Record(Type.String(), Type.Integer(), { description: 'Scan results by status.' }),
  sightings: SightingPage,
  scanResults: ScanResultPage,
});

export const ExhibitQuery = Type.Object({ limit: CursorPaging.limit }, { additionalProperties: false });

export const PageQuery = Type.Object(CursorPaging, { additionalProperties: false });

const STATUS = '(new|near-duplicate|known|ignorable|error)';
const DAY = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** The triage's narrowing filters, applied by the hub to every page (services/scan-result-narrowing.ts). */
const ScanNarrowing = {
  category: Type.Optional(
    Type.String({
      pattern: '^(none|([a-z0-9_]{1,64}:)?[^:,\\s]{1,64})$',
      description:
        "Your agency's category: none (not categorised yet), a value code (2), or scheme:code (projectvic_us:2).",
    }),
  ),
  cameraSerial: Type.Optional(
    // As long as a stored serial may be (metadata text is cut at MAX_TEXT), so any serial shown can be asked for.
    Type.String({ minLength: 1, maxLength: MAX_TEXT, description: "The media's camera serial number, exactly." }),
  ),
  capturedFrom: Type.Optional(
    Type.String({
      pattern: DAY,
      description:
        'Captured on or after this day (YYYY-MM-DD), on the local time the file states; with either bound, a result without a capture time is left out.',
    }),
  ),
  capturedTo: Type.Optional(
    Type.String({ pattern: DAY, description: 'Captured on or before this day (YYYY-MM-DD), inclusive.' }),
  ),
  gps: Type.Optional(
    Type.Union([Type.Literal('with'), Type.Literal('without')], {
      description: 'Whether the media holds a GPS position.',
    }),
  ),
};

export const ScanResultQuery = Type.Object(
  {
    limit: CursorPaging.limit,
    cursor: Type.Optional(
      Type.String({
        pattern: '^([0-4]:)?[0-9]{1,15}$',
        description: 'nextCursor of the previous page (with order=review: rank:id); absent for the first.',
      }),
    ),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1_000_000_000,
        description:
          'Start at this position of the list (0 is the first result), in the order asked and under the filters; not with cursor. The page carries counts, and its nextCursor continues from there.',
      }),
    ),
    status: Type.Optional(
      Type.String({
        pattern: `^${STATUS}(,${STATUS})*$`,
        description: 'Only these statuses: one, or a comma list (new,near-duplicate).',
      }),
    ),
    order: Type.Optional(
      Type.Union([Type.Literal('id'), Type.Literal('review')], {
        default: 'id',
        description:
          'id: in the order the files finished. review: new, near-duplicate, known, error, ignorable, each in that order.',
      }),
    ),
    ...ScanNarrowing,
  },
  { additionalProperties: false },
);

export const ScanResultsPage = Type.Object({
  ...ScanResultPage.properties,
  counts: Type.Optional(
    Type.Record(Type.String(), Type.Integer(), {
      description:
        'Pages without a cursor only (the first, or one at an offset): results by status that the other filters keep, whatever status asked.',
    }),
  ),
});
