/**
 * Reading the file a folder listing saw, and only it (issue #5). The walk lists with lstat; a
 * source someone else can write to (a mounted image being modified, an extraction area) may swap
 * a listed name for a symbolic link (to /etc/shadow, to another case's picture) or another file
 * before the scan reads it. So a listed file is opened with O_NOFOLLOW, and the opened
 * descriptor's device and inode must be the listing's; its bytes are read through that
 * descriptor. A name that is not UTF-8 is reached through the walk's private link, which has to
 * be followed: the identity check alone then refuses a swapped file. Tools that take a path
 * (ExifTool and ffmpeg in their own processes, sharp for a file too large to hold) are given one
 * that reaches the checked descriptor (`pinListed`: /proc/<pid>/fd/<n> on Linux), so a swap of
 * the name while they read, even one swapped back, cannot change what they read; they are also
 * checked after they ran (read-pool.ts `sameFile`). A file found swapped is an `unreadable-file`
 * error saying so.
 */
import { close, constants, existsSync, fstat, open as openFd, type Stats } from 'node:fs';
import { type FileHandle, lstat, open, readlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { AppError } from '../domain/app-error.js';
import { digestDescriptor, type FileDigests } from '../signals/crypto/file-digests.js';
import type { ListedIdentity } from './sources/source-types.js';

export type { ListedIdentity };

/** Flags to open a file to read: never waits on a FIFO; a listed name is not followed when it is a link. */
export function openFlags(listed: ListedIdentity | undefined): number {
  const nofollow = listed && !listed.viaLink ? constants.O_NOFOLLOW : 0;
  return constants.O_RDONLY | constants.O_NONBLOCK | nofollow;
}

/** The open file is the one listed (or nothing was listed to compare with). */
export function isListed(st: { dev: number; ino: number }, listed: ListedIdentity | undefined): boolean {
  return !listed || (st.dev === listed.dev && st.ino === listed.ino);
}

/** What the listed name is now, for the reason: a link, or another file. */
async function nowALink(path: string, listed: ListedIdentity | undefined): Promise<boolean> {
  try {
    const name = listed?.viaLink ? await readlink(path, { encoding: 'buffer' }) : path;
    return (await lstat(name)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Why a file whose name no longer holds the listed file is refused. */
export async function replacedError(path: string, listed: ListedIdentity | undefined): Promise<AppError> {
  return (await nowALink(path, listed))
    ? new AppError(
        'unreadable-file',
        'The file was replaced by a symbolic link after it was listed; nothing was read through the link.',
      )
    : new AppError('unreadable-file', 'The file was replaced by another file after it was listed; it was not read.');
}

/** ELOOP (EMLINK on some BSDs): O_NOFOLLOW met a symbolic link. */
function isLinkRefused(e: unknown, listed: ListedIdentity | undefined): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return !!listed && !listed.viaLink && (code === 'ELOOP' || code === 'EMLINK');
}

/** The opened file must be a regular file and the one listed. */
async function checkOpened(info: Stats, path: string, listed: ListedIdentity | undefined): Promise<void> {
  if (!isListed(info, listed)) throw await replacedError(path, listed);
  if (!info.isFile()) throw new AppError('unreadable-file', 'Not a regular file.');
}

/**
 * Opens `path` with `open` and stats it with `stat` (a FileHandle's, or a plain descriptor's):
 * a regular file, the one listed, or an `AppError` that says what it is now (closed again).
 */
async function openChecked<T>(
  path: string,
  listed: ListedIdentity | undefined,
  io: { open(flags: number): Promise<T>; stat(opened: T): Promise<Stats>; close(opened: T): Promise<void> },
): Promise<{ opened: T; info: Stats }> {
  let opened: T;
  try {
    opened = await io.open(openFlags(listed));
  } catch (e) {
    if (isLinkRefused(e, listed)) throw await replacedError(path, listed);
    throw e;
  }
  try {
    const info = await io.stat(opened);
    await checkOpened(info, path, listed);
    return { opened, info };
  } catch (e) {
    await io.close(opened);
    throw e;
  }
}

/** Opens `path` as the listed file (see openChecked). */
export async function openListed(
  path: string,
  listed: ListedIdentity | undefined,
): Promise<{ handle: FileHandle; info: Stats }> {
  const { opened, info } = await openChecked(path, listed, {
    open: (flags) => open(path, flags),
    stat: (handle) => handle.stat(),
    close: (handle) => handle.close(),
  });
  return { handle: opened, info };
}

const openAsync = promisify(openFd);
const fstatAsync = promisify(fstat);
const closeAsync = promisify(close);

/** `openListed` as a plain descriptor, for readers that take one over (yauzl, a read stream); the caller closes it. */
export async function openListedFd(path: string, listed: ListedIdentity | undefined): Promise<number> {
  const { opened } = await openChecked(path, listed, {
    open: (flags) => openAsync(path, flags),
    stat: (fd) => fstatAsync(fd),
    close: (fd) => closeAsync(fd),
  });
  return opened;
}

/** Where this process's open descriptors can be reached by path, by it and by its children (Linux). */
const PROC_FD = process.platform === 'linux' && existsSync(`/proc/${process.pid}/fd`) ? `/proc/${process.pid}/fd` : '';

/** A path for tools that reaches the listed file itself, held open until `release`. */
export interface PinnedFile {
  path: string;
  release(): Promise<void>;
  /** `text` with the pinned path said as the file's own (tools name what they were given). */
  named(text: string): string;
}

/**
 * Opens the listed file (as openListedFd) and gives the path of its descriptor; where there is no
 * /proc, the name itself (checked only after the tools ran).
 */
export async function pinListed(path: string, listed: ListedIdentity | undefined): Promise<PinnedFile> {
  if (!PROC_FD) return { path, release: async () => {}, named: (text) => text };
  const fd = await openListedFd(path, listed);
  const pinned = `${PROC_FD}/${fd}`;
  return { path: pinned, release: () => closeAsync(fd), named: (text) => text.replaceAll(pinned, path) };
}

/** The listed file's bytes, read through the checked descriptor. */
export async function readListed(path: string, listed: ListedIdentity | undefined): Promise<Buffer> {
  const { handle } = await openListed(path, listed);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** What hashing a listed file on this thread found: its bytes when small enough to keep, its digests, its stamp. */
export interface ListedRead {
  data?: Buffer;
  digests?: FileDigests;
  stamp: { dev: number; ino: number; mtimeMs: number; size: number };
}

/** Reads a listed file through the checked descriptor: whole when up to `keepLimit` bytes, else digests only. */
export async function hashListed(
  path: string,
  listed: ListedIdentity | undefined,
  keepLimit: number,
): Promise<ListedRead> {
  const { handle, info } = await openListed(path, listed);
  try {
    const stamp = { dev: info.dev, ino: info.ino, mtimeMs: info.mtimeMs, size: info.size };
    if (info.size <= keepLimit) return { data: await handle.readFile(), stamp };
    return { digests: await digestDescriptor(handle.fd), stamp };
  } finally {
    await handle.close();
  }
}
