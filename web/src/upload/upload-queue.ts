/**
 * Uploads many files to an exhibit, a few at a time, one resumable session per file so each has
 * its own progress and a failed file is retried alone. The transport is passed in (XHR in the browser,
 * a fake in unit tests). State changes are reported as immutable snapshots for React.
 */
import { messageOf } from '../api/error-text.js';

export type FileState =
  | { phase: 'waiting' }
  | { phase: 'sending'; sent: number }
  | { phase: 'stored'; jobId: number }
  | { phase: 'failed'; message: string };

export interface QueuedFile {
  name: string;
  size: number;
  state: FileState;
}

export type SendFile = (index: number, onProgress: (sent: number) => void) => Promise<{ jobId: number }>;

export async function uploadAll(
  files: readonly { name: string; size: number }[],
  send: SendFile,
  onChange: (files: QueuedFile[]) => void,
  concurrency = 3,
): Promise<QueuedFile[]> {
  let current: QueuedFile[] = files.map((f) => ({ name: f.name, size: f.size, state: { phase: 'waiting' } }));
  const set = (index: number, state: FileState) => {
    current = current.map((f, i) => (i === index ? { ...f, state } : f));
    onChange(current);
  };
  onChange(current);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      set(index, { phase: 'sending', sent: 0 });
      try {
        const { jobId } = await send(index, (sent) => set(index, { phase: 'sending', sent }));
        set(index, { phase: 'stored', jobId });
      } catch (err) {
        set(index, { phase: 'failed', message: messageOf(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return current;
}

/** Totals for a progress bar: bytes sent of all bytes, and files per phase. */
export function progressOf(files: readonly QueuedFile[]) {
  let sent = 0;
  let total = 0;
  const phases = { waiting: 0, sending: 0, stored: 0, failed: 0 };
  for (const f of files) {
    total += f.size;
    phases[f.state.phase]++;
    if (f.state.phase === 'sending') sent += f.state.sent;
    else if (f.state.phase === 'stored') sent += f.size;
  }
  return { sent, total, ...phases };
}

/** The files being sent now, in queue order, each with the part of it sent (0–1). */
export function inFlight(files: readonly QueuedFile[]): Array<{ name: string; size: number; fraction: number }> {
  return files.flatMap((f) =>
    f.state.phase === 'sending'
      ? [{ name: f.name, size: f.size, fraction: f.size > 0 ? Math.min(1, f.state.sent / f.size) : 0 }]
      : [],
  );
}
