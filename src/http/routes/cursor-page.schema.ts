/** Query and response parts of the keyset-paged lists (services/cursor-page.ts). */
import { type TSchema, Type } from 'typebox';

export const CursorPaging = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page (at most 200).' }),
  cursor: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,15}$', description: 'nextCursor of the previous page; absent for the first.' }),
  ),
};

export function CursorPageOf<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page.' }),
  });
}
