/** Request and response schemas of the note routes (notes.routes.ts). */
import { Type } from 'typebox';
import { Id, Millis, RecordRefOut } from './record-common.schema.js';

const Subject = Type.String({
  pattern: '^(series|case):[1-9][0-9]{0,15}$',
  description: 'The thread: series:ID or case:ID.',
  examples: ['series:12'],
});

export const NoteListQuery = Type.Object({ record: Subject }, { additionalProperties: false });

export const NoteBody = Type.Object(
  {
    record: Subject,
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
    visibleTo: Type.Union([Type.Array(Id, { maxItems: 500 }), Type.Literal('all')], {
      description:
        'Other agencies that may read it (your agency always may), or `all`: every agency that may see the series.',
    }),
    replyTo: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const NoteOut = Type.Object({
  id: Type.Integer(),
  agencyId: Type.Integer({ description: 'The author’s agency.' }),
  authorId: Type.Integer(),
  record: RecordRefOut,
  replyToId: Type.Union([Type.Integer(), Type.Null()]),
  body: Type.String(),
  createdAt: Millis,
  visibleTo: Type.Array(Type.Integer(), { description: 'Other agencies that may read it; told to its agency only.' }),
});

export const NoteThread = Type.Object({ items: Type.Array(NoteOut) });
