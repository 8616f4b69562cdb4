/**
 * Media with their bytes: storing (blob, then row) and opening (access check, audit, then bytes).
 *
 * Store order: the blob is written and fsynced BEFORE the transaction that inserts the media row
 * (and whatever the caller adds: a sighting, matches) together with its audit event. So a row is
 * never committed without its blob; a crash or failure between the two leaves only an orphan
 * blob, which nothing can reach (reads go through a media row under the access policy) and
 * `collectOrphanMediaBlobs` removes after its grace period.
 *
 * Opening the bytes of a media is a view of media content: it is allowed only within the
 * actor's scope (scopeWhere, inside the query) and writes an audit event in the same transaction
 * as the check, before a byte is handed out.
 */

import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { roleGrants } from '../access/policy-rules.js';
import { scopeWhere } from '../access/scope-query.js';
import { AppError } from '../domain/app-error.js';
import { type ByteRangeSpec, type ResolvedRange, resolveByteRange } from '../domain/byte-range.js';
import type { Media } from '../domain/media.record.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import type { BlobSource, BlobStore } from '../storage/blob-store.js';
import type { DialectName } from '../storage/dialect-name.js';
import { MediaRepository } from '../storage/media.repository.js';
import type { NewMedia } from '../storage/media-rows.js';
import { MediaViewRepository } from '../storage/media-view.repository.js';
import type { VigilSchema } from '../storage/schema.js';

export interface StoreMediaInput {
  /** Digests computed by the caller's single read; the blob store checks the SHA-256. */
  media: NewMedia;
  content: BlobSource;
  /** More writes of the same transaction (a sighting, matches…), after the media row. */
  within?: (trx: Kysely<VigilSchema>, media: Media) => Promise<void>;
}

export interface StoredMedia {
  media: Media;
  /** False when the media row was already there (content seen before). */
  created: boolean;
}

/** What `open` hands out: the bytes, the content's whole size, and the range sent (none: all). */
export interface OpenedContent {
  stream: Readable;
  size: number;
  range?: ResolvedRange;
}

export class MediaContentService {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
    private readonly blobs: BlobStore,
    private readonly audit: AuditRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async store(actor: Actor, input: StoreMediaInput): Promise<StoredMedia> {
    if (!roleGrants(actor.roles, 'write', 'media')) {
      throw new AppError('forbidden', 'Storing media needs the analyst or admin role.');
    }
    const put = await this.blobs.put(input.content, { expectedSha256: input.media.sha256 });
    if (put.size !== input.media.size) {
      throw new AppError('conflict', `Media ${put.sha256}: ${put.size} bytes stored, ${input.media.size} declared.`);
    }
    return this.db.transaction().execute(async (trx) => {
      const media = new MediaRepository(trx, this.dialect, this.now);
      const existing = await media.findBySha256(put.sha256);
      const row = existing ?? (await media.insert(input.media));
      await input.within?.(trx, row);
      await this.audit.append(trx, {
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        action: existing ? 'store-again' : 'create',
        record: { kind: 'media', id: row.id, agencyId: null },
        details: { size: row.size },
      });
      return { media: row, created: !existing };
    });
  }

  /**
   * The verified bytes of a media the actor may read — all of them, or the range asked for (a
   * player seeking) — each read audited as a view of the content, with its range;
   * `not-found` both when there is no such media and when it is outside the actor's reach
   * (existence is not revealed); `range-not-satisfiable` for a range outside the content.
   */
  async open(actor: Actor, mediaId: number, asked?: ByteRangeSpec): Promise<OpenedContent> {
    const opened = await this.db.transaction().execute(async (trx) => {
      const row = await new MediaViewRepository(trx).media(scopeWhere(actor, 'read', 'media'), mediaId);
      if (!row) throw new AppError('not-found', `There is no media ${mediaId} this account may see.`);
      const size = Number(row.size);
      const range = asked ? resolveByteRange(asked, size) : undefined;
      if (range === null) {
        throw new AppError(
          'range-not-satisfiable',
          `The range asked for is not within media ${mediaId} (${size} bytes).`,
          {
            details: { size },
          },
        );
      }
      await this.audit.append(trx, {
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        action: 'view-content',
        record: { kind: 'media', id: row.id, agencyId: null },
        ...(range ? { details: { range: `${range.start}-${range.end}` } } : {}),
      });
      return { sha256: row.sha256, size, range };
    });
    const { sha256, size, range } = opened;
    const stream = range ? await this.blobs.createRangeStream(sha256, range) : this.blobs.createReadStream(sha256);
    return { stream, size, range };
  }
}
