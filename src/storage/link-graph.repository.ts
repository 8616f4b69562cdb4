/**
 * The facts behind the Links graph, read for one caller: the records they may see (their cases,
 * the series visible to them, their places) and what joins them — media shared by two
 * containers (a case holds a media through a sighting, a series through membership), the
 * caller's matches between media of two containers, camera serials of the media in a container,
 * and the caller's own explicit links. The caller passes the access scopes (scope-query.ts);
 * every query applies them inside, so a series the caller may not see never enters a row, not
 * even as the far end of a shared media. I/O only; link-graph.ts assembles the graph. Each query
 * is bounded by `max` rows (the strongest joins first).
 */
import { type Kysely, sql } from 'kysely';
import type { ScopeWhere } from '../access/scope-query.js';
import { SERIES_MEMBER_RELATION } from '../access/scope-query.js';
import type { VigilSchema } from './schema.js';

export type ContainerKind = 'case' | 'series';

export interface GraphScopes {
  case: ScopeWhere<'case'>;
  series: ScopeWhere<'series'>;
  sighting: ScopeWhere<'sighting'>;
  match: ScopeWhere<'match'>;
  place: ScopeWhere<'place'>;
  link: ScopeWhere<'link'>;
}

export interface GraphRecordRow {
  id: number;
  agencyId: number;
  reference: string;
  title: string;
}

export interface GraphPlaceRow {
  id: number;
  agencyId: number;
  name: string;
  countryCode: string | null;
}

/** Two containers joined `weight` times (shared media, or matches between their media). */
export interface GraphPairRow {
  aKind: ContainerKind;
  aId: number;
  bKind: ContainerKind;
  bId: number;
  weight: number;
}

export interface GraphSerialRow {
  kind: ContainerKind;
  id: number;
  serial: string;
  weight: number;
}

export interface GraphLinkRow {
  fromKind: string;
  fromId: number;
  toKind: string;
  toId: number;
  relation: string;
}

/** Kinds an explicit link may join to be drawn. */
const LINKED_KINDS = ['case', 'series', 'place'];

// The container union is built by name across tables; the exported rows keep callers typed.
// biome-ignore lint/suspicious/noExplicitAny: one builder for a CTE Kysely cannot type.
type AnyDb = Kysely<any>;

