/**
 * Hash sets: list the visible ones, create one with its sharing terms, import a hash-list file
 * into one (multipart, streamed to a private temp file and read by the #6 readers), export one
 * (streamed; hash-only for partners and for sets shared with the caller hash-only), and change
 * the sharing terms (the owner's analysts and admins). Thin: HashSetAdminService holds the rules.
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { errorLogFields } from '../../domain/error-log-fields.js';
import type { HashSetDetails } from '../../services/hash-set-admin.service.js';
import type { RouteModule } from '../http-app.js';
import {
  ExportFile,
  ExportQuery,
  HashSetList,
  HashSetParams,
  HashSetView,
  ImportBody,
  ImportResult,
  NewHashSetBody,
  SharingTerms,
} from './hash-sets.schema.js';
import { callerOf } from './lookup-caller.js';
import { multipartBody, registerMultipart, uploadedFile } from './multipart-file.js';

const tags = ['hash sets'];
/** Largest hash-list file accepted by an import. */
export const MAX_IMPORT_BYTES = 8 * 1024 ** 3;
const CONTENT_TYPES = { vics: 'application/json', csv: 'text/csv', hashes: 'text/csv' } as const;

function view(set: HashSetDetails) {
  const { schemeCode, terms, schemeId: _s, ...rest } = set;
  return { ...rest, scheme: schemeCode, licence: terms };
}

export const hashSetRoutes: RouteModule = async (app, vigil) => {
  await registerMultipart(app);

  app.get(
    '/api/v1/hash-sets',
    {
      config: { access: { kind: 'hash_set', action: 'read' } },
      schema: { tags, summary: 'Hash sets your agency may see', response: { 200: HashSetList } },
    },
    async (request) => ({ items: (await vigil.hashSets.list(callerOf(request))).map(view) }),
  );

  app.post(
    '/api/v1/hash-sets',
    {
      config: { access: { kind: 'hash_set', action: 'write' } },
      schema: {
        tags,
        summary: 'Create a hash set with its sharing terms',
        body: NewHashSetBody,
        response: { 201: HashSetView },
      },
    },
    async (request, reply) => reply.code(201).send(view(await vigil.hashSets.create(callerOf(request), request.body))),
  );

  const upload = multipartBody({ to: 'disk', dir: join(vigil.config.dataDir, 'tmp'), maxBytes: MAX_IMPORT_BYTES });
  app.post(
    '/api/v1/hash-sets/:id/import',
    {
      config: { access: { kind: 'hash_set_entry', action: 'write' } },
      preValidation: upload.preValidation,
      onResponse: upload.onResponse,
      schema: {
        tags,
        summary: 'Import a hash list (VICS JSON, CSV, HMA or NSRL) into one of your sets',
        description: 'multipart/form-data: a file part `file`, optional fields `format` and `scheme`. Audited.',
        consumes: ['multipart/form-data'],
        params: HashSetParams,
        body: ImportBody,
        response: { 200: ImportResult },
      },
    },
    async (request) => {
      const { format, scheme } = request.body;
      const upload = () => {
        const file = uploadedFile(request);
        return { path: file.path as string, filename: file.filename };
      };
      return vigil.hashSets.importFile(callerOf(request), request.params.id, upload, { format, scheme });
    },
  );

  app.get(
    '/api/v1/hash-sets/:id/export',
    {
      config: { access: { kind: 'hash_set_entry', action: 'export', partner: true } },
      schema: {
        tags,
        summary: 'Export a hash set (streamed; hash-only for partners and hash-only shares)',
        description: 'Audited before it streams.',
        params: HashSetParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The list',
            content: { 'text/csv': { schema: ExportFile }, 'application/json': { schema: ExportFile } },
          },
        },
      },
    },
    async (request, reply) => {
      const { format, scheme } = request.query;
      const exported = await vigil.hashSets.exportSet(callerOf(request), request.params.id, format, scheme);
      const out = new PassThrough();
      exported.write(out).then(
        () => out.end(),
        (err) => {
          request.log.error(
            { ...errorLogFields(err), hashSetId: exported.set.id },
            'hash set export failed while streaming',
          );
          out.destroy(err);
        },
      );
      const ext = format === 'vics' ? 'json' : 'csv';
      return (
        reply
          .type(`${CONTENT_TYPES[format]}; charset=utf-8`)
          .header('content-disposition', `attachment; filename="hash-set-${exported.set.id}.${ext}"`)
          // The schema describes the file; the body itself is streamed.
          .send(out as unknown as string)
      );
    },
  );

  app.put(
    '/api/v1/hash-sets/:id/sharing',
    {
      config: { access: { kind: 'hash_set', action: 'write' } },
      schema: {
        tags,
        summary: 'Change the sharing terms of one of your sets',
        params: HashSetParams,
        body: SharingTerms,
        response: { 200: HashSetView },
      },
    },
    async (request) => view(await vigil.hashSets.setSharing(callerOf(request), request.params.id, request.body)),
  );
};
