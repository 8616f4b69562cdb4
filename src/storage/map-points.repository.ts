/**
 * What the world map draws for one caller: their places with coordinates, and the GPS positions
 * of the media they may see (the media scope of scope-query.ts, applied inside the query), one by
 * one or, when there are many, counted per grid cell. I/O only.
 */
import { type Kysely, sql } from 'kysely';
import type { ScopeWhere } from '../access/scope-query.js';
import type { VigilSchema } from './schema.js';

export interface MapPlaceRow {
  id: number;
  agencyId: number;
  name: string;
  countryCode: string | null;
  latitude: number;
  longitude: number;
}

export interface MapMediaRow {
  mediaId: number;
  latitude: number;
  longitude: number;
}

export interface MapCellRow {
  /** The mean position of the cell's points. */
  latitude: number;
  longitude: number;
  count: number;
}

export class MapPointsRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  async places(scope: ScopeWhere<'place'>, max: number): Promise<MapPlaceRow[]> {
    const rows = await this.db
      .selectFrom('places')
      .select([
        'places.id',
        'places.agency_id as agencyId',
        'places.name',
        'places.country_code as countryCode',
        'places.latitude',
        'places.longitude',
      ])
      .where(scope)
      .where('places.latitude', 'is not', null)
      .where('places.longitude', 'is not', null)
      .orderBy('places.id')
      .limit(max)
      .execute();
    return rows.map((r) => ({ ...r, latitude: Number(r.latitude), longitude: Number(r.longitude) }));
  }

  private located(scope: ScopeWhere<'media'>) {
    return this.db
      .selectFrom('media_metadata')
      .innerJoin('media', 'media.id', 'media_metadata.media_id')
      .where(scope as never)
      .where('media_metadata.gps_latitude', 'is not', null)
      .where('media_metadata.gps_longitude', 'is not', null);
  }

  /** How many media in scope have a GPS position. */
  async mediaCount(scope: ScopeWhere<'media'>): Promise<number> {
    const row = await this.located(scope)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async mediaPoints(scope: ScopeWhere<'media'>, max: number): Promise<MapMediaRow[]> {
    const rows = await this.located(scope)
      .select(['media.id as mediaId', 'media_metadata.gps_latitude as lat', 'media_metadata.gps_longitude as lon'])
      .orderBy('media.id')
      .limit(max)
      .execute();
    return rows.map((r) => ({ mediaId: r.mediaId, latitude: Number(r.lat), longitude: Number(r.lon) }));
  }

  /** The media in scope counted per cell of `cellDegrees` (latitude and longitude), busiest first. */
  async mediaCells(scope: ScopeWhere<'media'>, cellDegrees: number, max: number): Promise<MapCellRow[]> {
    const row = sql<number>`round(media_metadata.gps_latitude / ${cellDegrees})`;
    const col = sql<number>`round(media_metadata.gps_longitude / ${cellDegrees})`;
    const rows = await this.located(scope)
      .select((eb) => [
        eb.fn.avg<number>('media_metadata.gps_latitude').as('lat'),
        eb.fn.avg<number>('media_metadata.gps_longitude').as('lon'),
        eb.fn.countAll().as('n'),
      ])
      .groupBy([row, col])
      .orderBy('n', 'desc')
      .limit(max)
      .execute();
    return rows.map((r) => ({ latitude: Number(r.lat), longitude: Number(r.lon), count: Number(r.n) }));
  }
}
