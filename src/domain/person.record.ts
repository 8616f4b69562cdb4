/**
 * Victims and offenders (DESIGN.md §2): deliberately minimal person records, linked to series
 * through links. Identified or not, by which agency, when. Access to them is restricted; the
 * repository only ever reads them for their owner agency.
 */
export const PERSON_KINDS = ['victim', 'offender'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export interface Person {
  id: number;
  kind: PersonKind;
  agencyId: number;
  /** The owner agency's reference (a pseudonym or number, never a name); unique within the agency. */
  reference: string;
  /** Set together with identifiedByAgencyId once identified. */
  identifiedAt: number | null;
  identifiedByAgencyId: number | null;
  createdAt: number;
}
