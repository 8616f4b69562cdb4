/**
 * A video's row beside its media (migration 0015): facts, the vPDQ frame list and its stills.
 * Written in the media's transaction (the still blobs are stored first, by the caller); read back
 * for reports and the media view, and page by page to build the video index.
 */
import type { Kysely } from 'kysely';
import type { VideoFacts } from '../domain/media.record.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

export interface StillRef {
  blobSha256: string;
  mime: string;
  width: number;
  height: number;
  /** Seconds into the video. */
  timestamp: number;
}

export interface StoredVideo {
  facts: VideoFacts;
  /** Frames in the vPDQ list. */
  frames: number;
  /** The vPDQ feature list as text (vpdq-feature.ts). */
  vpdq: string;
  stills: StillRef[];
}

const PAGE = 500;

export class MediaVideoRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the media's video; keeps the first one if it already has one. */
  set(mediaId: number, video: StoredVideo): Promise<void> {
    return withAppErrors('Recording a video', async () => {
      const f = video.facts;
      await this.db
        .insertInto('media_videos')
        .values({
          media_id: mediaId,
          container: f.container,
          codec: f.codec,
          width: f.width,
          height: f.height,
          frame_rate: f.frameRate,
          duration_seconds: f.durationSeconds ?? null,
          has_audio: f.hasAudio ? 1 : 0,
          frames: video.frames,
          vpdq: video.vpdq,
          stills: JSON.stringify(video.stills),
          created_at: this.now(),
        })
        .onConflict((oc) => oc.column('media_id').doNothing())
        .execute();
    });
  }

  async get(mediaId: number): Promise<StoredVideo | null> {
    const row = await this.db.selectFrom('media_videos').selectAll().where('media_id', '=', mediaId).executeTakeFirst();
    if (!row) return null;
    return {
      facts: {
        container: row.container,
        codec: row.codec,
        width: Number(row.width),
        height: Number(row.height),
        frameRate: Number(row.frame_rate),
        durationSeconds: row.duration_seconds === null ? undefined : Number(row.duration_seconds),
        hasAudio: Number(row.has_audio) === 1,
      },
      frames: Number(row.frames),
      vpdq: row.vpdq,
      stills: JSON.parse(row.stills) as StillRef[],
    };
  }

  /**
   * The vPDQ lists of videos whose media id is above `afterMediaId`, in id order, a page at a time
   * (for building and topping up a video index); `before` keeps only media stored before then.
   */
  async *frameLists(afterMediaId = 0, before?: number): AsyncIterable<{ mediaId: number; vpdq: string }[]> {
    for (let after = afterMediaId; ; ) {
      const rows = await this.db
        .selectFrom('media_videos')
        .innerJoin('media', 'media.id', 'media_videos.media_id')
        .select(['media_videos.media_id as media_id', 'media_videos.vpdq as vpdq'])
        .where('media_videos.media_id', '>', after)
        .$if(before !== undefined, (q) => q.where('media.created_at', '<', before as number))
        .orderBy('media_videos.media_id')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) return;
      yield rows.map((r) => ({ mediaId: Number(r.media_id), vpdq: r.vpdq }));
      after = Number(rows[rows.length - 1].media_id);
    }
  }
}