export class LinkGraphRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  cases(scope: ScopeWhere<'case'>, max: number): Promise<GraphRecordRow[]> {
    return this.db
      .selectFrom('cases')
      .select(['cases.id', 'cases.agency_id as agencyId', 'cases.reference', 'cases.title'])
      .where(scope)
      .orderBy('cases.id', 'desc')
      .limit(max)
      .execute();
  }

  series(scope: ScopeWhere<'series'>, max: number): Promise<GraphRecordRow[]> {
    return this.db
      .selectFrom('series')
      .select(['series.id', 'series.agency_id as agencyId', 'series.reference', 'series.title'])
      .where(scope)
      .orderBy('series.id', 'desc')
      .limit(max)
      .execute();
  }

  places(scope: ScopeWhere<'place'>, max: number): Promise<GraphPlaceRow[]> {
    return this.db
      .selectFrom('places')
      .select(['places.id', 'places.agency_id as agencyId', 'places.name', 'places.country_code as countryCode'])
      .where(scope)
      .orderBy('places.id', 'desc')
      .limit(max)
      .execute();
  }

  agencies(ids: readonly number[]): Promise<{ id: number; name: string; countryCode: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('agencies')
      .select(['id', 'name', 'country_code as countryCode'])
      .where('id', 'in', [...ids])
      .execute();
  }

  /** (media, container) for every media the caller's cases hold and every member of a visible series. */
  private containers(scopes: GraphScopes) {
    const db = this.db as unknown as AnyDb;
    return db.with('containers', () =>
      this.db
        .selectFrom('sightings')
        .innerJoin('exhibits', 'exhibits.id', 'sightings.exhibit_id')
        .where(scopes.sighting)
        .select(['sightings.media_id as media_id', sql<string>`'case'`.as('kind'), 'exhibits.case_id as id'])
        .union(
          this.db
            .selectFrom('links')
            .innerJoin('series', 'series.id', 'links.to_id')
            .where('links.from_kind', '=', 'media')
            .where('links.to_kind', '=', 'series')
            .where('links.relation', '=', SERIES_MEMBER_RELATION)
            .where(scopes.series as unknown as ScopeWhere<'series'>)
            .select(['links.from_id as media_id', sql<string>`'series'`.as('kind'), 'links.to_id as id']),
        ),
    );
  }

  /** Pairs of containers holding the same media, most shared first. */
  async sharedMedia(scopes: GraphScopes, max: number): Promise<GraphPairRow[]> {
    const rows = await this.containers(scopes)
      .selectFrom('containers as c1')
      .innerJoin('containers as c2', (join) =>
        join
          .onRef('c1.media_id', '=', 'c2.media_id')
          .on((eb) =>
            eb.or([
              eb('c1.kind', '<', eb.ref('c2.kind')),
              eb.and([eb('c1.kind', '=', eb.ref('c2.kind')), eb('c1.id', '<', eb.ref('c2.id'))]),
            ]),
          ),
      )
      .select(['c1.kind as aKind', 'c1.id as aId', 'c2.kind as bKind', 'c2.id as bId'])
      .select((eb) => eb.fn.countAll().as('weight'))
      .groupBy(['c1.kind', 'c1.id', 'c2.kind', 'c2.id'])
      .orderBy('weight', 'desc')
      .orderBy('c1.id')
      .orderBy('c2.id')
      .limit(max)
      .execute();
    return rows.map(toPair);
  }

  /** Pairs of containers whose media the caller matched (rejected matches left out), most first. */
  async matches(scopes: GraphScopes, max: number): Promise<GraphPairRow[]> {
    const rows = await this.containers(scopes)
      .selectFrom('matches')
      .where(scopes.match as never)
      .where('matches.other_media_id', 'is not', null)
      .where('matches.verdict', '<>', 'rejected')
      .innerJoin('containers as c1', 'c1.media_id', 'matches.media_id')
      .innerJoin('containers as c2', 'c2.media_id', 'matches.other_media_id')
      .where((eb) => eb.or([eb('c1.kind', '<>', eb.ref('c2.kind')), eb('c1.id', '<>', eb.ref('c2.id'))]))
      .select(['c1.kind as aKind', 'c1.id as aId', 'c2.kind as bKind', 'c2.id as bId'])
      .select((eb) => eb.fn.count('matches.id').distinct().as('weight'))
      .groupBy(['c1.kind', 'c1.id', 'c2.kind', 'c2.id'])
      .orderBy('weight', 'desc')
      .orderBy('c1.id')
      .orderBy('c2.id')
      .limit(max)
      .execute();
    return rows.map(toPair);
  }

  /** Camera serials of the media in each container, most media first. */
  async cameraSerials(scopes: GraphScopes, max: number): Promise<GraphSerialRow[]> {
    const rows = await this.containers(scopes)
      .selectFrom('containers')
      .innerJoin('media_metadata', 'media_metadata.media_id', 'containers.media_id')
      .where('media_metadata.camera_serial', 'is not', null)
      .where('media_metadata.camera_serial', '<>', '')
      .select(['containers.kind', 'containers.id', 'media_metadata.camera_serial as serial'])
      .select((eb) => eb.fn.countAll().as('weight'))
      .groupBy(['containers.kind', 'containers.id', 'media_metadata.camera_serial'])
      .orderBy('weight', 'desc')
      .orderBy('containers.id')
      .limit(max)
      .execute();
    return rows.map((r) => ({
      kind: r.kind as ContainerKind,
      id: Number(r.id),
      serial: String(r.serial),
      weight: Number(r.weight),
    }));
  }

  /** The caller's links between cases, series and places (ends still checked against visibility by the caller). */
  async links(scope: ScopeWhere<'link'>, max: number): Promise<GraphLinkRow[]> {
    return this.db
      .selectFrom('links')
      .select([
        'links.from_kind as fromKind',
        'links.from_id as fromId',
        'links.to_kind as toKind',
        'links.to_id as toId',
        'links.relation',
      ])
      .where(scope)
      .where('links.from_kind', 'in', LINKED_KINDS)
      .where('links.to_kind', 'in', LINKED_KINDS)
      .orderBy('links.id', 'desc')
      .limit(max)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: rows of the untyped CTE.
function toPair(r: any): GraphPairRow {
  return {
    aKind: r.aKind as ContainerKind,
    aId: Number(r.aId),
    bKind: r.bKind as ContainerKind,
    bId: Number(r.bId),
    weight: Number(r.weight),
  };
}
