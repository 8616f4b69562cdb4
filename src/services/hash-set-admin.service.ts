/**
 * Hash sets over the API: list what the agency may see, create a set with its sharing terms,
 * import a hash-list file into one of the agency's sets (the #6 readers, row by row), export a
 * set's entries (hash-set-export.ts), and change the sharing terms (the owner only). Another
 * agency's set that the caller may not see is `not-found` (existence not revealed); a visible set
 * of another agency is `forbidden` on a change. Creating, importing, sharing and exporting are
 * audited.
 */
import type { Writable } from 'node:stream';
import type { Actor } from '../access/access-record.js';
import { AppError } from '../domain/app-error.js';
import type { SharingLevel } from '../domain/sharing.record.js';
import { AuditRepository, type NewAuditEvent } from '../storage/audit.repository.js';
import type { JsonObject } from '../storage/audit-hash.js';
import { CategoryRepository } from '../storage/category.repository.js';
import type { VigilDatabase, VigilDb } from '../storage/database.js';
import { HashSetRepository } from '../storage/hash-set.repository.js';
import { HashSetAdminRepository, type HashSetView } from '../storage/hash-set-admin.repository.js';
import { DEFAULT_SCHEME, type ImportSummary, importHashList } from './hash-list-import.service.js';
import { type ExportedSet, type HashSetExportFormat, writeHashSet } from './hash-set-export.js';
import type { PdqIndexService } from './pdq-index.service.js';

export interface SharingTerms {
  level: SharingLevel;
  /** Agencies named to see the set whatever the level. */
  agencies?: readonly number[] | undefined;
  /** Licence or sharing terms text, as the source gave it. */
  licence?: string | null | undefined;
}

export interface NewHashSetRequest {
  name: string;
  source?: string | undefined;
  /** Category scheme code of its entries (default Project VIC US; none for known-good sets). */
  scheme?: string | undefined;
  knownGood?: boolean | undefined;
  sharing: SharingTerms;
}

export interface HashSetDetails extends HashSetView {
  /** Agencies named to see it; listed to the owner only (empty for others). */
  sharedWith: number[];
}

export class HashSetAdminService {
  private readonly db: VigilDb;
  private readonly audit: AuditRepository;

