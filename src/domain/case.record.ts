/**
 * An agency's investigation and the seized sources within it (DESIGN.md §2). Times are
 * milliseconds since the Unix epoch (UTC).
 */

export interface Case {
  id: number;
  agencyId: number;
  /** The agency's own case number; unique within the agency. */
  reference: string;
  title: string;
  createdAt: number;
  closedAt: number | null;
}

/** One seized source within a case: a device, a folder, an archive. */
export interface Exhibit {
  id: number;
  caseId: number;
  /** Always the case's agency. */
  agencyId: number;
  /** Unique within the case (e.g. "laptop-1", "usb-2"). */
  label: string;
  /** Free text for now: device, folder, archive, … */
  kind: string | null;
  createdAt: number;
}
