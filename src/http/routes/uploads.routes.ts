/**
 * Upload of seized files to an exhibit: multipart, each file streamed to the encrypted blob store
 * while it is hashed (never held in memory), then one ingest job per file; answers 202 with the
 * job ids. The exhibit is checked before a byte of the body is read. Thin: UploadService holds
 * the rules, the ingest job (src/jobs/ingest.job.ts) the pipeline.
 */
import multipart from '@fastify/multipart';
import { AppError } from '../../domain/app-error.js';
import { cleanName, formatBytes, type ReceivedFile } from '../../services/upload.service.js';
import type { RouteModule } from '../http-app.js';
import { actorOf } from './actor-of.js';
import { ExhibitParams, UploadAccepted, UploadBody } from './uploads.schema.js';

const FIELD = 'file';

/** The multipart parser's own limits and errors, said the way the rest of the API says them. */
function multipartProblem(error: unknown, maxFiles: number, maxFileBytes: number): AppError | null {
  const code = (error as { code?: string })?.code;
  switch (code) {
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError(
        'payload-too-large',
        `At most ${maxFiles} files per request; send the rest in another upload.`,
        {
          details: { maxFiles },
        },
      );
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(
        'payload-too-large',
        `A file is larger than the upload limit of ${formatBytes(maxFileBytes)}; nothing of this request was kept.`,
        { details: { limitBytes: maxFileBytes } },
      );
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError(
        'bad-usage',
        'The upload was cut off before it ended; nothing of it was kept. Send it again.',
      );
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new AppError('bad-usage', `Send only files, each in a part named "${FIELD}".`);
    default:
      if (error instanceof Error && /multipart|boundary|part terminated|unexpected end/i.test(error.message)) {
        return new AppError('bad-usage', 'The multipart body is malformed or was cut off; nothing of it was kept.');
      }
      return null;
  }
}

export const uploadRoutes: RouteModule = async (app, vigil) => {
  const { maxFiles, maxFileBytes } = vigil.uploads.limits;
  await app.register(multipart, {
    // A file's folders within what was chosen or dropped are part of its evidence path (cleanName
    // drops "..", "." and control characters); busboy would keep only the base name.
    preservePath: true,
    // The service enforces the size limit (with a clear message); busboy's limit is a backstop.
    limits: { fileSize: maxFileBytes + 1, files: maxFiles, parts: maxFiles + 16, fields: 16, fieldSize: 1_024 },
  });

  app.post(
    '/api/v1/exhibits/:id/uploads',
    {
      config: { access: { kind: 'exhibit', action: 'write' } },
      schema: {
        tags: ['uploads'],
        summary: 'Upload files to an exhibit (multipart, any size up to the limit); each is ingested by a job',
        description:
          'Send `multipart/form-data` with one part named `file` per file. Each file is stored encrypted while ' +
          'its MD5, SHA-1 and SHA-256 are computed, then an ingest job decodes, hashes, matches and records it. ' +
          'Poll GET /api/v1/jobs/{id} for each job. A file over the limit refuses the whole request (413).',
        consumes: ['multipart/form-data'],
        params: ExhibitParams,
        body: UploadBody,
        response: { 202: UploadAccepted },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request.principal);
      const exhibit = await vigil.uploads.exhibitFor(actor, request.params.id);
      if (!request.isMultipart()) {
        throw new AppError(
          'unsupported-format',
          `Send the files as multipart/form-data, one part named "${FIELD}" per file.`,
        );
      }
      const files: ReceivedFile[] = [];
      try {
        for await (const part of request.parts()) {
          const field = part.fieldname.slice(0, 64);
          if (part.type !== 'file') {
            throw new AppError(
              'bad-usage',
              `The form field "${field}" is not a file: send only files, each with a filename.`,
            );
          }
          if (part.fieldname !== FIELD) {
            throw new AppError(
              'bad-usage',
              `Unknown form field "${field}": send each file in a part named "${FIELD}".`,
            );
          }
          const index = files.length;
          const stored = await vigil.uploads.receive(part.file, index);
          files.push({ index, name: cleanName(part.filename, index), ...stored });
        }
      } catch (error) {
        throw AppError.is(error) ? error : (multipartProblem(error, maxFiles, maxFileBytes) ?? error);
      }
      const accepted = await vigil.uploads.accept(actor, exhibit, files);
      return reply.code(202).send(accepted);
    },
  );
};
