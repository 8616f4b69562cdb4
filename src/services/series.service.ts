/**
 * Series as a use case (issue #7): listing what the agency may see, creating, changing (title,
 * status, category), sharing (level and named agencies) and membership of media. Reads follow the
 * sharing rules (visibility.ts); changes are the owner's alone; every change is audited in its
 * own transaction. Media are added only when the caller may see them.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { AppError } from '../domain/app-error.js';
import type { Series, SeriesStatus } from '../domain/series.record.js';
import type { SharingLevel } from '../domain/sharing.record.js';
import { AgencyRepository } from '../storage/agency.repository.js';
import type { AuditRepository } from '../storage/audit.repository.js';
import { CategoryRepository } from '../storage/category.repository.js';
import { PersonRepository } from '../storage/person.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { type SeriesCategory, type SeriesChanges, SeriesRepository } from '../storage/series.repository.js';
import { SeriesMemberRepository } from '../storage/series-member.repository.js';
import {
  auditChange,
  notVisible,
  type Page,
  type PageRequest,
  requireOwner,
  requireRole,
  visibleMediaIds,
} from './record-access.js';

/** A category as clients name it: scheme code and value code. */
export interface CategoryInput {
  scheme: string;
  code: string;
}

export interface SeriesView extends Series {
  category: SeriesCategory | null;
}

export interface SeriesDetail extends SeriesView {
  /** Agencies named to see it: told to the owner only (empty for others). */
  sharedWith: number[];
  mediaCount: number;
  /** Victims linked to the series by any agency: how many, and how many identified. Counts only. */
  victims: { total: number; identified: number };
}

export interface NewSeriesInput {
  reference: string;
  title: string;
  status?: SeriesStatus;
  category?: CategoryInput | null;
  sharing?: SharingLevel;
  sharedWith?: number[];
}

export interface SeriesPatch {
  title?: string;
  status?: SeriesStatus;
  category?: CategoryInput | null;
}

export interface MembershipChange {
  changed: number;
  mediaCount: number;
}

/** Most media ids one membership request may name. */
export const MEMBERSHIP_BATCH = 1_000;

export class SeriesService {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly audit: AuditRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async list(
    actor: Actor,
    filter: PageRequest & { whose?: 'all' | 'own' | 'shared'; status?: SeriesStatus },
  ): Promise<Page<SeriesView>> {
    requireRole(actor, 'read', 'series');
    const page = await this.series(this.db).pageVisible(actor.agencyId, filter);
    return { items: await this.withCategories(page.items), total: page.total };
  }

  async create(actor: Actor, input: NewSeriesInput): Promise<SeriesDetail> {
    requireRole(actor, 'write', 'series');
    const categoryValueId = await this.categoryId(input.category);
    await this.requireAgencies(input.sharedWith ?? []);
    const created = await this.db.transaction().execute(async (trx) => {
      const s = await this.series(trx).create({
        agencyId: actor.agencyId,
        reference: input.reference,
        title: input.title,
        status: input.status,
        sharing: input.sharing,
        sharedWith: input.sharedWith,
        categoryValueId,
      });
      await auditChange(trx, this.audit, actor, 'create', { kind: 'series', id: s.id, agencyId: s.agencyId });
      return s;
    });
    return this.detail(actor, created);
  }

  async get(actor: Actor, id: number): Promise<SeriesDetail> {
    return this.detail(actor, await this.visible(actor, id));
  }

  async update(actor: Actor, id: number, patch: SeriesPatch): Promise<SeriesDetail> {
    requireRole(actor, 'write', 'series');
    requireOwner(actor, 'series', await this.visible(actor, id));
    const changes: SeriesChanges = { title: patch.title, status: patch.status };
    if (patch.category !== undefined) changes.categoryValueId = await this.categoryId(patch.category);
    const updated = await this.db.transaction().execute(async (trx) => {
      const s = await this.series(trx).update(id, actor.agencyId, changes);
      await auditChange(
        trx,
        this.audit,
        actor,
        'update',
        { kind: 'series', id, agencyId: s.agencyId },
        {
          fields: Object.keys(patch).sort(),
        },
      );
      return s;
    });
    return this.detail(actor, updated);
  }

  async share(actor: Actor, id: number, level: SharingLevel, agencies: number[]): Promise<SeriesDetail> {
    requireRole(actor, 'write', 'series');
    requireOwner(actor, 'series', await this.visible(actor, id));
    await this.requireAgencies(agencies);
    const shared = await this.db.transaction().execute(async (trx) => {
      const s = await this.series(trx).setSharing(id, actor.agencyId, level, agencies);
      const named = [...new Set(agencies)].filter((a) => a !== actor.agencyId).sort((a, b) => a - b);
      await auditChange(
        trx,
        this.audit,
        actor,
        'share',
        { kind: 'series', id, agencyId: s.agencyId },
        {
          level,
          agencies: named,
        },
      );
      return s;
    });
    return this.detail(actor, shared);
  }

