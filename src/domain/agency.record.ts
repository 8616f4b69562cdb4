/**
 * Agencies and their users (DESIGN.md §2). Times are milliseconds since the Unix epoch (UTC);
 * ids are positive integers assigned by the database.
 */

/** Roles a user can hold; `partner` is for industry API keys. */
export const ROLES = ['viewer', 'analyst', 'admin', 'auditor', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface Agency {
  id: number;
  /** ISO 3166-1 alpha-2, upper case; international bodies use a user-assigned code (e.g. XI). */
  countryCode: string;
  name: string;
  createdAt: number;
}

export interface User {
  id: number;
  agencyId: number;
  /** Unique across the installation (it is the login name). */
  username: string;
  displayName: string;
  roles: Role[];
  createdAt: number;
  disabledAt: number | null;
}
