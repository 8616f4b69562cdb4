/**
 * One in-memory PDQ multi-index kept current with one source table (pdq-delta.repository.ts):
 * loaded from its snapshot file when the snapshot is a true prefix of the table (same row count
 * up to its checkpoint), otherwise built from the table in one pass and swapped in whole; then
 * brought up to date by adding only the rows after the checkpoint to the index's write buffer.
 *
 * PostgreSQL can commit a lower id after a higher one (two transactions that both inserted), so
 * there a refresh also recounts the last GAP_WINDOW ids and fetches any row it missed. A source
 * that shrank (rows deleted) or a large backlog means a full rebuild instead.
 */
import { HashStore } from '../matching/hash-store.js';
import { hexToWords } from '../matching/hash256.js';
import { readIndexFile, writeIndexFile } from '../matching/index-file.js';
import { MultiIndex } from '../matching/multi-index.js';
import type { IndexCheckpoint } from '../matching/signal-index.js';
import type { DialectName } from '../storage/dialect-name.js';
import type { PdqDeltaRepository, PdqDeltaRow, PdqSourceName } from '../storage/pdq-delta.repository.js';

const PAGE = 10_000;
/** Ids behind the checkpoint that a PostgreSQL refresh re-checks for late commits. */
export const GAP_WINDOW = 100_000;

export interface LiveIndexReport {
  source: PdqSourceName;
  /** How the index got its contents this time. */
  how: 'snapshot' | 'rebuilt' | 'incremental';
  added: number;
  size: number;
  reason?: string;
}

export class PdqLiveIndex {
  index = new MultiIndex();
  checkpoint: IndexCheckpoint = { lastId: 0, count: 0 };
  /** Changes whenever the contents do (search workers hold a copy of the parts per version). */
  version = 0;
  /** Row ids in the gap window added since the last full load (PostgreSQL only). */
  private readonly recent = new Set<number>();
  /** Rows up to this id came in a full load: the gap check starts above it. */
  private loadedUpTo = 0;
  private changedSinceSave = false;

  constructor(
    private readonly repo: PdqDeltaRepository,
    readonly source: PdqSourceName,
    private readonly file: string,
    private readonly dialect: DialectName,
  ) {}

  /** Snapshot (if it matches the database) plus the rows after it, or a full build. */
  async load(): Promise<LiveIndexReport> {
    const loaded = readIndexFile(this.file, (bytes) => MultiIndex.deserialize(bytes));
    let reason = 'reason' in loaded ? loaded.reason : 'the snapshot has no checkpoint';
    const cp = loaded.index?.checkpoint;
    if (loaded.index && cp) {
      if ((await this.repo.count(this.source, 0, cp.lastId)) === cp.count) {
        this.swap(loaded.index, cp, false);
        const caught = await this.refresh();
        return { ...caught, how: 'snapshot' };
      }
      reason = 'the snapshot does not match the database';
    }
    return { ...(await this.rebuild()), reason };
  }

  /** Adds the rows committed since the checkpoint (or rebuilds when that is cheaper or needed). */
  async refresh(): Promise<LiveIndexReport> {
    let added = 0;
    for (;;) {
      const rows = await this.repo.page(this.source, this.checkpoint.lastId, PAGE);
      if (rows.length === PAGE && added === 0) {
        const behind = await this.repo.count(this.source, this.checkpoint.lastId);
        if (behind > Math.max(100_000, this.checkpoint.count / 4)) {
          return { ...(await this.rebuild()), reason: `${behind} new rows: one build is cheaper than adding them` };
        }
      }
      this.addRows(rows);
      added += rows.length;
      if (rows.length < PAGE) break;
    }
    if (this.dialect === 'postgres') {
      const late = await this.fillGaps();
      if (late === null) return { ...(await this.rebuild()), reason: 'rows were removed from the source' };
      added += late;
    }
    return { source: this.source, how: 'incremental', added, size: this.index.size };
  }

  /** Reads the whole source into a fresh index and swaps it in. */
  async rebuild(): Promise<LiveIndexReport> {
    const upTo = await this.repo.lastId(this.source);
    const store = new HashStore(1 << 16);
    const words = new Uint32Array(8);
    for (let after = 0; ; ) {
      const rows = await this.repo.page(this.source, after, PAGE, upTo);
      for (const r of rows) store.push(r.id, hexToWords(r.value, words));
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].rowId;
    }
    const fresh = new MultiIndex();
    fresh.buildFlat({ hashes: store.hashes, ids: store.ids, n: store.length });
    this.swap(fresh, { lastId: upTo, count: store.length }, true);
    this.save();
    return { source: this.source, how: 'rebuilt', added: store.length, size: fresh.size };
  }

  /** Writes the snapshot if the index changed since it was last written. */
  save(): void {
    if (!this.changedSinceSave) return;
    this.index.checkpoint = { ...this.checkpoint };
    writeIndexFile(this.file, this.index);
    this.changedSinceSave = false;
  }

  private swap(index: MultiIndex, checkpoint: IndexCheckpoint, changed: boolean): void {
    this.index = index;
    this.version++;
    this.checkpoint = { ...checkpoint };
    this.recent.clear();
    this.loadedUpTo = checkpoint.lastId;
    this.changedSinceSave = changed;
  }

  private addRows(rows: readonly PdqDeltaRow[]): void {
    for (const r of rows) {
      this.index.add(r.id, r.value);
      this.checkpoint.count++;
      if (r.rowId > this.checkpoint.lastId) this.checkpoint.lastId = r.rowId;
      if (this.dialect === 'postgres') this.recent.add(r.rowId);
    }
    if (rows.length > 0) {
      this.changedSinceSave = true;
      this.version++;
    }
  }

  /** Late commits in the window: the rows added; null when the source has fewer rows than the index. */
  private async fillGaps(): Promise<number | null> {
    const low = Math.max(this.loadedUpTo, this.checkpoint.lastId - GAP_WINDOW);
    for (const id of this.recent) if (id <= low) this.recent.delete(id);
    const inSource = await this.repo.count(this.source, low, this.checkpoint.lastId);
    if (inSource === this.recent.size) return 0;
    if (inSource < this.recent.size) return null;
    let added = 0;
    for (let after = low; ; ) {
      const rows = await this.repo.page(this.source, after, PAGE, this.checkpoint.lastId);
      const missing = rows.filter((r) => !this.recent.has(r.rowId));
      this.addRows(missing);
      added += missing.length;
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].rowId;
    }
    return added;
  }
}
