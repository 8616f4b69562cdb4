/**
 * Single PDQ queries on the worker pool, gathered into small batches: queries that arrive while a
 * batch is being searched wait and go together as the next one, so a busy server searches on
 * every core (the pool) while this thread serves HTTP, and an idle one sends each query at once.
 * Each caller gets its own needle's hits, within its own threshold.
 */
import { type BulkResult, matchesOf } from '../matching/bulk-match.js';
import type { IndexMatch } from '../matching/signal-index.js';

export interface BatchHits {
  media: IndexMatch[];
  entries: IndexMatch[];
}

type Search = (values: readonly string[], threshold: number) => Promise<{ media: BulkResult; entries: BulkResult }>;

interface Waiting {
  value: string;
  threshold: number;
  resolve(hits: BatchHits): void;
  reject(error: unknown): void;
}

/** Most queries in one batch. */
const MAX_BATCH = 512;

export class PdqQueryBatcher {
  private waiting: Waiting[] = [];
  private busy = false;

  constructor(private readonly search: Search) {}

  query(value: string, threshold: number): Promise<BatchHits> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ value, threshold, resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      const threshold = batch.reduce((m, w) => Math.max(m, w.threshold), 0);
      try {
        const found = await this.search(
          batch.map((w) => w.value),
          threshold,
        );
        batch.forEach((w, i) => {
          const within = (r: BulkResult) => matchesOf(r, i).filter((m) => m.distance <= w.threshold);
          w.resolve({ media: within(found.media), entries: within(found.entries) });
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.busy = false;
  }
}
