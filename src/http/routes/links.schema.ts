/** Request and response schemas of the link routes (links.routes.ts). */
import { Type } from 'typebox';
import { RECORD_KINDS } from '../../domain/link.record.js';
import { Millis, PageOf, Paging, RecordRefOut, RecordText } from './record-common.schema.js';

export const LinkBody = Type.Object(
  {
    from: RecordText,
    to: RecordText,
    relation: Type.Optional(
      Type.String({
        pattern: '^[a-z_]{1,40}$',
        description:
          'member, related, depicts, involves, located_at, continues, investigates, supports; default per pair.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const LinkListQuery = Type.Object(
  {
    record: RecordText,
    kind: Type.Optional(
      Type.Union(
        RECORD_KINDS.map((k) => Type.Literal(k)),
        { description: 'Only links whose other end is of this kind (e.g. the victims of a series).' },
      ),
    ),
    ...Paging,
  },
  { additionalProperties: false },
);

export const LinkOut = Type.Object({
  id: Type.Integer(),
  agencyId: Type.Integer(),
  from: RecordRefOut,
  to: RecordRefOut,
  relation: Type.String(),
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Millis,
});

export const LinkPage = PageOf(LinkOut);
