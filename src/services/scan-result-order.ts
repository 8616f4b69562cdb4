/**
 * Which scan results a page holds and in what order: all or some statuses, either in the order the
 * files finished (keyed by id) or in review order — what needs a person first comes first: new,
 * near-duplicate, known, error, ignorable (the scan report's order, STATUS_ORDER: a file that could
 * not be read may hold anything, so it comes before known-good ones), each status in id order. A review-order cursor is
 * "rank:id" (the status's place in that order and the last id read), so the next page resumes in
 * the right status even when the statuses before it are used up. A page may instead start at a
 * position (`offset`, to jump far into a long list): in review order that is a status and a
 * position within it, found from the counts by status (startOf).
 */
import { AppError } from '../domain/app-error.js';
import { STATUS_ORDER } from '../ingest/triage.js';
import { afterKey } from './cursor-page.js';
import type { ScanResultNarrowing } from './scan-result-narrowing.js';

export const REVIEW_ORDER = STATUS_ORDER;
export type ScanStatus = (typeof REVIEW_ORDER)[number];

/** A page of scan results: which, in what order, narrowed by category, camera, capture day or GPS. */
export interface ScanResultRequest extends ScanResultNarrowing {
  limit: number;
  cursor?: string | undefined;
  /** Start at this position of the list instead of after a cursor (never with one). */
  offset?: number | undefined;
  /** One status or a comma list; absent for all. */
  status?: string | undefined;
  order?: 'id' | 'review' | undefined;
}

/** Where a review-order page starts: after `id` within the status of rank `rank`. */
export interface ReviewKey {
  rank: number;
  id: number;
}

/** The statuses asked for, in review order (absent or empty: all of them). */
export function statusesOf(status: string | undefined): ScanStatus[] {
  if (status === undefined || status === '') return [...REVIEW_ORDER];
  const asked = status.split(',');
  const unknown = asked.filter((s) => !(REVIEW_ORDER as readonly string[]).includes(s));
  if (unknown.length > 0) {
    throw new AppError(
      'bad-usage',
      `Unknown scan status ${unknown.join(', ')}; use one or more of ${REVIEW_ORDER.join(', ')}.`,
    );
  }
  return REVIEW_ORDER.filter((s) => asked.includes(s));
}

export function reviewKeyOf(cursor: string | undefined): ReviewKey | null {
  if (cursor === undefined || cursor === '') return null;
  const match = /^([0-4]):([0-9]{1,15})$/.exec(cursor);
  if (!match) {
    throw new AppError(
      'bad-usage',
      'The cursor is not one of a review-order page; pass nextCursor from the previous page with the same order.',
    );
  }
  return { rank: Number(match[1]), id: Number(match[2]) };
}

/** The id after which an id-order page starts; a review-order cursor here is a mix-up, said so. */
export function idKeyOf(cursor: string | undefined): number | null {
  if (cursor?.includes(':')) {
    throw new AppError(
      'bad-usage',
      'The cursor is one of a review-order page; pass order=review with it, or start without a cursor.',
    );
  }
  return afterKey(cursor);
}

export function reviewCursorOf(row: { id: number; status: string }): string {
  return `${REVIEW_ORDER.indexOf(row.status as ScanStatus)}:${row.id}`;
}

/** Where a review-order list starts at `offset`: the status holding it and how far into that status. */
export interface ReviewStart {
  status: ScanStatus;
  skip: number;
}

/**
 * The status segment holding position `offset` of a review-order list of `statuses` (in review
 * order), given how many results each holds; null when the list is shorter.
 */
export function startOf(
  statuses: readonly ScanStatus[],
  counts: Readonly<Record<string, number>>,
  offset: number,
): ReviewStart | null {
  let skip = offset;
  for (const status of statuses) {
    const n = counts[status] ?? 0;
    if (skip < n) return { status, skip };
    skip -= n;
  }
  return null;
}

/** A cursor and an offset say two different places to start; the caller picks one. */
export function checkOneStart(page: { cursor?: string | undefined; offset?: number | undefined }): void {
  if (page.offset !== undefined && page.cursor !== undefined && page.cursor !== '') {
    throw new AppError(
      'bad-usage',
      'Pass either cursor (to continue after a page) or offset (to start at a position), not both.',
    );
  }
}
