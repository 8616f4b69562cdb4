/** Request and response schemas of the Links graph and world map routes (network.routes.ts). */
import { Type } from 'typebox';

const NullableInt = Type.Union([Type.Integer(), Type.Null()]);

export const GraphQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'Nodes at most.' }),
    focus: Type.Optional(
      Type.String({
        pattern: '^(case|series|agency|place|camera):.{1,200}$',
        description: 'Centre on this node (e.g. series:12, camera:SN123): its neighbours first, breadth first.',
      }),
    ),
  },
  { additionalProperties: false },
);

const GraphNodeOut = Type.Object({
  id: Type.String({ description: 'kind:id, or camera:<serial>.' }),
  kind: Type.Union([
    Type.Literal('case'),
    Type.Literal('series'),
    Type.Literal('agency'),
    Type.Literal('camera'),
    Type.Literal('place'),
  ]),
  recordId: NullableInt,
  label: Type.String(),
  agencyId: NullableInt,
});

const GraphEdgeOut = Type.Object({
  id: Type.String(),
  source: Type.String(),
  target: Type.String(),
  kind: Type.Union([
    Type.Literal('shared-media'),
    Type.Literal('match'),
    Type.Literal('camera'),
    Type.Literal('link'),
    Type.Literal('owner'),
  ]),
  weight: Type.Integer({ description: 'Media shared, matches or links joining the ends.' }),
  relation: Type.Union([Type.String(), Type.Null()]),
});

export const GraphOut = Type.Object({
  nodes: Type.Array(GraphNodeOut),
  edges: Type.Array(GraphEdgeOut),
  totalNodes: Type.Integer(),
  truncated: Type.Boolean(),
});

export const MapQuery = Type.Object(
  {
    limit: Type.Integer({
      minimum: 1,
      maximum: 5000,
      default: 1000,
      description: 'Media points shown one by one up to this many; beyond, counted per cell.',
    }),
    cell: Type.Number({ minimum: 0.01, maximum: 45, default: 1, description: 'Cell size in degrees when counting.' }),
  },
  { additionalProperties: false },
);

const Lat = Type.Number({ minimum: -90, maximum: 90 });
const Lon = Type.Number({ minimum: -180, maximum: 180 });

export const MapOut = Type.Object({
  places: Type.Array(
    Type.Object({
      id: Type.Integer(),
      agencyId: Type.Integer(),
      name: Type.String(),
      countryCode: Type.Union([Type.String(), Type.Null()]),
      latitude: Lat,
      longitude: Lon,
    }),
  ),
  media: Type.Array(Type.Object({ mediaId: Type.Integer(), latitude: Lat, longitude: Lon })),
  cells: Type.Array(Type.Object({ latitude: Lat, longitude: Lon, count: Type.Integer() })),
  mediaTotal: Type.Integer(),
  aggregated: Type.Boolean({ description: 'Media are counted per cell (cells) instead of listed (media).' }),
});
