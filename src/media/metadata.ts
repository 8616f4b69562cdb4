/**
 * Reads a media file's metadata with ExifTool (exiftool-vendored, which ships ExifTool's Perl
 * distribution; perl must be on the machine). One long-lived ExifTool process per reader, and one
 * reader per worker: `readMetadata` uses a lazily started shared one, closed by
 * `closeMetadataReader()` at shutdown. Tasks beyond `maxQueued` wait for a slot (back-pressure),
 * each read has a timeout, and a file ExifTool cannot read is an `AppError`, never a crash.
 * ExifTool runs under exiftool-guard.pl (not on Windows), which ends it when this process is gone:
 * after a kill -9 it would otherwise poll its input for ever.
 */
import { mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExifTool } from 'exiftool-vendored';
import { AppError } from '../domain/app-error.js';
import { METADATA_TAGS, type MediaMetadata, normaliseMetadata, type RawTags } from './media-metadata.js';
import { Slots } from './slots.js';

export type { CaptureTime, GpsPosition, MediaMetadata } from './media-metadata.js';

/** A path to a file, or the file's bytes. */
export type MetadataInput = string | Uint8Array;

export interface MetadataReaderOptions {
  /** Longest one read may take before it fails with `metadata-failed` (default 10 s). */
  timeoutMs?: number;
  /** Reads in flight or queued at once; more wait for a slot (default 64). */
  maxQueued?: number;
  /** Reads before the ExifTool process is replaced, bounding its memory (default 2000). */
  maxTasksPerProcess?: number;
}

const READ_ARGS = ['-fast', '-G', ...METADATA_TAGS.map((tag) => `-${tag}`)];
/** Names ExifTool's batch protocol cannot carry (it separates arguments by line). */
const UNSAFE_PATH = /[\r\n\0]/;
/** ExifTool warnings that mean the file is damaged. */
const DAMAGED = /format error|corrupt|truncated/i;

/** The guard script that ends ExifTool with its parent (POSIX only; Windows ends children itself). */
export const EXIFTOOL_GUARD = fileURLToPath(new URL('./exiftool-guard.pl', import.meta.url));

/** ExifTool's script as exiftool-vendored finds it (its own dependency, resolved from its folder). */
function vendoredExiftool(): string {
  const fromVendored = createRequire(createRequire(import.meta.url).resolve('exiftool-vendored'));
  return fromVendored.resolve('exiftool-vendored.pl/bin/exiftool');
}

function guarded(): { exiftoolPath?: string; exiftoolEnv?: NodeJS.ProcessEnv } {
  if (process.platform === 'win32') return {};
  return { exiftoolPath: EXIFTOOL_GUARD, exiftoolEnv: { VIGIL_EXIFTOOL: vendoredExiftool() } };
}

export class MetadataReader {
  readonly #exiftool: ExifTool;
  readonly #slots: Slots;
  #tempDir: Promise<string> | undefined;
  #tempSeq = 0;
  #ended = false;