  constructor(
    private readonly database: VigilDatabase,
    private readonly pdqIndex: PdqIndexService,
    private readonly now: () => number = Date.now,
  ) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
  }

  async list(actor: Actor): Promise<HashSetDetails[]> {
    const sets = await new HashSetAdminRepository(this.db).listVisible(actor);
    return Promise.all(sets.map((s) => this.details(actor, s)));
  }

  async create(actor: Actor, input: NewHashSetRequest): Promise<HashSetDetails> {
    const knownGood = input.knownGood === true;
    const schemeCode = knownGood ? null : (input.scheme ?? DEFAULT_SCHEME);
    const scheme = schemeCode ? await new CategoryRepository(this.db).findScheme(schemeCode) : null;
    if (schemeCode && !scheme) throw new AppError('bad-usage', `Unknown category scheme "${schemeCode}".`);
    const set = await this.db.transaction().execute(async (trx) => {
      const created = await new HashSetRepository(trx, this.now).create({
        agencyId: actor.agencyId,
        name: input.name,
        source: input.source ?? input.name,
        schemeId: scheme?.id ?? null,
        terms: input.sharing.licence ?? null,
        sharing: input.sharing.level,
        sharedWith: input.sharing.agencies ?? [],
        knownGood,
      });
      await this.audit.append(trx, this.event(actor, 'create', created.id, { sharing: created.sharing }));
      return created;
    });
    return this.details(actor, { ...set, schemeCode });
  }

  async setSharing(actor: Actor, id: number, terms: SharingTerms): Promise<HashSetDetails> {
    const set = await this.owned(actor, id);
    await this.db.transaction().execute(async (trx) => {
      await new HashSetRepository(trx, this.now).setSharing(id, actor.agencyId, terms.level, terms.agencies ?? []);
      if (terms.licence !== undefined)
        await new HashSetAdminRepository(trx).setTerms(id, actor.agencyId, terms.licence);
      const details: JsonObject = { sharing: terms.level, namedAgencies: [...new Set(terms.agencies ?? [])].length };
      await this.audit.append(trx, this.event(actor, 'share', id, details));
    });
    const updated = await new HashSetAdminRepository(this.db).findVisible(actor, id);
    return this.details(actor, updated ?? set);
  }

  /** Imports a file (already on disk; `upload` gives it once the set is checked) into the caller's own set; the index picks up its PDQs. */
  async importFile(
    actor: Actor,
    id: number,
    upload: () => { path: string; filename: string },
    options: { format?: string | undefined; scheme?: string | undefined },
  ): Promise<ImportSummary> {
    const set = await this.owned(actor, id);
    const file = upload();
    const summary = await importHashList({
      db: this.db,
      dialect: this.database.dialect,
      agencyId: actor.agencyId,
      path: file.path,
      format: options.format ?? 'auto',
      hashSetName: set.name,
      scheme: options.scheme ?? null,
      knownGood: set.knownGood,
      source: file.filename,
    });
    const { format, accepted, rejected, inserted, duplicates } = summary;
    await this.db.transaction().execute(async (trx) => {
      const details: JsonObject = { format, accepted, rejected, inserted, duplicates };
      await this.audit.append(trx, this.event(actor, 'import', id, details));
    });
    await this.pdqIndex.refresh();
    return summary;
  }

  /**
   * The set's entries in `format`, hash-only for partners and for callers who may see the
   * hashes but not the set (shared `hash_only`). The export is audited before it streams.
   */
  async exportSet(
    actor: Actor,
    id: number,
    format: HashSetExportFormat,
    scheme: string | undefined,
  ): Promise<{ set: ExportedSet; write: (out: Writable) => Promise<number> }> {
    const found = await new HashSetAdminRepository(this.db).findForExport(actor, id);
    if (!found) throw new AppError('not-found', `There is no hash set ${id} whose hashes this account may export.`);
    if (scheme && !(await new CategoryRepository(this.db).findScheme(scheme))) {
      throw new AppError('bad-usage', `Unknown category scheme "${scheme}".`);
    }
    const hashOnly = !found.recordVisible;
    const exported: ExportedSet = { ...found.set, hashOnly, format };
    await this.db.transaction().execute(async (trx) => {
      await this.audit.append(trx, {
        ...this.event(actor, 'export', id, { format, hashOnly, scheme: scheme ?? null }),
        record: { kind: 'hash_set', id, agencyId: found.set.agencyId },
      });
    });
    return { set: exported, write: (out) => writeHashSet(this.database, actor, exported, scheme, out) };
  }

  /** The caller's own set: `not-found` when not visible, `forbidden` when another agency's. */
  private async owned(actor: Actor, id: number): Promise<HashSetView> {
    const set = await new HashSetAdminRepository(this.db).findVisible(actor, id);
    if (!set) throw new AppError('not-found', `There is no hash set ${id} this account may see.`);
    if (set.agencyId !== actor.agencyId) {
      throw new AppError('forbidden', `Hash set ${id} belongs to another agency; only that agency may change it.`);
    }
    return set;
  }

  private async details(actor: Actor, set: HashSetView): Promise<HashSetDetails> {
    const own = set.agencyId === actor.agencyId;
    return { ...set, sharedWith: own ? await new HashSetRepository(this.db).listShares(set.id) : [] };
  }

  private event(actor: Actor, action: string, id: number, details: JsonObject): NewAuditEvent {
    return {
      actor: { userId: actor.userId, agencyId: actor.agencyId },
      action,
      record: { kind: 'hash_set', id, agencyId: actor.agencyId },
      details,
    };
  }
}
