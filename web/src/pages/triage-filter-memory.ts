/**
 * The exhibit triage's filters kept for the tab (sessionStorage), one set per exhibit: a reader who
 * narrows the list, opens an item and comes back (Esc, the back link or the browser's Back) finds
 * the list as they left it rather than every result again. What is read back is checked field by
 * field; anything else is no filter.
 */
import { keepInTab, readTab, type TabStorage } from './tab-storage.js';
import { NO_FILTER, type TriageFilter } from './triage-filter.js';

const keyOf = (exhibitId: number) => `vigil.triage-filter.${exhibitId}`;
const DATE = /^(\d{4}-\d{2}-\d{2})?$/;

/** The filter last set on this exhibit in this tab, or no filter. */
export function recallTriageFilter(exhibitId: number, store?: TabStorage): TriageFilter {
  const raw = readTab(keyOf(exhibitId), store) as Partial<Record<keyof TriageFilter, unknown>>;
  if (!raw || typeof raw !== 'object') return NO_FILTER;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const f = {
    status: text(raw.status),
    category: text(raw.category),
    camera: text(raw.camera),
    from: text(raw.from),
    to: text(raw.to),
    gps: raw.gps === 'with' || raw.gps === 'without' || raw.gps === 'any' ? raw.gps : null,
  };
  if (Object.values(f).some((v) => v === null) || !DATE.test(f.from ?? '') || !DATE.test(f.to ?? '')) {
    return NO_FILTER;
  }
  return f as TriageFilter;
}

/** Keeps `filter` as this exhibit's for the tab (storage full or refused: it is simply not kept). */
export function keepTriageFilter(exhibitId: number, filter: TriageFilter, store?: TabStorage): void {
  keepInTab(keyOf(exhibitId), filter, store);
}
