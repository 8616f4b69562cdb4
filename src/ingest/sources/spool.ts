/**
 * Copies one archive entry into the temp area while counting what the archive has unpacked, so a
 * bomb is stopped as soon as it passes a limit rather than after filling the disk.
 */
import { createWriteStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SourceErrorCode } from './source-types.js';

/** A limit or a format problem; `archiveWide` stops the whole archive, not only the entry. */
export class SourceLimitError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
    readonly archiveWide: boolean,
  ) {
    super(message);
  }
}

/** How far a whole archive may expand: `max`:1 of its own `size`, past `grace` bytes unpacked. */
export interface WholeRatio {
  max: number;
  grace: number;
  size: number;
}

/**
 * Bytes unpacked from one archive so far, against its byte limit and, when given, its ratio as a
 * whole: entries under the per-entry grace (or many entries sharing one compressed block) each
 * pass the per-entry ratio, yet together turn a small archive into millions of rows.
 */
export class ArchiveBudget {
  used = 0;
  constructor(
    readonly max: number,
    readonly ratio?: WholeRatio,
  ) {}

  add(n: number): void {
    this.used += n;
    if (this.used > this.max)
      throw new SourceLimitError('archive-bomb', `archive unpacks to more than ${this.max} bytes`, true);
    const r = this.ratio;
    if (r && this.used > r.grace && this.used > r.max * Math.max(r.size, 1))
      throw new SourceLimitError(
        'archive-bomb',
        `archive expands more than ${r.max}:1 as a whole (over ${this.used} bytes from ${r.size})`,
        true,
      );
  }
}

/** Streams `source` into a new file at `dest` (mode 0600); returns the bytes written. */
export async function spool(source: Readable, dest: string, budget: ArchiveBudget): Promise<number> {
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      try {
        budget.add(chunk.length);
      } catch (e) {
        done(e as Error);
        return;
      }
      done(null, chunk);
    },
  });
  await pipeline(source, count, createWriteStream(dest, { flags: 'wx', mode: 0o600 }));
  return size;
}

/**
 * Checks the ratio of a compressed stream as it is read: `input` counts compressed bytes in,
 * `output` uncompressed bytes out. Past `grace` uncompressed bytes, out/in may not exceed `max`.
 */
export class RatioGuard {
  input = 0;
  output = 0;
  constructor(
    readonly max: number,
    readonly grace: number,
    readonly what: string,
  ) {}

  check(): void {
    if (this.output > this.grace && this.output > this.max * Math.max(this.input, 1))
      throw new SourceLimitError(
        'archive-bomb',
        `${this.what} expands more than ${this.max}:1 (${this.output} bytes from ${this.input})`,
        true,
      );
  }

  /** A pass-through that counts bytes; `side` says which counter. */
  counter(side: 'input' | 'output'): Transform {
    return new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        this[side] += chunk.length;
        try {
          if (side === 'output') this.check();
        } catch (e) {
          done(e as Error);
          return;
        }
        done(null, chunk);
      },
    });
  }
}
