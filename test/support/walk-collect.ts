/** Runs a source walk to the end, reading and releasing every file, for assertions. */
import { readFile } from 'node:fs/promises';
import { type SourceError, type WalkOptions, walkSource } from '../../src/ingest/sources/index.js';

export interface CollectedFile {
  logicalPath: string;
  size: number;
  depth: number;
  archive?: string;
  mtime?: number;
  content: Buffer;
}

export interface Collected {
  files: CollectedFile[];
  errors: SourceError[];
  /** Every logical path in the order the walk gave them, files and errors. */
  order: string[];
}

export async function collect(path: string, options: WalkOptions = {}): Promise<Collected> {
  const out: Collected = { files: [], errors: [], order: [] };
  for await (const item of walkSource(path, options)) {
    out.order.push(item.logicalPath);
    if (item.kind === 'error') {
      out.errors.push(item);
      continue;
    }
    const content = await readFile(item.path);
    out.files.push({
      logicalPath: item.logicalPath,
      size: item.size,
      depth: item.depth,
      archive: item.archive,
      mtime: item.mtime,
      content,
    });
    await item.release();
  }
  return out;
}

export function errorAt(c: Collected, logicalPath: string): SourceError | undefined {
  return c.errors.find((e) => e.logicalPath === logicalPath);
}

export function fileAt(c: Collected, logicalPath: string): CollectedFile | undefined {
  return c.files.find((f) => f.logicalPath === logicalPath);
}
