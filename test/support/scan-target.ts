/**
 * A scan target for tests that drive one file through the scan steps (prepareFile, finishFile)
 * into the first agency's first exhibit, with the scan's default thresholds.
 */
import type { ScanTarget } from '../../src/ingest/scan-file.js';

export function firstExhibitTarget(db: ScanTarget['db'], dialect: ScanTarget['dialect']): ScanTarget {
  return { db, dialect, agencyId: 1, exhibitId: 1, startedAt: Date.now(), threshold: 31, minQuality: 50 };
}