  constructor(options: MetadataReaderOptions = {}) {
    this.#exiftool = new ExifTool({
      maxProcs: 1,
      maxTasksPerProcess: options.maxTasksPerProcess ?? 2000,
      taskTimeoutMillis: options.timeoutMs ?? 10_000,
      taskRetries: 0,
      // Nothing inferred: zones come only from the file (see capture-time.ts).
      backfillTimezones: false,
      geolocation: false,
      ...guarded(),
    });
    this.#slots = new Slots(options.maxQueued ?? 64);
  }

  /** Reads and normalises the metadata of one file (path or bytes). */
  async read(input: MetadataInput): Promise<MediaMetadata> {
    if (this.#ended) throw new AppError('internal', 'The metadata reader was closed.');
    await this.#slots.acquire();
    try {
      return normaliseMetadata(await this.#readTags(input));
    } finally {
      this.#slots.release();
    }
  }

  /** Stops the ExifTool process and removes the reader's temporary folder. */
  async end(): Promise<void> {
    this.#ended = true;
    await this.#exiftool.end();
    const dir = this.#tempDir;
    this.#tempDir = undefined;
    if (dir) await rm(await dir, { recursive: true, force: true });
  }

  async #readTags(input: MetadataInput): Promise<RawTags> {
    if (typeof input !== 'string') return this.#viaTempFile((file) => writeFile(file, input, { mode: 0o600 }), input);
    const path = resolve(input);
    await checkRegularFile(path);
    if (UNSAFE_PATH.test(path)) return this.#viaTempFile((file) => symlink(path, file), undefined);
    return this.#exiftoolRead(path);
  }

  /** Bytes (or a path ExifTool cannot be given) go through a private temporary name. */
  async #viaTempFile(place: (file: string) => Promise<void>, bytes: Uint8Array | undefined): Promise<RawTags> {
    if (bytes && bytes.length === 0) throw new AppError('empty-file', 'The file is empty (0 bytes).');
    this.#tempDir ??= mkdtemp(join(tmpdir(), 'vigil-metadata-'));
    // No extension: ExifTool then tells the type by content.
    const file = join(await this.#tempDir, `m${process.pid}-${this.#tempSeq++}`);
    try {
      await place(file);
      return await this.#exiftoolRead(file);
    } finally {
      await rm(file, { force: true });
    }
  }

  async #exiftoolRead(file: string): Promise<RawTags> {
    let tags: RawTags & { errors?: unknown[] };
    try {
      tags = (await this.#exiftool.readRaw(file, { readArgs: READ_ARGS, useMWG: false })) as RawTags;
    } catch (cause) {
      throw mapExifToolError(cause);
    }
    const errors = Array.isArray(tags.errors) ? tags.errors.map(String) : [];
    if (errors.length > 0) throw mapExifToolError(new Error(errors.join('; ')));
    const damage = (Array.isArray(tags.warnings) ? tags.warnings.map(String) : []).find((w) => DAMAGED.test(w));
    // A damaged file still gives what ExifTool could read before the damage; only nothing at all is an error.
    if (damage && !Object.keys(tags).some((key) => key.includes(':'))) {
      throw new AppError('corrupt-image', `No readable metadata: ${reasonOf(damage.replace(/^Warning:\s*/i, ''))}.`);
    }
    return tags;
  }
}

async function checkRegularFile(path: string): Promise<void> {
  let stats: Awaited<ReturnType<typeof stat>>;
  try {
    stats = await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('unreadable-file', `Cannot read file metadata: ${code}.`, { cause });
  }
  // ExifTool would walk a directory. A link is followed: which links may be read is the source
  // walker's business (it hands out a private link for a name that is not UTF-8), and a scan checks
  // afterwards that the name still holds the file it listed (ingest/listed-file.ts).
  if (!stats.isFile()) throw new AppError('unreadable-file', 'Cannot read file metadata: not a regular file.');
  if (stats.size === 0) throw new AppError('empty-file', 'The file is empty (0 bytes).');
}

/** ExifTool's messages name the file; only the reason is kept (paths are evidence, never shown). */
function reasonOf(message: string): string {
  return message
    .replace(/^Error:\s*/i, '')
    .replace(/\s+-\s+\/.*$/s, '')
    .slice(0, 200);
}

export function mapExifToolError(cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  const reason = reasonOf(message);
  if (/file is empty/i.test(message)) return new AppError('empty-file', 'The file is empty (0 bytes).', { cause });
  if (/unknown file type|file format error/i.test(message)) {
    return new AppError('unsupported-format', `No readable metadata: ${reason}.`, { cause });
  }
  if (/file not found|permission denied|error opening file/i.test(message)) {
    return new AppError('unreadable-file', `Cannot read file metadata: ${reason}.`, { cause });
  }
  if (/perl|ENOENT|spawn/i.test(message)) {
    return new AppError('missing-dependency', `ExifTool could not start (is perl installed?): ${reason}.`, { cause });
  }
  return new AppError('metadata-failed', `ExifTool could not read the metadata: ${reason}.`, { cause });
}

let shared: MetadataReader | undefined;

/** Reads a file's metadata with this worker's shared ExifTool process (started on first use). */
export function readMetadata(input: MetadataInput): Promise<MediaMetadata> {
  shared ??= new MetadataReader();
  return shared.read(input);
}

/** Ends this worker's shared ExifTool process; call at shutdown (and in tests' `after`). */
export async function closeMetadataReader(): Promise<void> {
  const reader = shared;
  shared = undefined;
  await reader?.end();
}
