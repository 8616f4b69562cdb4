/**
 * The exhibit's review order, handed from the exhibit page to the media page (sessionStorage:
 * this tab only, gone when it closes) so ← → step through the same list the triage shows.
 */
const KEY = 'vigil.review-order';

export interface ReviewOrder {
  exhibitId: number;
  ids: number[];
}

export function saveReviewOrder(order: ReviewOrder): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(order));
  } catch {
    // Storage full or refused: stepping through the list is a convenience, not a need.
  }
}

export function readReviewOrder(): ReviewOrder | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as ReviewOrder) : null;
    return parsed && Array.isArray(parsed.ids) ? parsed : null;
  } catch {
    return null;
  }
}
