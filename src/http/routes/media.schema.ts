/** Request and response schemas of the media view routes (media.routes.ts). */
import { Type } from 'typebox';
import { Id, Millis, NullableMillis } from './record-common.schema.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

const Metadata = Type.Object({
  cameraMake: NullableString,
  cameraModel: NullableString,
  cameraSerial: NullableString,
  lensModel: NullableString,
  lensSerial: NullableString,
  capturedAt: Type.Union([
    Type.Object({
      local: Type.String({ description: 'Wall-clock time as the file states it (ISO 8601, no zone).' }),
      offsetMinutes: NullableInteger,
      epochMs: NullableInteger,
      source: Type.String(),
    }),
    Type.Null(),
  ]),
  gps: Type.Union([
    Type.Object({ latitude: Type.Number(), longitude: Type.Number(), altitudeM: NullableNumber }),
    Type.Null(),
  ]),
  software: NullableString,
  orientation: NullableInteger,
});

export const MediaPageOut = Type.Object({
  id: Id,
  sha256: Type.String(),
  md5: Type.String(),
  sha1: Type.String(),
  size: Type.Integer(),
  mime: NullableString,
  width: NullableInteger,
  height: NullableInteger,
  durationMs: NullableInteger,
  createdAt: Millis,
  signals: Type.Array(Type.Object({ type: Type.String(), value: Type.String(), quality: NullableInteger })),
  metadata: Type.Union([Metadata, Type.Null()]),
  sightings: Type.Object({
    items: Type.Array(
      Type.Object({
        id: Id,
        exhibitId: Id,
        exhibitLabel: Type.String(),
        caseId: Id,
        caseReference: Type.String(),
        path: Type.String({ description: 'Path within the exhibit (evidence).' }),
        fileCreatedAt: NullableMillis,
        fileModifiedAt: NullableMillis,
        fileAccessedAt: NullableMillis,
        seenAt: Millis,
      }),
    ),
    total: Type.Integer({ description: "Your agency's sightings of it (the most recent 100 are listed)." }),
  }),
  matches: Type.Array(
    Type.Object({
      id: Id,
      otherMediaId: Type.Union([Id, Type.Null()]),
      hashSetEntryId: Type.Union([Id, Type.Null()]),
      kind: Type.String(),
      distance: NullableInteger,
      overlap: NullableNumber,
      verdict: Type.String(),
      createdAt: Millis,
    }),
  ),
  series: Type.Array(
    Type.Object({ id: Id, agencyId: Id, reference: Type.String(), title: Type.String(), status: Type.String() }),
  ),
  thumbnail: Type.Boolean({ description: 'A thumbnail is stored (for a video, its poster frame).' }),
  content: Type.Boolean({ description: 'Your agency may download the original.' }),
  video: Type.Union(
    [
      Type.Object({
        container: Type.String(),
        codec: Type.String(),
        width: Type.Integer(),
        height: Type.Integer(),
        frameRate: Type.Number(),
        durationSeconds: NullableNumber,
        hasAudio: Type.Boolean(),
        frames: Type.Integer({ description: 'Frames in its vPDQ list (one per second by default).' }),
        stills: Type.Array(
          Type.Object({
            index: Type.Integer({ description: 'GET …/thumbnail?still=index' }),
            timestamp: Type.Number({ description: 'Seconds into the video.' }),
            width: Type.Integer(),
            height: Type.Integer(),
          }),
          { description: 'Keyframe stills spread over the video, in time order.' },
        ),
      }),
      Type.Null(),
    ],
    { description: 'For a video: its facts and stills; else null.' },
  ),
  category: Type.Union(
    [Type.Object({ scheme: Type.String(), code: Type.String(), label: Type.String() }), Type.Null()],
    { description: "Your agency's own category of it, if set (PUT …/category)." },
  ),
});

export const ThumbnailQuery = Type.Object(
  {
    reveal: Type.Optional(
      Type.Boolean({ default: false, description: 'The clear thumbnail (audited as a view of the content).' }),
    ),
    greyscale: Type.Optional(Type.Boolean({ default: false })),
    still: Type.Optional(
      Type.Integer({ minimum: 0, description: "A video's still (index from the media page) instead of its poster." }),
    ),
  },
  { additionalProperties: false },
);

const Binary = Type.String({ format: 'binary' });

/** A response of bytes (Fastify skips serialising buffers and streams; the schema documents them). */
export function bytesOf(description: string, types: readonly string[]) {
  return { description, content: Object.fromEntries(types.map((t) => [t, { schema: Binary }])) };
}
