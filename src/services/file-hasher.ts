/**
 * Hashes one file: cryptographic digests and/or PDQ, reading the file once where it fits in
 * memory (digests and decoding share the bytes). Never throws for a bad file: the result carries
 * a typed error instead, so a batch goes on.
 */
import { readFile, stat } from 'node:fs/promises';
import { AppError, type AppErrorCode } from '../domain/app-error.js';
import { SNIFF_BYTES, sniffFileType } from '../media/file-type.js';
import { readHead } from '../media/image-decoder.js';
import { digestBuffer, digestFile, type FileDigests } from '../signals/crypto/file-digests.js';
import type { DihedralName } from '../signals/pdq/dihedral.js';
import { type PdqImageHash, pdqFromImage } from '../signals/pdq/pdq-image.js';

/** Files up to this size are read into memory once and shared by digests and decoding. */
export const SINGLE_READ_LIMIT = 256 * 1024 * 1024;

export interface HashFileOptions {
  /** Cryptographic digests (md5, sha1, sha256) too. */
  digests?: boolean;
  /** Perceptual hash; a non-image file is then an error unless `digests` is on. */
  pdq?: boolean;
  dihedral?: boolean;
  fast?: boolean;
}

export interface HashFileResult {
  path: string;
  size?: number;
  digests?: Omit<FileDigests, 'size'>;
  pdq?: { hash: string; quality: number; dihedral?: Record<DihedralName, string> };
  image?: { format: string; width: number; height: number; orientation?: number; pages: number };
  error?: { code: AppErrorCode; message: string };
}

/** A failure as a code and a message a person can act on. */
export function describeFailure(cause: unknown): { code: AppErrorCode; message: string } {
  if (cause instanceof AppError) return { code: cause.code, message: cause.message };
  const code = (cause as NodeJS.ErrnoException)?.code;
  if (code) return { code: 'unreadable-file', message: `Cannot read file (${code}).` };
  return { code: 'internal', message: cause instanceof Error ? cause.message : String(cause) };
}

function withPdq(out: HashFileResult, h: PdqImageHash): void {
  out.pdq = { hash: h.hash, quality: h.quality, ...(h.dihedral ? { dihedral: h.dihedral } : {}) };
  out.image = { format: h.format, width: h.width, height: h.height, orientation: h.orientation, pages: h.pages };
}

export async function hashFile(path: string, options: HashFileOptions): Promise<HashFileResult> {
  const out: HashFileResult = { path };
  const wantPdq = options.pdq !== false;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('unreadable-file', 'Not a regular file.');
    out.size = info.size;
    let source: string | Buffer = path;
    if (options.digests) {
      if (info.size <= SINGLE_READ_LIMIT) {
        source = await readFile(path);
        const { size: _size, ...digests } = digestBuffer(source);
        out.digests = digests;
      } else {
        const { size: _size, ...digests } = await digestFile(path);
        out.digests = digests;
      }
      // With digests, files that are not images are fine: they simply have no PDQ.
      const head = typeof source === 'string' ? await readHead(source) : source.subarray(0, SNIFF_BYTES);
      if (sniffFileType(head).kind !== 'image') return out;
    }
    if (wantPdq) withPdq(out, await pdqFromImage(source, { fast: options.fast, dihedral: options.dihedral }));
  } catch (cause) {
    out.error = describeFailure(cause);
  }
  return out;
}
