/**
 * The SignalIndex seam (DESIGN.md §4): an in-memory index over one signal type's values, built
 * from the database against a checkpoint and swapped in whole. Ids are the caller's record ids
 * (whole numbers 0 … 2^32 − 1), values are the signal type's normalised strings.
 */

export interface IndexMatch {
  id: number;
  distance: number;
}

export interface IndexEntry {
  id: number;
  value: string;
}

/** What an index was built from, so a server rebuilds only when the data changed. */
export interface IndexCheckpoint {
  /** Highest source id included (e.g. the last signal row id). */
  lastId: number;
  /** Number of source rows included. */
  count: number;
}

export interface SignalIndex {
  /** Number of live entries. */
  readonly size: number;
  /** The source state the contents were built from; kept in snapshots. */
  checkpoint?: IndexCheckpoint;
  add(id: number, value: string): void;
  /** Removes every entry with this id; returns how many there were. */
  remove(id: number): number;
  /** Entries within `maxDistance` of `value`, sorted by distance then id. Exact indexes accept only 0. */
  query(value: string, maxDistance: number): IndexMatch[];
  /** Replaces the contents with `entries` in one pass (much faster than repeated add). */
  build(entries: Iterable<IndexEntry>): void;
  serialize(): Uint8Array;
}

export function sortMatches(matches: IndexMatch[]): IndexMatch[] {
  return matches.sort((a, b) => a.distance - b.distance || a.id - b.id);
}

/** A checkpoint read back from snapshot metadata, or undefined when absent or malformed. */
export function checkpointOf(meta: Record<string, unknown>): IndexCheckpoint | undefined {
  const c = meta.checkpoint as IndexCheckpoint | undefined;
  return c && Number.isSafeInteger(c.lastId) && Number.isSafeInteger(c.count)
    ? { lastId: c.lastId, count: c.count }
    : undefined;
}
