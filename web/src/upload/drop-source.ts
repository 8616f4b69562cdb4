/**
 * The browser's side of choosing and dropping files: a drop event's entries handed to the walk
 * (dropped-files.ts), and chosen files (a file or folder input) with their paths.
 */
import { type Dropped, type DroppedFile, type EntryLike, walkEntries } from './dropped-files';

/**
 * The files of a drop event. Entries must be taken before the handler returns (the browser empties
 * the DataTransfer afterwards); where the entry API is missing, the plain file list is used.
 */
export function droppedFiles(transfer: DataTransfer): Promise<Dropped<File>> {
  const items = [...transfer.items].filter((item) => item.kind === 'file');
  const entries = items.map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length > 0 && entries.every((e) => e !== null)) {
    return walkEntries(entries as unknown as EntryLike<File>[]);
  }
  return Promise.resolve({ files: [...transfer.files].map((file) => ({ file, path: file.name })), unreadable: [] });
}

/** The path a chosen file goes up under: its place in a chosen folder, or its name. */
export function chosenFiles(list: FileList | null): DroppedFile<File>[] {
  return [...(list ?? [])].map((file) => ({
    file,
    path: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name,
  }));
}

/**
 * The files chosen in a file input, which is then emptied: an input that kept its choice would
 * not fire again for the same files, so a retry after a failure, or a second look, did nothing.
 */
export function takeFiles(input: { files: FileList | null; value: string }): DroppedFile<File>[] {
  const files = chosenFiles(input.files);
  input.value = '';
  return files;
}
