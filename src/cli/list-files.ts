/**
 * Expands file and folder arguments into a sorted list of regular files. Folders are walked
 * recursively; symbolic links to folders are not followed (no loops, no escaping the folder).
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface ListedPath {
  path: string;
  /** Set when the argument itself cannot be read (missing, permission denied). */
  error?: string;
}

async function walk(dir: string, out: ListedPath[]): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    out.push({ path: dir, error: `cannot read folder (${(cause as NodeJS.ErrnoException).code ?? cause})` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push({ path: p });
    else if (e.isSymbolicLink()) {
      const target = await stat(p).catch(() => undefined);
      if (target?.isFile()) out.push({ path: p });
    }
  }
}

export async function listFiles(args: readonly string[]): Promise<ListedPath[]> {
  const out: ListedPath[] = [];
  for (const arg of args) {
    const info = await lstat(arg).catch((cause: NodeJS.ErrnoException) => cause);
    if (info instanceof Error) {
      out.push({ path: arg, error: info.code === 'ENOENT' ? 'no such file or folder' : `cannot read (${info.code})` });
    } else if (info.isDirectory()) await walk(arg, out);
    else out.push({ path: arg });
  }
  return out;
}
