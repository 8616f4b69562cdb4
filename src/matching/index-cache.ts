/**
 * Keeps one built index per signal type current with its source (the signals table): loads the
 * snapshot file when its checkpoint matches the source, otherwise rebuilds from the source, saves
 * a new snapshot, and swaps the new index in whole. Queries keep using the old index until then.
 */
import { readIndexFile, writeIndexFile } from './index-file.js';
import type { IndexCheckpoint, IndexEntry, SignalIndex } from './signal-index.js';

export interface IndexSource {
  /** The source's state now: highest id and row count. */
  checkpoint(): Promise<IndexCheckpoint>;
  /** Every entry of the source, in any order. */
  entries(): AsyncIterable<IndexEntry> | Iterable<IndexEntry>;
}

export interface IndexCacheOptions<T extends SignalIndex> {
  file: string;
  source: IndexSource;
  create(): T;
  deserialize(bytes: Uint8Array): T;
  /** Told why a rebuild happened (missing, damaged or stale snapshot). */
  onRebuild?(reason: string): void;
}

export const sameCheckpoint = (a?: IndexCheckpoint, b?: IndexCheckpoint): boolean =>
  a !== undefined && b !== undefined && a.lastId === b.lastId && a.count === b.count;

export class IndexCache<T extends SignalIndex> {
  private index: T | undefined;
  private pending: Promise<T> | undefined;

  constructor(private readonly options: IndexCacheOptions<T>) {}

  /** The index in use (after the first `refresh`). */
  get current(): T | undefined {
    return this.index;
  }

  /** Brings the index up to date with the source; concurrent calls share one refresh. */
  refresh(): Promise<T> {
    this.pending ??= this.update().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async update(): Promise<T> {
    const { file, source, create, deserialize, onRebuild } = this.options;
    const wanted = await source.checkpoint();
    if (this.index && sameCheckpoint(this.index.checkpoint, wanted)) return this.index;
    if (!this.index) {
      const loaded = readIndexFile(file, deserialize);
      if (loaded.index && sameCheckpoint(loaded.index.checkpoint, wanted)) {
        this.index = loaded.index;
        return loaded.index;
      }
      onRebuild?.('reason' in loaded ? loaded.reason : 'the snapshot is older than the source');
    } else {
      onRebuild?.('the source changed');
    }
    const fresh = create();
    const entries: IndexEntry[] = [];
    for await (const e of source.entries()) entries.push(e);
    fresh.build(entries);
    fresh.checkpoint = wanted;
    writeIndexFile(file, fresh);
    this.index = fresh;
    return fresh;
  }
}
