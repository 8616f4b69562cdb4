/**
 * The process's in-memory PDQ index (`vigil.pdqIndex`, DESIGN.md §4 and §6): one multi-index over
 * every media's PDQ and one over every hash-set entry's PDQ, loaded at start from the snapshot
 * files under `<dataDir>/indexes/` (or built from the database against their checkpoints), then
 * kept current by adding only new rows: on a jittered timer, so that many API and worker
 * processes never refresh in step, and on demand (`refresh()`, called after ingest and imports).
 *
 * Queries see every stored hash; what a caller may see of a hit is decided afterwards, in SQL,
 * by the lookup service. Single queries run in this thread; bulk queries on a worker pool that
 * shares the index's memory.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type BulkResult, bulkMatch } from '../matching/bulk-match.js';
import { HASH_WORDS, hexToWords } from '../matching/hash256.js';
import type { IndexMatch } from '../matching/signal-index.js';
import type { DihedralName } from '../signals/pdq/dihedral.js';
import { DIHEDRAL_NAMES } from '../signals/pdq/dihedral.js';
import type { VigilDatabase } from '../storage/database.js';
import { PdqDeltaRepository, type PdqSourceName } from '../storage/pdq-delta.repository.js';
import { type LiveIndexReport, PdqLiveIndex } from './pdq-live-index.js';
import { PdqSearchPool } from './pdq-search-pool.js';
import { jitteredDelay } from './refresh-jitter.js';

export interface PdqIndexOptions {
  /** Folder for the snapshot files. */
  dir: string;
  /** Mean time between timed refreshes (default 10 s); each wait is drawn from ±50 % of it. */
  refreshMs?: number;
  /** Worker threads for bulk queries (default: one per core). */
  threads?: number;
  /** Indexes with fewer hashes are searched in this thread (default 100,000). */
  poolMinHashes?: number;
  /** Told what each load and refresh did (ids and counts only). */
  onReport?(report: LiveIndexReport): void;
}

/** Hits of one needle in both indexes, each sorted by distance then id, one per id. */
export interface PdqHits {
  media: IndexMatch[];
  entries: IndexMatch[];
}

/** Below this many needles a bulk query runs in this thread (the pool costs a round trip). */
const POOL_MIN_NEEDLES = 256;
/** Indexes smaller than this are searched in this thread whatever the number of needles (default). */
const POOL_MIN_HASHES = 100_000;

export class PdqIndexService {
  private readonly live: Record<PdqSourceName, PdqLiveIndex>;
  private started: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private pool: PdqSearchPool | undefined;
  private closed = false;
  private readonly needle = new Uint32Array(HASH_WORDS);
  private get poolMinHashes(): number {
    return this.options.poolMinHashes ?? POOL_MIN_HASHES;
  }

  constructor(
    database: VigilDatabase,
    private readonly options: PdqIndexOptions,
  ) {
    const repo = new PdqDeltaRepository(database.db);
    const file = (source: string) => join(options.dir, `pdq-${source}.${database.dialect}.mih`);
    this.live = {
      media: new PdqLiveIndex(repo, 'media', file('media'), database.dialect),
      entries: new PdqLiveIndex(repo, 'entries', file('entries'), database.dialect),
    };
  }

  /** Loads the indexes (once; later calls wait for the same load) and starts the timed refresh. */
  start(): Promise<void> {
    this.started ??= (async () => {
      mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
      for (const live of Object.values(this.live)) {
        const report = await live.load();
        this.options.onReport?.(report);
      }
      if (this.live.media.index.size >= this.poolMinHashes) {
        // Workers take a moment to load: start them now rather than on the first query.
        await this.workers().ready();
      }
      this.schedule();
    })().catch((e) => {
      // A failed load (database away) is tried again by the next caller.
      this.started = undefined;
      throw e;
    });
    return this.started;
  }

  /**
   * Adds what was committed since the last refresh. Concurrent calls share a run; a call made
   * while one runs gets one more run after it, so rows committed meanwhile are always picked up.
   */
  async refresh(): Promise<void> {
    await this.start();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          for (const live of Object.values(this.live)) {
            const report = await live.refresh();
            this.options.onReport?.(report);
          }
        } while (this.again && !this.closed);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Entries in each index (after `start`). */
  get size(): { media: number; entries: number } {
    return { media: this.live.media.index.size, entries: this.live.entries.index.size };
  }

  /** Hits within `threshold` bits of a normalised PDQ hex value. Call `start` first. */
  near(value: string, threshold: number): PdqHits {
    hexToWords(value, this.needle);
    return {
      media: uniqueById(this.live.media.index.queryWords(this.needle, threshold)),
      entries: uniqueById(this.live.entries.index.queryWords(this.needle, threshold)),
    };
  }

  /** Hits of any of the 8 rotations and mirrors of a picture, each id at its smallest distance. */
  nearDihedral(variants: Record<DihedralName, string>, threshold: number): PdqHits {
    const all: PdqHits = { media: [], entries: [] };
    for (const name of DIHEDRAL_NAMES) {
      const hits = this.near(variants[name], threshold);
      all.media.push(...hits.media);
      all.entries.push(...hits.entries);
    }
    return { media: uniqueById(all.media), entries: uniqueById(all.entries) };
  }

  /** Hits of many needles (normalised hex) within `threshold`, per needle in input order. */
  async nearMany(
    values: readonly string[],
    threshold: number,
    pool = values.length >= POOL_MIN_NEEDLES,
  ): Promise<{ media: BulkResult; entries: BulkResult }> {
    await this.start();
    const needles = new Uint32Array(new SharedArrayBuffer(values.length * HASH_WORDS * 4));
    for (let i = 0; i < values.length; i++) hexToWords(values[i], needles, i * HASH_WORDS);
    const [media, entries] = await Promise.all([
      this.bulk(this.live.media, needles, threshold, pool),
      this.bulk(this.live.entries, needles, threshold, pool),
    ]);
    return { media, entries };
  }

  /** Stops the timer and the worker pool and writes changed snapshots. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.started?.catch(() => {});
    await this.running?.catch(() => {});
    for (const live of Object.values(this.live)) live.save();
    await this.pool?.close();
  }

  private bulk(live: PdqLiveIndex, needles: Uint32Array, threshold: number, pool: boolean): Promise<BulkResult> {
    if (!pool || live.index.size < this.poolMinHashes) return bulkMatch(live.index, needles, threshold, { threads: 1 });
    return this.workers().search(live.source, live.version, live.index, needles, threshold);
  }

  private workers(): PdqSearchPool {
    this.pool ??= new PdqSearchPool(this.options.threads ?? availableParallelism());
    return this.pool;
  }

  private schedule(): void {
    if (this.closed) return;
    const mean = this.options.refreshMs ?? 10_000;
    this.timer = setTimeout(() => {
      this.refresh()
        .catch(() => {
          // A failed timed refresh (database briefly away) is retried at the next tick.
        })
        .finally(() => this.schedule());
    }, jitteredDelay(mean));
    this.timer.unref();
  }
}

/** One match per id (a media may hold several PDQ values), at its smallest distance, sorted. */
function uniqueById(matches: IndexMatch[]): IndexMatch[] {
  if (matches.length < 2) return matches;
  matches.sort((a, b) => a.id - b.id || a.distance - b.distance);
  const out: IndexMatch[] = [];
  for (const m of matches) if (out.length === 0 || out[out.length - 1].id !== m.id) out.push(m);
  return out.sort((a, b) => a.distance - b.distance || a.id - b.id);
}
