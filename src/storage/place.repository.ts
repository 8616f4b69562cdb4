/**
 * Places and clues, owned by the agency that recorded them and read only for it (the query
 * applies the agency). I/O only; the schema refuses coordinates out of range, half a coordinate
 * pair and a crop box that is partial or empty (`bad-usage`).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Clue, ClueKind, CropBox, Place } from '../domain/place.record.js';
import type { ClueTable, PlaceTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

export interface NewPlace {
  agencyId: number;
  name: string;
  description?: string | null;
  countryCode?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

export interface NewClue {
  agencyId: number;
  mediaId: number;
  kind: ClueKind;
  description: string;
  crop?: CropBox | null;
}

function toPlace(row: Selectable<PlaceTable>): Place {
  return {
    id: row.id,
    agencyId: row.agency_id,
    name: row.name,
    description: row.description,
    countryCode: row.country_code,
    latitude: row.latitude,
    longitude: row.longitude,
    createdAt: row.created_at,
  };
}

function toClue(row: Selectable<ClueTable>): Clue {
  const { crop_x: x, crop_y: y, crop_w: w, crop_h: h } = row;
  const crop = x === null || y === null || w === null || h === null ? null : { x, y, w, h };
  return {
    id: row.id,
    agencyId: row.agency_id,
    mediaId: row.media_id,
    kind: row.kind as ClueKind,
    description: row.description,
    crop,
    createdAt: row.created_at,
  };
}

export class PlaceRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  createPlace(input: NewPlace): Promise<Place> {
    return withAppErrors('Adding a place', async () => {
      const row = await this.db
        .insertInto('places')
        .values({
          agency_id: input.agencyId,
          name: input.name,
          description: input.description ?? null,
          country_code: input.countryCode ?? null,
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
          created_at: this.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPlace(row);
    });
  }

  async findPlace(id: number, agencyId: number): Promise<Place | null> {
    const row = await this.db
      .selectFrom('places')
      .selectAll()
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    return row ? toPlace(row) : null;
  }

  async listPlaces(agencyId: number): Promise<Place[]> {
    const rows = await this.db
      .selectFrom('places')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute();
    return rows.map(toPlace);
  }

  /** One page of the agency's places, oldest first, and how many it has. */
  async pagePlaces(
    agencyId: number,
    page: { limit: number; offset: number },
  ): Promise<{ items: Place[]; total: number }> {
    const query = this.db.selectFrom('places').where('agency_id', '=', agencyId);
    const rows = await query.selectAll().orderBy('id').limit(page.limit).offset(page.offset).execute();
    const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map(toPlace), total: Number(count.n) };
  }

  /** `not-found` without the media or the agency. */
  createClue(input: NewClue): Promise<Clue> {
    return withAppErrors('Adding a clue', async () => {
      const row = await this.db
        .insertInto('clues')
        .values({
          agency_id: input.agencyId,
          media_id: input.mediaId,
          kind: input.kind,
          description: input.description,
          crop_x: input.crop?.x ?? null,
          crop_y: input.crop?.y ?? null,
          crop_w: input.crop?.w ?? null,
          crop_h: input.crop?.h ?? null,
          created_at: this.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toClue(row);
    });
  }

  async findClue(id: number, agencyId: number): Promise<Clue | null> {
    const row = await this.db
      .selectFrom('clues')
      .selectAll()
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    return row ? toClue(row) : null;
  }

  /** This agency's clues on a media, oldest first. */
  async listClues(mediaId: number, agencyId: number): Promise<Clue[]> {
    const rows = await this.db
      .selectFrom('clues')
      .selectAll()
      .where('media_id', '=', mediaId)
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute();
    return rows.map(toClue);
  }
}
