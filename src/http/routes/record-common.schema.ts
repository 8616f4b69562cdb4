/** Schema parts the record routes share: ids in the path, paging, record references, times. */
import { type TSchema, Type } from 'typebox';
import { RECORD_KINDS } from '../../domain/link.record.js';

export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** Milliseconds since the Unix epoch (UTC). */
export const Millis = Type.Integer({ minimum: 0, description: 'Milliseconds since the Unix epoch (UTC).' });

export const NullableMillis = Type.Union([Millis, Type.Null()]);

export const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page (at most 200).' }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0, description: 'Items to skip.' }),
};

export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ description: 'How many there are in all.' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });
}

const KIND_PATTERN = RECORD_KINDS.join('|');

/** A record written `kind:id`, e.g. `series:12`. */
export const RecordText = Type.String({
  pattern: `^(${KIND_PATTERN}):[1-9][0-9]{0,15}$`,
  description: `A record as kind:id; kinds: ${RECORD_KINDS.join(', ')}.`,
  examples: ['series:12'],
});

export const RecordRefOut = Type.Object({
  kind: Type.String({ description: 'The kind of record.' }),
  id: Type.Integer(),
});

export const Done = Type.Object({ ok: Type.Literal(true) });
