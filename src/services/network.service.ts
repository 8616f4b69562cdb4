/**
 * The Links view (issue #9, page 7): the graph of the caller's cases, the series they may see,
 * owning agencies, camera serials and places, and the world map of places and media GPS points.
 * Every read applies the access scopes inside its queries (a restricted series of another agency
 * never enters a row). Places and media positions are personal data: each place and each media
 * point handed out is audited as a `view` in the transaction of the read; counted cells name no
 * media and are not. Camera serials name the devices that took the media (as the exhibit's
 * camera-serials route, an audited view): each case or series whose serials the graph shows gets
 * a `view` event counting them.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { scopeWhere } from '../access/scope-query.js';
import { AppError } from '../domain/app-error.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import { LinkGraphRepository } from '../storage/link-graph.repository.js';
import {
  type MapCellRow,
  type MapMediaRow,
  type MapPlaceRow,
  MapPointsRepository,
} from '../storage/map-points.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { assembleGraph, boundGraph, type GraphFacts, type LinkGraph, nodeId, ownerAgencyIds } from './link-graph.js';
import { auditChange, auditViews, requireRole } from './record-access.js';

/** Rows read per kind of fact before assembly; the node limit then bounds what is returned. */
export const GRAPH_FACT_ROWS = 5000;
/** Places drawn on the map at most. */
export const MAP_PLACE_ROWS = 2000;

export interface GraphRequest {
  limit: number;
  /** A node id (`series:12`) to centre the graph on. */
  focus?: string;
}

export interface MapRequest {
  /** Media points shown one by one up to this many; beyond, counted per cell. */
  limit: number;
  /** The cell size (degrees) when counting. */
  cellDegrees: number;
}

export interface MapPoints {
  places: MapPlaceRow[];
  media: MapMediaRow[];
  cells: MapCellRow[];
  /** Media with a GPS position the caller may see. */
  mediaTotal: number;
  aggregated: boolean;
}

export class NetworkService {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly audit: AuditRepository,
  ) {}

  async graph(actor: Actor, request: GraphRequest): Promise<LinkGraph> {
    requireRole(actor, 'read', 'link');
    return this.db.transaction().execute(async (trx) => {
      const repo = new LinkGraphRepository(trx);
      const scopes = {
        case: scopeWhere(actor, 'read', 'case'),
        series: scopeWhere(actor, 'read', 'series'),
        sighting: scopeWhere(actor, 'read', 'sighting'),
        match: scopeWhere(actor, 'read', 'match'),
        place: scopeWhere(actor, 'read', 'place'),
        link: scopeWhere(actor, 'read', 'link'),
      };
      const max = GRAPH_FACT_ROWS;
      const cases = await repo.cases(scopes.case, max);
      const series = await repo.series(scopes.series, max);
      const facts = {
        cases,
        series,
        places: await repo.places(scopes.place, max),
        agencies: await repo.agencies(ownerAgencyIds({ cases, series })),
        shared: await repo.sharedMedia(scopes, max),
        matches: await repo.matches(scopes, max),
        serials: await repo.cameraSerials(scopes, max),
        links: await repo.links(scopes.link, max),
      };
      const graph = boundGraph(assembleGraph(facts), request.limit, request.focus);
      if (!graph) throw new AppError('not-found', `The graph has no node ${request.focus}.`);
      const places = graph.nodes.filter((n) => n.kind === 'place');
      await auditViews(
        trx,
        this.audit,
        actor,
        'place',
        places.map((p) => ({ id: p.recordId as number, agencyId: p.agencyId })),
      );
      for (const { kind, id, agencyId, serials } of serialsShown(facts, graph)) {
        await auditChange(trx, this.audit, actor, 'view', { kind, id, agencyId }, { cameraSerials: serials });
      }
      return graph;
    });
  }

  async map(actor: Actor, request: MapRequest): Promise<MapPoints> {
    requireRole(actor, 'read', 'place');
    return this.db.transaction().execute(async (trx) => {
      const repo = new MapPointsRepository(trx);
      const places = await repo.places(scopeWhere(actor, 'read', 'place'), MAP_PLACE_ROWS);
      const mediaScope = scopeWhere(actor, 'read', 'media');
      const mediaTotal = await repo.mediaCount(mediaScope);
      const aggregated = mediaTotal > request.limit;
      const media = aggregated ? [] : await repo.mediaPoints(mediaScope, request.limit);
      const cells = aggregated ? await repo.mediaCells(mediaScope, request.cellDegrees, MAP_PLACE_ROWS) : [];
      await auditViews(trx, this.audit, actor, 'place', places);
      await auditViews(
        trx,
        this.audit,
        actor,
        'media',
        media.map((m) => ({ id: m.mediaId, agencyId: null })),
      );
      return { places, media, cells, mediaTotal, aggregated };
    });
  }
}

/** The cases and series whose camera serials are nodes of the graph, with how many of theirs each shows. */
function serialsShown(
  facts: GraphFacts,
  graph: LinkGraph,
): { kind: 'case' | 'series'; id: number; agencyId: number | null; serials: number }[] {
  const drawn = new Set(graph.nodes.filter((n) => n.kind === 'camera').map((n) => n.id));
  const owners = new Map<string, number>([
    ...facts.cases.map((c) => [nodeId('case', c.id), c.agencyId] as const),
    ...facts.series.map((s) => [nodeId('series', s.id), s.agencyId] as const),
  ]);
  const shown = new Map<string, { kind: 'case' | 'series'; id: number; agencyId: number | null; serials: number }>();
  for (const row of facts.serials) {
    if (!drawn.has(nodeId('camera', row.serial))) continue;
    const key = nodeId(row.kind, row.id);
    const entry = shown.get(key) ?? { kind: row.kind, id: row.id, agencyId: owners.get(key) ?? null, serials: 0 };
    entry.serials += 1;
    shown.set(key, entry);
  }
  return [...shown.values()];
}
