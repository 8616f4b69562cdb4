/**
 * The triage's narrowing filters of an exhibit's scan results, as SQL (issue #9: a 50,000-file
 * exhibit is filtered by the hub, never by the rows a browser happens to hold): the reading
 * agency's category or none yet, the media's camera serial (exact), the capture time as the file
 * states it (`taken_at_local`, ISO text, so string bounds order like times) and whether it holds a
 * GPS position. Applied over `scan_files as f` left-joined to `media_metadata as m`,
 * `media_categories as c` (the agency's own) and `category_values as v`; a result without media
 * (an error) has no camera, capture time, GPS or category.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { VigilSchema } from './schema.js';

export interface ScanResultFilter {
  /** 'none': not categorised by the agency; else a value code, within `scheme` when given. */
  category?: { none: true } | { scheme: string | null; code: string };
  cameraSerial?: string;
  /** Bounds on the local capture time, as ISO text: from inclusive, before exclusive. */
  takenFrom?: string;
  takenBefore?: string;
  gps?: 'with' | 'without';
}

export const NO_SCAN_FILTER: ScanResultFilter = {};

/** The tables a scan-result query joins, by alias (left joins: all but `f` may be null). */
type Joined = {
  f: VigilSchema['scan_files'];
  m: Nullable<VigilSchema['media_metadata']>;
  c: Nullable<VigilSchema['media_categories']>;
  v: Nullable<VigilSchema['category_values']>;
  category_schemes: VigilSchema['category_schemes'];
};
type Nullable<T> = { [K in keyof T]: T[K] | null };

/** The filter's conditions, all of them (none: true). */
export function scanFilterWhere<DB extends Joined>(
  eb: ExpressionBuilder<DB, 'f' | 'm' | 'c' | 'v'>,
  filter: ScanResultFilter,
): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<Joined, 'f' | 'm' | 'c' | 'v'>;
  const all: Expression<SqlBool>[] = [];
  const { category, cameraSerial, takenFrom, takenBefore, gps } = filter;
  if (category && 'none' in category) all.push(e('c.category_value_id', 'is', null));
  if (category && 'code' in category) {
    all.push(e('v.code', '=', category.code));
    if (category.scheme !== null) {
      const scheme = e
        .selectFrom('category_schemes')
        .select('category_schemes.id')
        .where('category_schemes.code', '=', category.scheme);
      all.push(e('v.scheme_id', '=', scheme));
    }
  }
  if (cameraSerial !== undefined) all.push(e('m.camera_serial', '=', cameraSerial));
  if (takenFrom !== undefined) all.push(e('m.taken_at_local', '>=', takenFrom));
  if (takenBefore !== undefined) all.push(e('m.taken_at_local', '<', takenBefore));
  if (gps !== undefined) all.push(e('m.gps_latitude', gps === 'with' ? 'is not' : 'is', null));
  return e.and(all);
}

/** Whether the filter narrows anything (none: the query needs no condition for it). */
export function narrows(filter: ScanResultFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined);
}
