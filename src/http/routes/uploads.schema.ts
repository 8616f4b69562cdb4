/** Request and response schemas of the upload and job routes (uploads.routes.ts, jobs.routes.ts). */
import { Type } from 'typebox';
import { Id } from './record-common.schema.js';

export const ExhibitParams = Type.Object({ id: Id }, { additionalProperties: false });

/**
 * The multipart body, for the API description. The parts are streamed to the blob store as they
 * arrive, so Fastify never holds the body: it sees `null`, which this schema also accepts; the
 * route itself refuses anything but file parts named `file`.
 */
export const UploadBody = {
  content: {
    'multipart/form-data': {
      schema: Type.Union([
        Type.Null(),
        Type.Object({
          file: Type.Array(Type.String({ format: 'binary' }), {
            description: 'One part per file, each named "file"; its filename becomes its path in the exhibit.',
          }),
        }),
      ]),
    },
  },
};

const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const UploadAccepted = Type.Object({
  batch: Type.String({ description: 'The upload: every job below carries it, with progress counts.' }),
  exhibitId: Type.Integer(),
  jobs: Type.Array(
    Type.Object({
      id: Type.Integer({ description: 'The ingest job: GET /api/v1/jobs/{id}.' }),
      index: Type.Integer({ description: 'Position of the file in the request (0 = first).' }),
      size: Type.Integer({ description: 'Bytes stored.' }),
      sha256: Sha256,
    }),
  ),
});

export const JobParams = Type.Object({ id: Id }, { additionalProperties: false });
export const BatchParams = Type.Object(
  { batch: Type.String({ pattern: '^[0-9a-f]{16}$', description: 'The `batch` an upload answered with.' }) },
  { additionalProperties: false },
);

const Millis = Type.Integer({ description: 'Milliseconds since the Unix epoch (UTC).' });
const NullableMillis = Type.Union([Millis, Type.Null()]);
const Counts = {
  total: Type.Integer(),
  queued: Type.Integer(),
  running: Type.Integer(),
  done: Type.Integer(),
  failed: Type.Integer(),
};

export const JobStatusOut = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'What the job does: `ingest` for an uploaded file.' }),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')], {
    description: 'done: the file went through (see result.status for what it is); failed: see error.',
  }),
  exhibitId: Type.Union([Type.Integer(), Type.Null()]),
  file: Type.Union([
    Type.Object({
      index: Type.Integer(),
      size: Type.Integer(),
      sha256: Sha256,
      md5: Type.String(),
      sha1: Type.String(),
    }),
    Type.Null(),
  ]),
  attempts: Type.Integer({ description: 'Tries so far (a running job counts its current one).' }),
  maxAttempts: Type.Integer(),
  createdAt: Millis,
  startedAt: NullableMillis,
  finishedAt: NullableMillis,
  runAfter: Type.Union([Millis, Type.Null()], { description: 'When a queued job is tried (next), else null.' }),
  step: Type.Union([Type.String(), Type.Null()], { description: 'What a running job is doing.' }),
  error: Type.Union([Type.String(), Type.Null()], { description: 'The last failure (a retry is due at runAfter).' }),
  result: Type.Union([
    Type.Object({
      status: Type.String({ description: 'new, known, near-duplicate, ignorable or error' }),
      reasons: Type.Array(Type.String()),
      mediaId: Type.Union([Type.Integer(), Type.Null()]),
      alerts: Type.Union([Type.Integer(), Type.Null()], { description: 'Alerts this file raised.' }),
    }),
    Type.Null(),
  ]),
  batch: Type.Union([Type.Object({ id: Type.String(), ...Counts }), Type.Null()], {
    description: 'Progress of the upload this job belongs to.',
  }),
});

export const BatchJobsOut = Type.Object({
  jobs: Type.Array(JobStatusOut, { description: 'One job per uploaded file, in upload order.' }),
});
