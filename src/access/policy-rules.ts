/**
 * The rules as data: per kind of record, which roles may read, write and export it, and which
 * scope decides whose records those are. `policy.ts` (pure) and `scope-query.ts` (inside SQL)
 * both read this table, so there is one place to change a rule.
 *
 * Roles (DESIGN.md §2): viewer reads; analyst and admin also write and export; admin manages its
 * agency's users; auditor reads the audit log (and the agency's user list) and nothing else;
 * partner (an industry API key) gets hashes and category schemes, never media, personal data,
 * notes or case records. Victims and offenders are personal data: analysts and admins only.
 */
import type { Role } from '../domain/agency.record.js';
import type { AccessKind, Action } from './access-record.js';

/**
 * Whose records a role's grant reaches:
 * - `owner`: the owner agency only (writes are always owner-only, whatever the scope).
 * - `directory`: every agency may read the list of agencies; partners their own; writes own.
 * - `global`: installation-wide reference data (category schemes).
 * - `shared-record`: owner, `all`-level, or named (series_shares / hash_set_shares).
 * - `shared-hashes`: as `shared-record`, plus `hash_only` to every agency; partners: `all` and `hash_only`.
 * - `media`: agencies that sighted it, and those who may see a series it belongs to.
 * - `signal`: as `media`, plus every series whose hashes the actor may see (partners: only that).
 * - `note`: the author's agency and the agencies listed in note_visibility.
 * - `audit`: events by the actor's agency or about its records.
 */
export type Scope =
  | 'owner'
  | 'directory'
  | 'global'
  | 'shared-record'
  | 'shared-hashes'
  | 'media'
  | 'signal'
  | 'note'
  | 'audit';

export interface KindRule {
  scope: Scope;
  read: readonly Role[];
  write: readonly Role[];
  export: readonly Role[];
}

const LE_READ: readonly Role[] = ['viewer', 'analyst', 'admin'];
const LE_WRITE: readonly Role[] = ['analyst', 'admin'];
const CASEWORK: Omit<KindRule, 'scope'> = { read: LE_READ, write: LE_WRITE, export: LE_WRITE };
const PERSONAL: Omit<KindRule, 'scope'> = { read: LE_WRITE, write: LE_WRITE, export: LE_WRITE };

export const RULES: Readonly<Record<AccessKind, KindRule>> = {
  agency: { scope: 'directory', read: [...LE_READ, 'auditor', 'partner'], write: ['admin'], export: [] },
  user: { scope: 'owner', read: [...LE_READ, 'auditor'], write: ['admin'], export: [] },
  case: { scope: 'owner', ...CASEWORK },
  exhibit: { scope: 'owner', ...CASEWORK },
  sighting: { scope: 'owner', ...CASEWORK },
  media: { scope: 'media', ...CASEWORK },
  signal: { scope: 'signal', read: [...LE_READ, 'partner'], write: LE_WRITE, export: [...LE_WRITE, 'partner'] },
  category_scheme: {
    scope: 'global',
    read: [...LE_READ, 'auditor', 'partner'],
    write: ['admin'],
    export: [...LE_WRITE, 'partner'],
  },
  hash_set: { scope: 'shared-record', ...CASEWORK },
  hash_set_entry: {
    scope: 'shared-hashes',
    read: [...LE_READ, 'partner'],
    write: LE_WRITE,
    export: [...LE_WRITE, 'partner'],
  },
  series: { scope: 'shared-record', ...CASEWORK },
  victim: { scope: 'owner', ...PERSONAL },
  offender: { scope: 'owner', ...PERSONAL },
  place: { scope: 'owner', ...CASEWORK },
  clue: { scope: 'owner', ...CASEWORK },
  link: { scope: 'owner', ...CASEWORK },
  match: { scope: 'owner', ...CASEWORK },
  note: { scope: 'note', ...CASEWORK },
  alert: { scope: 'owner', read: LE_READ, write: LE_WRITE, export: [] },
  // Append-only: events are written by the system in the change's transaction, never by a role.
  audit_event: { scope: 'audit', read: ['auditor', 'admin'], write: [], export: ['auditor'] },
};

/** Kinds whose every read is itself audited (media content, evidence paths, personal data). */
export const AUDITED_READ_KINDS: ReadonlySet<AccessKind> = new Set<AccessKind>([
  'media',
  'sighting',
  'victim',
  'offender',
  'place',
  'clue',
  'note',
]);

/**
 * The roles that count for an actor. Anyone holding `partner` is treated as a partner only: a
 * partner key that also carries a law-enforcement role by mistake gains nothing from it.
 */
export function effectiveRoles(roles: readonly Role[]): readonly Role[] {
  return roles.includes('partner') ? ['partner'] : roles;
}

/** Whether the roles administer their agency's users (admins): user writes, tokens, security state. */
export function administersUsers(roles: readonly Role[]): boolean {
  return roleGrants(roles, 'write', 'user') !== null;
}

/** Whether any of the actor's roles grants `action` on `kind` (scope not yet considered). */
export function roleGrants(roles: readonly Role[], action: Action, kind: AccessKind): Role | null {
  const granted = RULES[kind][action];
  return effectiveRoles(roles).find((r) => granted.includes(r)) ?? null;
}
