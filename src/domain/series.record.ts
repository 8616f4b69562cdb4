/**
 * A series: media depicting the same event(s) or person(s), owned by one agency, shared as its
 * sharing level says (see sharing.record.ts). Times are milliseconds since the Unix epoch (UTC).
 */
import type { SharingLevel } from './sharing.record.js';

/** Free text in the database, so a status can be added without a migration. */
export const SERIES_STATUSES = ['open', 'closed'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

export interface Series {
  id: number;
  agencyId: number;
  /** The owner agency's own name for the series; unique within the agency. */
  reference: string;
  title: string;
  status: SeriesStatus;
  sharing: SharingLevel;
  /** The series' category: a value of a category scheme (category_values), or null. */
  categoryValueId: number | null;
  createdAt: number;
  updatedAt: number;
}
