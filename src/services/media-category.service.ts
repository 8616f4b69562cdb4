/**
 * Categorising media in review (issue #9's number keys): an analyst of an agency that may see a
 * media item sets the agency's own category for it, in any scheme the hub knows, or clears it.
 * Audited as `categorise` in the same transaction. The category schemes and their values are
 * listed for the keys (global data: every role that works on cases reads them).
 */
import type { Actor } from '../access/access-record.js';
import { scopeWhere } from '../access/scope-query.js';
import { AppError } from '../domain/app-error.js';
import { AuditRepository } from '../storage/audit.repository.js';
import { CategoryRepository } from '../storage/category.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import { type MediaCategory, MediaCategoryRepository } from '../storage/media-category.repository.js';
import { MediaViewRepository } from '../storage/media-view.repository.js';
import { auditChange, notVisible, requireRole } from './record-access.js';

export interface SchemeView {
  code: string;
  name: string;
  values: { code: string; label: string }[];
}

export class MediaCategoryService {
  private readonly audit: AuditRepository;

  constructor(
    private readonly database: VigilDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.audit = new AuditRepository(database.dialect, now);
  }

  async schemes(): Promise<SchemeView[]> {
    const repo = new CategoryRepository(this.database.db);
    const out: SchemeView[] = [];
    for (const s of await repo.listSchemes()) {
      const values = await repo.listValues(s.id);
      out.push({ code: s.code, name: s.name, values: values.map((v) => ({ code: v.code, label: v.label })) });
    }
    return out;
  }

  /** Sets (or with `null` clears) the agency's category of a media item it may see. */
  async categorise(
    actor: Actor,
    mediaId: number,
    category: { scheme: string; code: string } | null,
  ): Promise<MediaCategory | null> {
    requireRole(actor, 'write', 'media');
    const value = category ? await this.value(category.scheme, category.code) : null;
    return this.database.db.transaction().execute(async (trx) => {
      const visible = await new MediaViewRepository(trx).media(scopeWhere(actor, 'read', 'media'), mediaId);
      if (!visible) throw notVisible('media', mediaId);
      const repo = new MediaCategoryRepository(trx);
      await repo.set(actor.agencyId, mediaId, value, actor.userId, this.now());
      await auditChange(
        trx,
        this.audit,
        actor,
        'categorise',
        { kind: 'media', id: mediaId, agencyId: null },
        {
          category: category ? `${category.scheme} ${category.code}` : null,
        },
      );
      return (await repo.of(actor.agencyId, [mediaId])).get(mediaId) ?? null;
    });
  }

  private async value(scheme: string, code: string): Promise<number> {
    const repo = new CategoryRepository(this.database.db);
    const found = await repo.findValue(scheme, code);
    if (found) return found.id;
    const known = await repo.findScheme(scheme);
    if (!known) {
      const codes = (await repo.listSchemes()).map((s) => s.code).join(', ');
      throw new AppError('bad-usage', `There is no category scheme "${scheme}"; known: ${codes}.`);
    }
    const values = (await repo.listValues(known.id)).map((v) => v.code).join(', ');
    throw new AppError('bad-usage', `Scheme "${scheme}" has no category "${code}"; its values: ${values}.`);
  }
}
