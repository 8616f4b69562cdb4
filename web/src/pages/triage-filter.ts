/**
 * The exhibit triage's filters, apart from drawing them: by status, the agency's category (or
 * none yet), camera serial, capture date (as the file states it, inclusive bounds) and whether the
 * item has a GPS position — all asked of the hub (the scan-results route's query), so they reach
 * every result of the exhibit, not only the rows loaded. Pure, so each rule is tested.
 */

export interface TriageFilter {
  /** 'all' or a status. */
  status: string;
  /** '' any; 'none' not categorised yet; else scheme:code (projectvic_us:2). */
  category: string;
  /** '' any; else a camera serial, matched exactly. */
  camera: string;
  /** '' or YYYY-MM-DD: capture date from / to, inclusive; a row without a capture time is left out when set. */
  from: string;
  to: string;
  gps: 'any' | 'with' | 'without';
}

export const NO_FILTER: TriageFilter = { status: 'all', category: '', camera: '', from: '', to: '', gps: 'any' };

/** The scan-results query parameters of a filter; what is not narrowed is left out. */
export interface ScanQuery {
  status?: string;
  category?: string;
  cameraSerial?: string;
  capturedFrom?: string;
  capturedTo?: string;
  gps?: 'with' | 'without';
}

export function scanQueryOf(f: TriageFilter): ScanQuery {
  const q: ScanQuery = {};
  if (f.status !== 'all') q.status = f.status;
  if (f.category !== '') q.category = f.category;
  if (f.camera.trim() !== '') q.cameraSerial = f.camera.trim();
  if (f.from !== '') q.capturedFrom = f.from;
  if (f.to !== '') q.capturedTo = f.to;
  if (f.gps !== 'any') q.gps = f.gps;
  return q;
}

/** Whether the filter narrows beyond a status: then the counts by status are the hub's for the filter. */
export function narrows(f: TriageFilter): boolean {
  const { status: _status, ...rest } = scanQueryOf(f);
  return Object.keys(rest).length > 0;
}
