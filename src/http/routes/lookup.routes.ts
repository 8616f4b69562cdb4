/**
 * Hash lookups for law-enforcement users (`signal` read): by hash values, in bulk (up to 10,000
 * per request), and by an uploaded image hashed here. What a match reveals follows the caller's
 * access rules (LookupService); lookups that match something are audited, misses are not.
 */
import { join } from 'node:path';
import { AppError } from '../../domain/app-error.js';
import { errorLogFields } from '../../domain/error-log-fields.js';
import { cleanName } from '../../services/upload.service.js';
import type { RouteModule } from '../http-app.js';
import {
  BulkLookupBody,
  FileUploadBody,
  ImageLookupQuery,
  ImageLookupResult,
  LookupBody,
  LookupResults,
} from './lookup.schema.js';
import { callerOf } from './lookup-caller.js';
import { multipartBody, registerMultipart, uploadedFile } from './multipart-file.js';

const tags = ['lookup'];
const ACCESS = { kind: 'signal', action: 'read' } as const;
/** Largest image accepted for a lookup. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export const lookupRoutes: RouteModule = async (app, vigil) => {
  await registerMultipart(app);
  // Load the index as the server starts, not on the first lookup.
  vigil.pdqIndex
    .start()
    .catch((err) => app.log.error(errorLogFields(err), 'PDQ index load failed; retried on the next lookup'));

  app.post(
    '/api/v1/lookup',
    {
      config: { access: ACCESS },
      schema: {
        tags,
        summary: 'Look up hashes (md5, sha1, sha256 exactly; pdq within a distance)',
        description:
          'Each match shows only what your agency may see. A lookup that matches something is recorded in the ' +
          'audit log (who asked about which record); a lookup that matches nothing is not recorded.',
        body: LookupBody,
        response: { 200: LookupResults },
      },
    },
    async (request) => ({ results: await vigil.lookups.lookup(callerOf(request), request.body.signals) }),
  );

  app.post(
    '/api/v1/lookup/bulk',
    {
      config: { access: ACCESS },
      schema: {
        tags,
        summary: 'Look up to 10,000 hashes in one request (answers in the same order)',
        description: 'As POST /api/v1/lookup; pdq thresholds up to 31. Matched records are audited, misses are not.',
        body: BulkLookupBody,
        response: { 200: LookupResults },
      },
    },
    async (request) => ({
      results: await vigil.lookups.lookup(callerOf(request), request.body.signals, 'lookup-bulk'),
    }),
  );

  const upload = multipartBody({ to: 'memory', maxBytes: MAX_IMAGE_BYTES, dir: join(vigil.config.dataDir, 'tmp') });
  app.post(
    '/api/v1/lookup/image',
    {
      config: { access: ACCESS },
      preValidation: upload.preValidation,
      onResponse: upload.onResponse,
      schema: {
        tags,
        summary:
          'Look up an image: hashed on the server (digests and PDQ, any rotation or mirror), not kept unless asked',
        description:
          'Send multipart/form-data with a file part `file`. The image is hashed in memory and discarded, unless ' +
          'keep=true&exhibitId=… asks to store it as an upload to that exhibit (analysts and admins of its agency). ' +
          'Matched records are audited, misses are not.',
        consumes: ['multipart/form-data'],
        querystring: ImageLookupQuery,
        body: FileUploadBody,
        response: { 200: ImageLookupResult },
      },
    },
    async (request) => {
      const file = uploadedFile(request);
      const actor = callerOf(request);
      const { keep, exhibitId, threshold } = request.query;
      if (keep && exhibitId === undefined) {
        throw new AppError('bad-usage', 'keep=true needs exhibitId: the exhibit of your agency to store the image in.');
      }
      // Checked before the lookup: a caller who may not store there learns so at once.
      const exhibit = keep ? await vigil.uploads.exhibitFor(actor, exhibitId as number) : null;
      const bytes = file.bytes as Buffer;
      const { answers, ...hashes } = await vigil.lookups.lookupImage(actor, bytes, threshold);
      let upload: { exhibitId: number; jobId: number } | null = null;
      if (exhibit) {
        const stored = await vigil.uploads.receive([bytes], 0);
        const accepted = await vigil.uploads.accept(actor, exhibit, [
          { ...stored, index: 0, name: cleanName(file.filename, 0) },
        ]);
        upload = { exhibitId: exhibit.id, jobId: accepted.jobs[0].id };
      }
      return { ...hashes, kept: upload !== null, upload, results: answers };
    },
  );
};
