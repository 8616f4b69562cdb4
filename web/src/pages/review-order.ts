/**
 * The list the media page steps through, handed to it by the page that opened it (sessionStorage:
 * this tab only, gone when it closes) so ← → step through the same list: an exhibit's review order
 * (the triage and the review grid) or a series' gallery. Esc and the back link return there.
 */
const KEY = 'vigil.review-order';

/** The tab's sessionStorage, typed here so the module type-checks (and is unit-tested) without the DOM. */
interface TabStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const tabStorage = (): TabStorage | undefined => (globalThis as { sessionStorage?: TabStorage }).sessionStorage;

export interface ReviewOrder {
  /** The exhibit whose review order this is; 0 when it is a series' gallery. */
  exhibitId: number;
  /** The series whose gallery this is, when it is one. */
  seriesId?: number;
  ids: number[];
}

export function saveReviewOrder(order: ReviewOrder): void {
  try {
    tabStorage()?.setItem(KEY, JSON.stringify(order));
  } catch {
    // Storage full or refused: stepping through the list is a convenience, not a need.
  }
}

/** The saved order, or null when there is none or what is stored is not one (older or edited). */
export function readReviewOrder(): ReviewOrder | null {
  try {
    const raw = tabStorage()?.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<ReviewOrder> | null) : null;
    if (!parsed || !Number.isInteger(parsed.exhibitId) || !Array.isArray(parsed.ids)) return null;
    if (!parsed.ids.every((id) => Number.isInteger(id))) return null;
    if (parsed.seriesId !== undefined && !Number.isInteger(parsed.seriesId)) return null;
    return parsed as ReviewOrder;
  } catch {
    return null;
  }
}

/** Where "back" goes from the media page, and what it is: the exhibit, the series, or nowhere. */
export function reviewBack(order: ReviewOrder | null): { path: string; to: 'exhibit' | 'series' } | null {
  if (order && order.exhibitId > 0) return { path: `/exhibits/${order.exhibitId}`, to: 'exhibit' };
  if (order?.seriesId !== undefined && order.seriesId > 0) return { path: `/series/${order.seriesId}`, to: 'series' };
  return null;
}