  /** Adds media the caller may see; `not-found` naming none of them when any is out of reach. */
  async addMedia(actor: Actor, id: number, mediaIds: number[]): Promise<MembershipChange> {
    requireRole(actor, 'write', 'series');
    requireOwner(actor, 'series', await this.visible(actor, id));
    const visible = await visibleMediaIds(this.db, actor, mediaIds);
    const missing = mediaIds.find((m) => !visible.has(m));
    if (missing !== undefined) throw notVisible('media', missing);
    return this.db.transaction().execute(async (trx) => {
      const members = new SeriesMemberRepository(trx, this.now);
      const changed = await members.add(id, actor.agencyId, mediaIds, actor.userId);
      await auditChange(
        trx,
        this.audit,
        actor,
        'add-media',
        { kind: 'series', id, agencyId: actor.agencyId },
        {
          media: changed,
        },
      );
      return { changed, mediaCount: await members.count(id) };
    });
  }

  async removeMedia(actor: Actor, id: number, mediaIds: number[]): Promise<MembershipChange> {
    requireRole(actor, 'write', 'series');
    requireOwner(actor, 'series', await this.visible(actor, id));
    return this.db.transaction().execute(async (trx) => {
      const members = new SeriesMemberRepository(trx, this.now);
      const changed = await members.remove(id, mediaIds);
      await auditChange(
        trx,
        this.audit,
        actor,
        'remove-media',
        { kind: 'series', id, agencyId: actor.agencyId },
        {
          media: changed,
        },
      );
      return { changed, mediaCount: await members.count(id) };
    });
  }

  /** A page of the series' media (ids in order after `after`), for its gallery; the view is audited. */
  async members(
    actor: Actor,
    id: number,
    after: number,
    limit: number,
  ): Promise<{ items: number[]; nextAfter: number | null }> {
    const s = await this.visible(actor, id);
    return this.db.transaction().execute(async (trx) => {
      const items = await new SeriesMemberRepository(trx).page(s.id, after, limit);
      await auditChange(
        trx,
        this.audit,
        actor,
        'view',
        { kind: 'series', id: s.id, agencyId: s.agencyId },
        {
          part: 'media',
          after,
          shown: items.length,
        },
      );
      return { items, nextAfter: items.length === limit ? (items.at(-1) ?? null) : null };
    });
  }

  /** The series if the caller may read it; `not-found` otherwise. For the other record services too. */
  async visible(actor: Actor, id: number): Promise<Series> {
    requireRole(actor, 'read', 'series');
    const found = await this.series(this.db).findVisible(id, actor.agencyId);
    if (!found) throw notVisible('series', id);
    return found;
  }

  private async detail(actor: Actor, s: Series): Promise<SeriesDetail> {
    const [view] = await this.withCategories([s]);
    const owner = s.agencyId === actor.agencyId;
    return {
      ...(view as SeriesView),
      sharedWith: owner ? await this.series(this.db).listShares(s.id) : [],
      mediaCount: await new SeriesMemberRepository(this.db).count(s.id),
      victims: await new PersonRepository(this.db).victimCounts(s.id),
    };
  }

  private async withCategories(list: Series[]): Promise<SeriesView[]> {
    const ids = list.map((s) => s.categoryValueId).filter((v): v is number => v !== null);
    const labels = await this.series(this.db).categoryLabels(ids);
    return list.map((s) => ({
      ...s,
      category: s.categoryValueId === null ? null : (labels.get(s.categoryValueId) ?? null),
    }));
  }

  private async categoryId(category: CategoryInput | null | undefined): Promise<number | null> {
    if (!category) return null;
    const value = await new CategoryRepository(this.db).findValue(category.scheme, category.code);
    if (!value) {
      throw new AppError(
        'bad-usage',
        `There is no category "${category.code}" in scheme "${category.scheme}"; GET the category schemes for the codes.`,
      );
    }
    return value.id;
  }

  private async requireAgencies(ids: readonly number[]): Promise<void> {
    const agencies = new AgencyRepository(this.db);
    for (const id of new Set(ids)) {
      if (!(await agencies.findById(id))) {
        throw new AppError('bad-usage', `There is no agency ${id} to share with; check the agency list.`);
      }
    }
  }

  private series(db: Kysely<VigilSchema>): SeriesRepository {
    return new SeriesRepository(db, this.now);
  }
}
