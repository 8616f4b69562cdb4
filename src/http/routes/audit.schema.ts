/** Request and response schemas of the audit routes (audit.routes.ts). */
import { Type } from 'typebox';
import { CursorPageOf, CursorPaging } from './cursor-page.schema.js';
import { Id, Millis } from './record-common.schema.js';

const NullableId = Type.Union([Id, Type.Null()]);

export const AuditQuery = Type.Object(
  {
    ...CursorPaging,
    actorUserId: Type.Optional(Id),
    agencyId: Type.Optional(Type.Integer({ minimum: 1, description: 'Events by this agency or about its records.' })),
    action: Type.Optional(
      Type.String({ pattern: '^[a-z][a-z_-]{0,63}$', description: 'e.g. view, view-content, create, update, login.' }),
    ),
    recordKind: Type.Optional(Type.String({ pattern: '^[a-z_]{1,32}$', description: 'e.g. media, sighting, case.' })),
    recordId: Type.Optional(Id),
    from: Type.Optional(Millis),
    to: Type.Optional(Millis),
  },
  { additionalProperties: false },
);

export const AuditEventOut = Type.Object({
  seq: Type.Integer({ description: 'Position in the hash chain.' }),
  at: Millis,
  actor: Type.Object({
    userId: NullableId,
    agencyId: NullableId,
    username: Type.Union([Type.String(), Type.Null()], { description: 'For users of your own agency only.' }),
  }),
  action: Type.String(),
  record: Type.Object({ kind: Type.String(), id: NullableId, agencyId: NullableId }),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'Ids, counts, reasons; never content.' }),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const AuditPage = CursorPageOf(AuditEventOut);

export const ChainCheckOut = Type.Object({
  ok: Type.Boolean({ description: 'Every event is as written and in place.' }),
  events: Type.Integer({ description: 'Events checked (up to the first break).' }),
  headSeq: Type.Optional(Type.Integer()),
  headHash: Type.Optional(Type.String({ description: 'Copy it elsewhere from time to time to anchor the chain.' })),
  firstBrokenSeq: Type.Optional(Type.Integer({ description: 'Where the chain first breaks.' })),
  problem: Type.Optional(
    Type.Object({
      kind: Type.Union([Type.Literal('edited'), Type.Literal('removed'), Type.Literal('reordered')]),
      message: Type.String(),
    }),
  ),
});
