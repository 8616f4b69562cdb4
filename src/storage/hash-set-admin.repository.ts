/**
 * Hash-set reads and changes the hash-set routes need beyond hash-set.repository.ts, each under
 * the caller's access rules inside the query (scope-query.ts): the sets the caller may see, with
 * their scheme code; one set whose hashes the caller may export, with whether the set record
 * itself is visible; and the licence text an owner changes with the sharing terms.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { effectiveRoles, roleGrants } from '../access/policy-rules.js';
import { readableFlag, scopeWhere } from '../access/scope-query.js';
import type { HashSet } from '../domain/hash-set.record.js';
import type { SharingLevel } from '../domain/sharing.record.js';
import type { HashSetTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { hashSetEntriesVisibleTo } from './visibility.js';

export interface HashSetView extends HashSet {
  schemeCode: string | null;
}

const PARTNER_LEVELS = ['all', 'hash_only'];

function toView(row: Selectable<HashSetTable> & { scheme_code: string | null }): HashSetView {
  return {
    id: row.id,
    agencyId: row.agency_id,
    name: row.name,
    source: row.source,
    schemeId: row.scheme_id,
    schemeCode: row.scheme_code,
    terms: row.terms,
    sharing: row.sharing as SharingLevel,
    createdAt: row.created_at,
    knownGood: Number(row.known_good) === 1,
  };
}

export class HashSetAdminRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  private base() {
    return this.db
      .selectFrom('hash_sets')
      .leftJoin('category_schemes', 'category_schemes.id', 'hash_sets.scheme_id')
      .selectAll('hash_sets')
      .select('category_schemes.code as scheme_code');
  }

  /** Sets whose record the actor may read, by id. */
  async listVisible(actor: Actor): Promise<HashSetView[]> {
    const rows = await this.base()
      .where(scopeWhere(actor, 'read', 'hash_set'))
      .orderBy('hash_sets.id')
      .execute();
    return rows.map(toView);
  }

  /** One set if the actor may read its record; otherwise null. */
  async findVisible(actor: Actor, id: number): Promise<HashSetView | null> {
    const row = await this.base()
      .where('hash_sets.id', '=', id)
      .where(scopeWhere(actor, 'read', 'hash_set'))
      .executeTakeFirst();
    return row ? toView(row) : null;
  }

  /**
   * One set whose entries the actor may export, by the rules of scopeWhere(actor, 'export',
   * 'hash_set_entry') applied to the set (partners: shared `all` or `hash_only`; others: where its
   * hashes are visible), and whether it may also see the set record; null otherwise.
   */
  async findForExport(actor: Actor, id: number): Promise<{ set: HashSetView; recordVisible: boolean } | null> {
    if (!roleGrants(actor.roles, 'export', 'hash_set_entry')) return null;
    const partner = effectiveRoles(actor.roles).includes('partner');
    const row = await this.base()
      .select(readableFlag(actor, 'hash_set', 'record_visible'))
      .where('hash_sets.id', '=', id)
      .where((eb) =>
        partner ? eb('hash_sets.sharing', 'in', PARTNER_LEVELS) : hashSetEntriesVisibleTo(actor.agencyId)(eb as never),
      )
      .executeTakeFirst();
    if (!row) return null;
    return { set: toView(row), recordVisible: !partner && Number(row.record_visible) === 1 };
  }

  /** The licence or sharing terms text of the owner's set (inside the caller's transaction). */
  async setTerms(id: number, ownerAgencyId: number, terms: string | null): Promise<void> {
    await this.db
      .updateTable('hash_sets')
      .set({ terms })
      .where('id', '=', id)
      .where('agency_id', '=', ownerAgencyId)
      .execute();
  }
}
