/**
 * What a video is matched against: a vPDQ index (matching/video-index.ts) over the frame lists of
 * stored videos, filled from the database and topped up with videos stored since (videos are never
 * removed). A scan's copy holds only videos stored before the scan began, so a file's status says
 * what was known before this seizure; the hub keeps one per process over everything stored.
 */
import type { Kysely } from 'kysely';
import type { VideoMatchDetails } from '../domain/match.record.js';
import { VideoIndex } from '../matching/video-index.js';
import { parseVpdqFeatures } from '../signals/vpdq/vpdq-feature.js';
import { MediaVideoRepository } from '../storage/media-video.repository.js';
import type { VigilSchema } from '../storage/schema.js';

export interface VideoHit extends VideoMatchDetails {
  /** The known video's media. */
  mediaId: number;
}

/** Where a scanned video's matches come from (KnownVideos, or a test's own). */
export interface VideoSource {
  /** Known videos the frame list (vpdq-feature.ts text) matches, best first. */
  match(vpdq: string): Promise<VideoHit[]>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export class KnownVideos implements VideoSource {
  private readonly index = new VideoIndex();
  private lastMediaId = 0;
  private loaded = false;
  private refreshing: Promise<void> | undefined;

  /** `before`: only media stored before then count (a scan's start); none: everything stored. */
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly before?: number,
  ) {}

  /** Known videos. */
  get size(): number {
    return this.index.size;
  }

  /** Adds the videos stored since the last refresh (one refresh at a time). */
  refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  async match(vpdq: string): Promise<VideoHit[]> {
    // A scan's set is fixed once loaded; the hub's grows as other files are stored.
    if (!this.loaded || this.before === undefined) await this.refresh();
    return this.index.query(parseVpdqFeatures(vpdq)).map((m) => ({
      mediaId: m.videoId,
      queryPercent: round2(m.queryPercent),
      comparedPercent: round2(m.comparedPercent),
      queryRanges: m.queryRanges,
      comparedRanges: m.comparedRanges,
    }));
  }

  private async load(): Promise<void> {
    const repo = new MediaVideoRepository(this.db);
    for await (const page of repo.frameLists(this.lastMediaId, this.before)) {
      for (const v of page) {
        if (!this.index.has(v.mediaId)) this.index.add(v.mediaId, parseVpdqFeatures(v.vpdq));
        this.lastMediaId = v.mediaId;
      }
    }
    this.loaded = true;
  }
}
