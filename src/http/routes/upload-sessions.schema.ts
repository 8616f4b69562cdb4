/** Request and response schemas of the resumable upload routes (upload-sessions.routes.ts). */
import { Type } from 'typebox';

export const SessionParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'The session id POST answered with.' }) },
  { additionalProperties: false },
);

export const OpenSessionBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 4_096,
      description: "The file's path in the exhibit (its folders within what was chosen or dropped, then its name).",
    }),
    size: Type.Integer({ minimum: 0, description: 'The whole file, in bytes.' }),
  },
  { additionalProperties: false },
);

/** `bytes <first>-<last>/<size>`, as RFC 9110 §14.4 writes it. */
export const CONTENT_RANGE = /^bytes (\d{1,16})-(\d{1,16})\/(\d{1,16})$/;
/** `bytes *\/<size>` with no body: all bytes are in, finish the upload (as Google's resumable uploads ask). */
export const FINISH_RANGE = /^bytes \*\/(\d{1,16})$/;

export const ChunkHeaders = Type.Object({
  'content-range': Type.String({
    pattern: `^bytes (?:\\d{1,16}-\\d{1,16}|\\*)\\/\\d{1,16}$`,
    description:
      'Which bytes of the file the body holds: `bytes <first>-<last>/<size>` (last inclusive); ' +
      '`bytes */<size>` with an empty body finishes a session that holds all its bytes.',
  }),
});

/**
 * The raw chunk, for the API description. It is streamed to disk as it arrives, so Fastify never
 * holds the body: it sees `null`, which this schema also accepts.
 */
export const ChunkBody = {
  content: {
    'application/octet-stream': {
      schema: Type.Union([Type.Null(), Type.String({ format: 'binary' })]),
    },
  },
};

export const SessionOut = Type.Object({
  id: Type.String(),
  exhibitId: Type.Integer(),
  name: Type.String({ description: "The file's path in the exhibit, as stored." }),
  size: Type.Integer(),
  offset: Type.Integer({ description: 'Bytes received so far: the next chunk starts here.' }),
  upload: Type.Union(
    [
      Type.Object({
        batch: Type.String({ description: 'The upload: GET /api/v1/uploads/{batch}/jobs.' }),
        jobId: Type.Integer({ description: "The file's ingest job: GET /api/v1/jobs/{id}." }),
        sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
      }),
      Type.Null(),
    ],
    { description: 'Set once the last byte is in: the file was stored and its ingest job enqueued.' },
  ),
});
