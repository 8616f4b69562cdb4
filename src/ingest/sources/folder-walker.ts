/**
 * Files under a folder, depth first, names sorted by their bytes so every run sees the same
 * order. Names are read as raw bytes (non-UTF-8 names survive). Symbolic links are followed only
 * while they stay inside the source; a link back to a folder that contains it is a loop, and each
 * linked folder is walked once. Anything that is not a file, folder or link is reported, never read.
 */
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { probe } from './archive-kind.js';
import type { FoundFile, WalkContext } from './found-file.js';
import { encodeName } from './logical-name.js';
import { type SourceError, sourceError } from './source-types.js';

type Walked = FoundFile | SourceError;

interface FolderWalk {
  ctx: WalkContext;
  rootReal: Buffer;
  /** Folders reached through a link, by device and inode. */
  linked: Set<string>;
}

const SLASH = Buffer.from('/');

function id(st: Stats): string {
  return `${st.dev}:${st.ino}`;
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String(e);
}

/** Why an entry could not be looked at; a path past PATH_MAX cannot be opened by name at all. */
function cannotRead(e: unknown): string {
  const code = errno(e);
  if (code === 'ENAMETOOLONG')
    return 'path longer than the system can open (over 4,096 bytes): not read, nor anything inside it (ENAMETOOLONG)';
  return `cannot read (${code})`;
}

function inside(path: Buffer, root: Buffer): boolean {
  if (path.equals(root) || root.equals(SLASH)) return true;
  return path.length > root.length && path[root.length] === 0x2f && path.subarray(0, root.length).equals(root);
}

function special(st: Stats): string {
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  if (st.isBlockDevice() || st.isCharacterDevice()) return 'device';
  return 'special file';
}

/** A string path for fs calls: the path itself, or a temp link when it is not valid UTF-8. */
async function found(ctx: WalkContext, path: Buffer, logicalPath: string, st: Stats): Promise<FoundFile> {
  const text = path.toString('utf8');
  const plain = Buffer.from(text, 'utf8').equals(path);
  return {
    kind: 'found',
    logicalPath,
    path: plain ? text : await ctx.temp.linkTo(path),
    temp: !plain,
    listed: { dev: st.dev, ino: st.ino, viaLink: !plain },
    size: st.size,
    depth: 0,
    mtime: st.mtimeMs,
    ctime: st.ctimeMs,
    atime: st.atimeMs,
  };
}

async function* link(w: FolderWalk, path: Buffer, logical: string, ancestors: Set<string>): AsyncGenerator<Walked> {
  let real: Buffer;
  try {
    real = await realpath(path, { encoding: 'buffer' });
  } catch (e) {
    const code = errno(e);
    if (code === 'ELOOP') yield sourceError(logical, 'link-loop', 'symbolic link loop');
    else if (code === 'ENOENT') yield sourceError(logical, 'link-not-followed', 'broken symbolic link');
    else yield sourceError(logical, 'unreadable-file', `cannot resolve link (${code})`);
    return;
  }
  if (!inside(real, w.rootReal)) {
    yield sourceError(logical, 'link-not-followed', 'symbolic link points outside the source');
    return;
  }
  let st: Stats;
  try {
    st = await stat(real);
  } catch (e) {
    yield sourceError(logical, 'unreadable-file', `cannot read (${errno(e)})`);
    return;
  }
  if (st.isDirectory()) {
    if (ancestors.has(id(st))) yield sourceError(logical, 'link-loop', 'link to a folder that contains it');
    else if (w.linked.has(id(st)))
      yield sourceError(logical, 'link-not-followed', 'folder already walked through another link');
    else {
      w.linked.add(id(st));
      yield* folder(w, real, logical, st, ancestors);
    }
  } else if (st.isFile()) yield await found(w.ctx, real, logical, st);
  else yield sourceError(logical, 'unsupported-format', `${special(st)}, not read`);
}

/** How many entries of a folder are looked at (lstat, first bytes) at once, ahead of the consumer. */
const LOOK_AHEAD = 32;

type Looked = { kind: 'item'; item: Walked } | { kind: 'folder' | 'link'; path: Buffer; logical: string; st: Stats };

async function look(w: FolderWalk, dir: Buffer, logical: string, entry: Dirent<Buffer>): Promise<Looked> {
  const path = Buffer.concat([dir, SLASH, entry.name]);
  const childLogical = logical === '' ? encodeName(entry.name) : `${logical}/${encodeName(entry.name)}`;
  let st: Stats;
  try {
    st = await lstat(path);
  } catch (e) {
    return { kind: 'item', item: sourceError(childLogical, 'unreadable-file', cannotRead(e)) };
  }
  if (st.isDirectory()) return { kind: 'folder', path, logical: childLogical, st };
  if (st.isSymbolicLink()) return { kind: 'link', path, logical: childLogical, st };
  if (!st.isFile())
    return { kind: 'item', item: sourceError(childLogical, 'unsupported-format', `${special(st)}, not read`) };
  const file = await found(w.ctx, path, childLogical, st);
  if (file.size > 0) file.probe = await probe(file.path, file.listed);
  return { kind: 'item', item: file };
}

async function* folder(
  w: FolderWalk,
  dir: Buffer,
  logical: string,
  st: Stats,
  ancestors: Set<string>,
): AsyncGenerator<Walked> {
  let entries: Dirent<Buffer>[];
  try {
    entries = await readdir(dir, { encoding: 'buffer', withFileTypes: true });
  } catch (e) {
    yield sourceError(logical, 'unreadable-file', `cannot read folder (${errno(e)})`);
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  const chain = new Set(ancestors).add(id(st));
  for (let i = 0; i < entries.length; i += LOOK_AHEAD) {
    const batch = entries.slice(i, i + LOOK_AHEAD);
    const looked = await Promise.all(batch.map((entry) => look(w, dir, logical, entry)));
    for (const l of looked) {
      if (l.kind === 'item') yield l.item;
      else if (l.kind === 'folder') yield* folder(w, l.path, l.logical, l.st, chain);
      else yield* link(w, l.path, l.logical, chain);
    }
  }
}

/**
 * Everything under `root` (a folder or a single file). Logical paths start with the root's own
 * name: walking `/media/evidence` gives `evidence/a/b.jpg`. A link given as the root is followed.
 */
export async function* walkPath(ctx: WalkContext, root: string): AsyncGenerator<Walked> {
  const abs = Buffer.from(resolve(root), 'utf8');
  const name = encodeName(Buffer.from(basename(resolve(root)), 'utf8'));
  let st: Stats;
  try {
    st = await stat(abs);
  } catch (e) {
    const code = errno(e);
    yield sourceError(name, 'unreadable-file', code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code})`);
    return;
  }
  if (st.isFile()) {
    // Its real path: the name read must be the file itself, not a link that is followed.
    yield await found(ctx, await realpath(abs, { encoding: 'buffer' }), name, st);
    return;
  }
  if (!st.isDirectory()) {
    yield sourceError(name, 'unsupported-format', `${special(st)}, not read`);
    return;
  }
  const rootReal = await realpath(abs, { encoding: 'buffer' });
  yield* folder({ ctx, rootReal, linked: new Set() }, rootReal, name, st, new Set());
}
