/**
 * The exhibit triage's filters, apart from drawing them: by status, the agency's category (or
 * none yet), camera serial, capture date (as the file states it, inclusive bounds) and whether the
 * item has a GPS position. Pure, so each rule is tested.
 */

/** What a triage row offers the filters (the API's scan result has these fields). */
export interface FilterableRow {
  status: string;
  cameraSerial: string | null;
  takenAtLocal: string | null;
  hasGps: boolean;
  category: { code: string; label: string } | null;
}

export interface TriageFilter {
  /** 'all' or a status. */
  status: string;
  /** '' any; 'none' not categorised yet; else a category code. */
  category: string;
  /** '' any; else a camera serial. */
  camera: string;
  /** '' or YYYY-MM-DD: capture date from / to, inclusive; a row without a capture time is left out when set. */
  from: string;
  to: string;
  gps: 'any' | 'with' | 'without';
}

export const NO_FILTER: TriageFilter = { status: 'all', category: '', camera: '', from: '', to: '', gps: 'any' };

export function matchesFilter(row: FilterableRow, f: TriageFilter): boolean {
  if (f.status !== 'all' && row.status !== f.status) return false;
  if (f.category === 'none' ? row.category !== null : f.category !== '' && row.category?.code !== f.category) {
    return false;
  }
  if (f.camera !== '' && row.cameraSerial !== f.camera) return false;
  if (f.gps !== 'any' && row.hasGps !== (f.gps === 'with')) return false;
  const day = row.takenAtLocal?.slice(0, 10) ?? null;
  if ((f.from !== '' || f.to !== '') && day === null) return false;
  if (f.from !== '' && day !== null && day < f.from) return false;
  if (f.to !== '' && day !== null && day > f.to) return false;
  return true;
}

/** The choices the rows offer: categories (code and label) and camera serials, each once, sorted. */
export function filterChoices(rows: readonly FilterableRow[]): {
  categories: { code: string; label: string }[];
  cameras: string[];
} {
  const categories = new Map<string, string>();
  const cameras = new Set<string>();
  for (const r of rows) {
    if (r.category) categories.set(r.category.code, r.category.label);
    if (r.cameraSerial) cameras.add(r.cameraSerial);
  }
  return {
    categories: [...categories].map(([code, label]) => ({ code, label })).sort((a, b) => a.code.localeCompare(b.code)),
    cameras: [...cameras].sort(),
  };
}
