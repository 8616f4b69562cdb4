/**
 * One file part (plus text fields) of a multipart/form-data request, read before validation so a
 * route's body schema describes and checks the form as it does a JSON body: the file's field
 * holds a marker string, the bytes (in memory) or a private temp file (on disk) are kept on the
 * request and removed after the response. A client cannot forge a file with a text field: only
 * parts read here as files are found by `uploadedFile`.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type {
  FastifyInstance,
  FastifyRequest,
  onResponseAsyncHookHandler,
  preValidationAsyncHookHandler,
} from 'fastify';
import { AppError } from '../../domain/app-error.js';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  size: number;
  /** In memory (`to: 'memory'`). */
  bytes?: Buffer;
  /** A private temp file (`to: 'disk'`), removed after the response. */
  path?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    uploads?: Map<string, UploadedFile>;
  }
}

/** Adds the multipart parser to this route module's scope (unless a parent scope has it). */
export async function registerMultipart(app: FastifyInstance): Promise<void> {
  if (!app.hasContentTypeParser('multipart/form-data')) await app.register(multipart);
}

export interface MultipartOptions {
  to: 'memory' | 'disk';
  /** Folder for temp files (`to: 'disk'`). */
  dir?: string;
  maxBytes: number;
}

export function multipartBody(options: MultipartOptions): {
  preValidation: preValidationAsyncHookHandler;
  onResponse: onResponseAsyncHookHandler;
} {
  return {
    async preValidation(request) {
      if (!request.isMultipart()) return;
      const body: Record<string, string> = {};
      const uploads = new Map<string, UploadedFile>();
      request.uploads = uploads;
      const parts = request.parts({ limits: { fileSize: options.maxBytes, files: 1, fields: 20 } });
      for await (const part of parts) {
        if (part.type === 'field') {
          body[part.fieldname] = String(part.value);
          continue;
        }
        const file: UploadedFile = { filename: part.filename, mimetype: part.mimetype, size: 0 };
        uploads.set(part.fieldname, file);
        if (options.to === 'memory') {
          file.bytes = await part.toBuffer();
          file.size = file.bytes.length;
        } else {
          const dir = options.dir ?? '.';
          await mkdir(dir, { recursive: true, mode: 0o700 });
          file.path = join(dir, `upload-${randomUUID()}`);
          const out = createWriteStream(file.path, { mode: 0o600 });
          await pipeline(part.file, out);
          if (part.file.truncated) throw tooLarge(options.maxBytes);
          file.size = out.bytesWritten;
        }
        body[part.fieldname] = `file:${part.filename}`;
      }
      request.body = body;
    },
    async onResponse(request) {
      for (const file of request.uploads?.values() ?? []) if (file.path) await rm(file.path, { force: true });
    },
  };
}

/** The file sent in `field`, or a `bad-usage` error saying how to send it. */
export function uploadedFile(request: FastifyRequest, field = 'file'): UploadedFile {
  const file = request.uploads?.get(field);
  if (!file) {
    throw new AppError('bad-usage', `Send the file as multipart/form-data in a file part named "${field}".`);
  }
  return file;
}

function tooLarge(max: number): AppError {
  return new AppError('payload-too-large', `The file is larger than this route accepts (${max} bytes).`);
}
