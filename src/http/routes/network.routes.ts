/** The Links graph and the world map of places and GPS points. Thin: NetworkService holds the rules. */
import { NetworkService } from '../../services/network.service.js';
import { AuditRepository } from '../../storage/audit.repository.js';
import type { RouteModule } from '../http-app.js';
import { actorOf } from './actor-of.js';
import { GraphOut, GraphQuery, MapOut, MapQuery } from './network.schema.js';

const tags = ['links'];

export const networkRoutes: RouteModule = (app, vigil) => {
  const { db, dialect } = vigil.database;
  const network = new NetworkService(db, new AuditRepository(dialect, vigil.config.now ?? Date.now));

  app.get(
    '/api/v1/network/graph',
    {
      config: { access: { kind: 'link', action: 'read' } },
      schema: {
        tags,
        summary: 'Graph of your cases, the series you may see, agencies, camera serials and places (places audited)',
        querystring: GraphQuery,
        response: { 200: GraphOut },
      },
    },
    async (request) => network.graph(actorOf(request.principal), request.query),
  );

  app.get(
    '/api/v1/network/map',
    {
      config: { access: { kind: 'place', action: 'read' } },
      schema: {
        tags,
        summary: 'Your places with coordinates and the GPS points of media you may see (each shown is audited)',
        querystring: MapQuery,
        response: { 200: MapOut },
      },
    },
    async (request) =>
      network.map(actorOf(request.principal), { limit: request.query.limit, cellDegrees: request.query.cell }),
  );
};
