/**
 * The authorisation matrix written out by hand (not derived from the policy's rule table), so the
 * policy tests can fail when a rule changes by accident. For each kind: which roles may read,
 * write and export a record of the actor's OWN agency, and one of ANOTHER agency that is not
 * shared (restricted, no names, no sighting of it). Letters: V viewer, A analyst, M admin,
 * U auditor, P partner.
 */
import type { AccessKind, Action } from '../../src/access/access-record.js';
import type { Role } from '../../src/domain/agency.record.js';

const LETTER: Record<string, Role> = { V: 'viewer', A: 'analyst', M: 'admin', U: 'auditor', P: 'partner' };

type Row = Record<Action, string>;
const NONE: Row = { read: '', write: '', export: '' };
const CASEWORK: Row = { read: 'VAM', write: 'AM', export: 'AM' };

export const EXPECTED: Record<AccessKind, { own: Row; other: Row }> = {
  agency: { own: { read: 'VAMUP', write: 'M', export: '' }, other: { read: 'VAMU', write: '', export: '' } },
  user: { own: { read: 'VAMU', write: 'M', export: '' }, other: NONE },
  case: { own: CASEWORK, other: NONE },
  exhibit: { own: CASEWORK, other: NONE },
  media: { own: CASEWORK, other: NONE },
  sighting: { own: CASEWORK, other: NONE },
  signal: { own: CASEWORK, other: NONE },
  category_scheme: {
    own: { read: 'VAMUP', write: 'M', export: 'AMP' },
    other: { read: 'VAMUP', write: 'M', export: 'AMP' },
  },
  hash_set: { own: CASEWORK, other: NONE },
  hash_set_entry: { own: CASEWORK, other: NONE },
  series: { own: CASEWORK, other: NONE },
  victim: { own: { read: 'AM', write: 'AM', export: 'AM' }, other: NONE },
  offender: { own: { read: 'AM', write: 'AM', export: 'AM' }, other: NONE },
  place: { own: CASEWORK, other: NONE },
  clue: { own: CASEWORK, other: NONE },
  link: { own: CASEWORK, other: NONE },
  match: { own: CASEWORK, other: NONE },
  note: { own: CASEWORK, other: NONE },
  alert: { own: { read: 'VAM', write: 'AM', export: '' }, other: NONE },
  audit_event: { own: { read: 'MU', write: '', export: 'U' }, other: NONE },
};

export function expectedAllowed(kind: AccessKind, whose: 'own' | 'other', action: Action, role: Role): boolean {
  return [...EXPECTED[kind][whose][action]].some((letter) => LETTER[letter] === role);
}
