/**
 * Places (a location, with optional coordinates) and clues (an annotated detail on a media, with
 * an optional crop rectangle), DESIGN.md §2. Both belong to the agency that recorded them; every
 * read is audited in the transaction of the read (lists too). Clues are written and listed only
 * on media the caller may see; a crop must lie within the media's known dimensions.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { readAudited } from '../access/audited-read.js';
import { AppError } from '../domain/app-error.js';
import type { Clue, ClueKind, CropBox, Place } from '../domain/place.record.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import type { DialectName } from '../storage/dialect-name.js';
import { MediaRepository } from '../storage/media.repository.js';
import { PlaceRepository } from '../storage/place.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import {
  auditChange,
  auditViews,
  notVisible,
  type Page,
  type PageRequest,
  requireRole,
  visibleMediaIds,
} from './record-access.js';

export interface NewPlaceInput {
  name: string;
  description?: string | null;
  countryCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface NewClueInput {
  kind: ClueKind;
  description: string;
  crop?: CropBox | null;
}

export class PlaceService {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly dialect: DialectName,
    private readonly audit: AuditRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async listPlaces(actor: Actor, page: PageRequest): Promise<Page<Place>> {
    requireRole(actor, 'read', 'place');
    return this.db.transaction().execute(async (trx) => {
      const found = await this.places(trx).pagePlaces(actor.agencyId, page);
      await auditViews(trx, this.audit, actor, 'place', found.items);
      return found;
    });
  }

  async getPlace(actor: Actor, id: number): Promise<Place> {
    requireRole(actor, 'read', 'place');
    const place = await readAudited(this.db, this.audit, actor, 'place', async (trx) => {
      const found = await this.places(trx).findPlace(id, actor.agencyId);
      return found ? { value: found, id, agencyId: found.agencyId } : null;
    });
    if (!place) throw notVisible('place', id);
    return place;
  }

  async createPlace(actor: Actor, input: NewPlaceInput): Promise<Place> {
    requireRole(actor, 'write', 'place');
    const hasLat = input.latitude != null;
    if (hasLat !== (input.longitude != null)) {
      throw new AppError('bad-usage', 'Give both latitude and longitude, or neither.');
    }
    return this.db.transaction().execute(async (trx) => {
      const place = await this.places(trx).createPlace({ ...input, agencyId: actor.agencyId });
      await auditChange(trx, this.audit, actor, 'create', { kind: 'place', id: place.id, agencyId: actor.agencyId });
      return place;
    });
  }

  /** The caller's agency's clues on a media it may see. */
  async listClues(actor: Actor, mediaId: number): Promise<Clue[]> {
    requireRole(actor, 'read', 'clue');
    await this.requireMedia(actor, mediaId);
    return this.db.transaction().execute(async (trx) => {
      const clues = await this.places(trx).listClues(mediaId, actor.agencyId);
      await auditViews(trx, this.audit, actor, 'clue', clues);
      return clues;
    });
  }

  async getClue(actor: Actor, id: number): Promise<Clue> {
    requireRole(actor, 'read', 'clue');
    const clue = await readAudited(this.db, this.audit, actor, 'clue', async (trx) => {
      const found = await this.places(trx).findClue(id, actor.agencyId);
      return found ? { value: found, id, agencyId: found.agencyId } : null;
    });
    if (!clue) throw notVisible('clue', id);
    return clue;
  }

  async createClue(actor: Actor, mediaId: number, input: NewClueInput): Promise<Clue> {
    requireRole(actor, 'write', 'clue');
    await this.requireMedia(actor, mediaId);
    if (input.crop) await this.requireCropInside(mediaId, input.crop);
    return this.db.transaction().execute(async (trx) => {
      const clue = await this.places(trx).createClue({ ...input, agencyId: actor.agencyId, mediaId });
      await auditChange(
        trx,
        this.audit,
        actor,
        'create',
        { kind: 'clue', id: clue.id, agencyId: actor.agencyId },
        {
          media: mediaId,
        },
      );
      return clue;
    });
  }

  private async requireMedia(actor: Actor, mediaId: number): Promise<void> {
    if (!(await visibleMediaIds(this.db, actor, [mediaId])).has(mediaId)) throw notVisible('media', mediaId);
  }

  private async requireCropInside(mediaId: number, crop: CropBox): Promise<void> {
    const media = await new MediaRepository(this.db, this.dialect, this.now).findById(mediaId);
    const { width, height } = media ?? { width: null, height: null };
    if (width !== null && crop.x + crop.w > width) {
      throw new AppError('bad-usage', `The crop reaches x = ${crop.x + crop.w}, past the media's width of ${width}.`);
    }
    if (height !== null && crop.y + crop.h > height) {
      throw new AppError('bad-usage', `The crop reaches y = ${crop.y + crop.h}, past the media's height of ${height}.`);
    }
  }

  private places(db: Kysely<VigilSchema>): PlaceRepository {
    return new PlaceRepository(db, this.now);
  }
}
