/**
 * What was dropped: files and whole folders. `dataTransfer.files` lists a dropped folder as one
 * unreadable item, so the drop's entries (webkitGetAsEntry, taken while the event lasts) are
 * walked instead: folders read batch by batch (readEntries answers in batches until an empty
 * one), each file with its path inside what was dropped. The walk is written against the shape
 * of the browser's entry API, so it runs on fake entries in unit tests.
 */

export interface FileEntryLike<F> {
  isFile: true;
  isDirectory: false;
  name: string;
  /** "/folder/sub/name.jpg", from the dropped item's root. */
  fullPath: string;
  file(ok: (file: F) => void, fail: (error: unknown) => void): void;
}

export interface DirectoryEntryLike<F> {
  isFile: false;
  isDirectory: true;
  name: string;
  fullPath: string;
  createReader(): { readEntries(ok: (entries: EntryLike<F>[]) => void, fail: (error: unknown) => void): void };
}

export type EntryLike<F> = FileEntryLike<F> | DirectoryEntryLike<F>;

export interface DroppedFile<F> {
  file: F;
  /** The path within the drop, without a leading slash ("folder/sub/name.jpg"). */
  path: string;
}

export interface Dropped<F> {
  files: DroppedFile<F>[];
  /** Paths that could not be read (a file gone or unreadable, a folder that would not list). */
  unreadable: string[];
}

const pathOf = (entry: { fullPath: string; name: string }) => (entry.fullPath || entry.name).replace(/^\/+/, '');

/** Every file under the dropped entries, folders walked depth first, in the order listed. */
export async function walkEntries<F>(entries: readonly EntryLike<F>[]): Promise<Dropped<F>> {
  const out: Dropped<F> = { files: [], unreadable: [] };
  const visit = async (entry: EntryLike<F>): Promise<void> => {
    if (entry.isFile) {
      try {
        const file = await new Promise<F>((ok, fail) => entry.file(ok, fail));
        out.files.push({ file, path: pathOf(entry) });
      } catch {
        out.unreadable.push(pathOf(entry));
      }
      return;
    }
    const reader = entry.createReader();
    for (;;) {
      let batch: EntryLike<F>[];
      try {
        batch = await new Promise<EntryLike<F>[]>((ok, fail) => reader.readEntries(ok, fail));
      } catch {
        out.unreadable.push(`${pathOf(entry)}/`);
        return;
      }
      if (batch.length === 0) return;
      for (const child of batch) await visit(child);
    }
  };
  for (const entry of entries) await visit(entry);
  return out;
}
