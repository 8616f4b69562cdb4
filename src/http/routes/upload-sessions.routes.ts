/**
 * Resumable uploads (issues #7, #9): POST opens a session for one file, PUT appends a chunk sent
 * raw (`application/octet-stream`, streamed to disk, never held whole) with `Content-Range`, GET
 * (or HEAD) says how far it got. The last chunk stores and ingests the file exactly as a one-shot
 * upload and answers 202 with its job. An empty PUT with `Content-Range: bytes *\/<size>` finishes
 * a session that holds all its bytes (a hub died before storing it). Thin: UploadSessionService
 * holds the rules.
 */
import { AppError } from '../../domain/app-error.js';
import type { ByteRange, SessionState } from '../../services/upload-session.service.js';
import type { RouteModule } from '../http-app.js';
import { problemResponse } from '../problem-responses.js';
import { actorOf } from './actor-of.js';
import {
  ChunkBody,
  ChunkHeaders,
  CONTENT_RANGE,
  FINISH_RANGE,
  OpenSessionBody,
  SessionOut,
  SessionParams,
} from './upload-sessions.schema.js';
import { ExhibitParams } from './uploads.schema.js';

/** The header HEAD answers with (and every answer carries): bytes received so far. */
const OFFSET_HEADER = 'upload-offset';

function rangeOf(header: string): ByteRange {
  const m = CONTENT_RANGE.exec(header);
  const [start, end, total] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [Number.NaN, 0, 0];
  if (!m || start > end || end >= total) {
    throw new AppError(
      'bad-usage',
      `Content-Range "${header.slice(0, 80)}" is not "bytes <first>-<last>/<size>" with first <= last < size.`,
    );
  }
  return { start, end, total };
}

export const uploadSessionRoutes: RouteModule = (app, vigil) => {
  // The chunk stays a stream: the handler reads request.raw as it arrives.
  app.addContentTypeParser('application/octet-stream', (_request, _payload, done) => done(null, null));
  const sent = (state: SessionState) => ({ [OFFSET_HEADER]: String(state.offset) });

  app.post(
    '/api/v1/exhibits/:id/upload-sessions',
    {
      config: { access: { kind: 'exhibit', action: 'write' } },
      schema: {
        tags: ['uploads'],
        summary: 'Open a resumable upload of one file to an exhibit',
        description:
          'Then PUT its bytes in chunks to /api/v1/upload-sessions/{id}. A file over the upload limit is ' +
          'refused here (413). An empty file is stored at once (the answer carries its job).',
        params: ExhibitParams,
        body: OpenSessionBody,
        response: { 201: SessionOut },
      },
    },
    async (request, reply) => {
      const { name, size } = request.body;
      const state = await vigil.uploadSessions.open(actorOf(request.principal), request.params.id, name, size);
      return reply.code(201).headers(sent(state)).send(state);
    },
  );

  app.get(
    '/api/v1/upload-sessions/:id',
    {
      config: { access: { kind: 'exhibit', action: 'write' } },
      schema: {
        tags: ['uploads'],
        summary: 'How far a resumable upload got (HEAD: the Upload-Offset header only)',
        description: "Only the user who opened the session sees it; anyone else's is not found (404).",
        params: SessionParams,
        response: { 200: SessionOut },
      },
    },
    async (request, reply) => {
      const state = await vigil.uploadSessions.status(actorOf(request.principal), request.params.id);
      return reply.headers(sent(state)).send(state);
    },
  );

  app.put(
    '/api/v1/upload-sessions/:id',
    {
      config: { access: { kind: 'exhibit', action: 'write' } },
      schema: {
        tags: ['uploads'],
        summary: 'Append a chunk of a resumable upload (raw bytes with Content-Range)',
        description:
          'The chunk must start at the offset the session holds, else 409 with the offset in ' +
          '`details.offset`. One request writes a session at a time, across all hub servers: another one ' +
          'writing it now gives 409 with `Retry-After` (and `details.retryAfterSeconds`); a writer that ' +
          'died leaves it free within 30 s. Bytes received before a cut-off are kept: ask GET for the offset and resume. ' +
          'The last chunk answers 202 with the ingest job of the file; earlier ones 200. ' +
          'A session whose offset is its size but that has no job yet (a hub died before storing it) is finished ' +
          'by a PUT with an empty body and `Content-Range: bytes */<size>`: 202 with the job when this request ' +
          'finished it, 200 with the same session (its `upload`) when it already was, so repeating it is harmless; ' +
          'with fewer bytes in, 409 with `details.offset` to resume from.',
        consumes: ['application/octet-stream'],
        params: SessionParams,
        headers: ChunkHeaders,
        body: ChunkBody,
        response: {
          200: SessionOut,
          202: SessionOut,
          409: problemResponse(
            "Not at the session's offset (`details.offset`), the session is complete (a chunk: `details.jobId`), or " +
              'another request is writing it now (`Retry-After`, `details.retryAfterSeconds`).',
          ),
        },
      },
    },
    async (request, reply) => {
      const finish = FINISH_RANGE.exec(request.headers['content-range']);
      if (finish) {
        const length = request.headers['content-length'];
        if ((length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined) {
          throw new AppError('bad-usage', 'A finishing request (Content-Range: bytes */<size>) has an empty body.');
        }
        const { state, finishedNow } = await vigil.uploadSessions.finishReceived(
          actorOf(request.principal),
          request.params.id,
          Number(finish[1]),
        );
        return reply
          .code(finishedNow ? 202 : 200)
          .headers(sent(state))
          .send(state);
      }
      const range = rangeOf(request.headers['content-range']);
      if (!/^application\/octet-stream\b/i.test(request.headers['content-type'] ?? '')) {
        throw new AppError('unsupported-format', 'Send the chunk as application/octet-stream with a Content-Range.');
      }
      const state = await vigil.uploadSessions.append(
        actorOf(request.principal),
        request.params.id,
        range,
        // Not destroyed when the service stops reading early (a lost lease, a body past its range),
        // so the client gets the answer at once; the rest of the body is left unread and the
        // connection stays open until the keep-alive timeout.
        request.raw.iterator({ destroyOnReturn: false }),
      );
      return reply
        .code(state.upload ? 202 : 200)
        .headers(sent(state))
        .send(state);
    },
  );
};
