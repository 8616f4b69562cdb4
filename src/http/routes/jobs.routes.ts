/**
 * The status of a job of the caller's agency (an uploaded file's ingest): where it is, what it
 * found (the file's triage status and reasons, its media, the alerts it raised) or why it failed,
 * and how far its upload has got. Another agency's job is not found.
 */
import type { Static } from 'typebox';
import type { JobView } from '../../services/upload.service.js';
import type { RouteModule } from '../http-app.js';
import { actorOf } from './actor-of.js';
import { BatchJobsOut, BatchParams, JobParams, JobStatusOut } from './uploads.schema.js';

type Out = Static<typeof JobStatusOut>;

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);

function fileOf(payload: Record<string, unknown>): Out['file'] {
  const [index, size, sha256, md5, sha1] = [
    int(payload.index),
    int(payload.size),
    str(payload.sha256),
    str(payload.md5),
    str(payload.sha1),
  ];
  return index === null || size === null || !sha256 || !md5 || !sha1 ? null : { index, size, sha256, md5, sha1 };
}

export function jobStatusOf({ job, batch }: JobView): Out {
  const r = job.result;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    exhibitId: int(job.payload.exhibitId),
    file: fileOf(job.payload),
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    runAfter: job.status === 'queued' ? job.runAfter : null,
    step: job.status === 'running' ? str(job.progress?.step) : null,
    error: job.status === 'done' ? null : job.error,
    result: r
      ? {
          status: str(r.status) ?? 'error',
          reasons: Array.isArray(r.reasons) ? r.reasons.filter((x): x is string => typeof x === 'string') : [],
          mediaId: int(r.mediaId),
          alerts: int(r.alerts),
        }
      : null,
    batch,
  };
}

export const jobRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/api/v1/jobs/:id',
    {
      config: { access: { kind: 'exhibit', action: 'read' } },
      schema: {
        tags: ['uploads'],
        summary: "A job of this agency: its state, the uploaded file's result or error, its upload's progress",
        params: JobParams,
        response: { 200: JobStatusOut },
      },
    },
    async (request) => jobStatusOf(await vigil.uploads.status(actorOf(request.principal), request.params.id)),
  );

  app.get(
    '/api/v1/uploads/:batch/jobs',
    {
      config: { access: { kind: 'exhibit', action: 'read' } },
      schema: {
        tags: ['uploads'],
        summary: "Every job of one of this agency's uploads, in upload order: pick up its progress after a reload",
        params: BatchParams,
        response: { 200: BatchJobsOut },
      },
    },
    async (request) => ({
      jobs: (await vigil.uploads.batch(actorOf(request.principal), request.params.batch)).map(jobStatusOf),
    }),
  );
};
