/**
 * One exhibit and what it holds: its sightings and scan results, a page at a time. Both carry
 * evidence paths, so every page handed out is an audited read (policy-rules AUDITED_READ_KINDS):
 * a `view` event per sighting, and one `view` event on the exhibit naming the scan results read,
 * in the transaction of the read. Another agency's exhibit is not found.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../access/access-record.js';
import { scopeWhere } from '../access/scope-query.js';
import { AppError } from '../domain/app-error.js';
import type { Exhibit } from '../domain/case.record.js';
import { AuditRepository } from '../storage/audit.repository.js';
import type { JsonObject } from '../storage/audit-hash.js';
import { CaseListRepository } from '../storage/case-list.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import { ExhibitFilesRepository, type ScanResultItem, type SightingItem } from '../storage/exhibit-files.repository.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import type { VigilSchema } from '../storage/schema.js';
import { afterKey, type CursorPage, type CursorRequest, pageOf } from './cursor-page.js';
import { auditViews } from './record-access.js';
import { scanFilterOf } from './scan-result-narrowing.js';
import { type ScanResultRequest, scanResultPage } from './scan-result-page.js';

/** Most camera serials listed for one exhibit (a seizure of thousands of devices is rare). */
export const CAMERA_SERIALS = 1000;

export interface CameraSerials {
  items: { serial: string; files: number }[];
  /** More serials than CAMERA_SERIALS: the commonest are listed. */
  truncated: boolean;
}

export interface ExhibitDetail extends Exhibit {
  case: { id: number; reference: string; title: string; closedAt: number | null };
  sightingCount: number;
  /** Scan results by status (new, known, near-duplicate, ignorable, error). */
  scanStatus: Record<string, number>;
  /** The first pages; further pages from the sightings and scan-results routes. */
  sightings: CursorPage<SightingItem>;
  scanResults: CursorPage<ScanResultItem>;
}

export interface ScanResultsPage extends CursorPage<ScanResultItem> {
  /** On the first page: the exhibit's results by status that the narrowing filters keep (any status asked). */
  counts?: Record<string, number>;
}

export class ExhibitService {
  private readonly db: Kysely<VigilSchema>;
  private readonly audit: AuditRepository;

  constructor(database: VigilDatabase, now: () => number = Date.now) {
    this.db = database.db;
    this.audit = new AuditRepository(database.dialect, now);
  }

  async get(actor: Actor, id: number, limit: number): Promise<ExhibitDetail> {
    return this.db.transaction().execute(async (trx) => {
      const exhibit = await this.find(trx, actor, id);
      const theCase = await new CaseListRepository(trx).find(scopeWhere(actor, 'read', 'case'), exhibit.caseId);
      if (!theCase) throw notFound(id);
      const files = new ExhibitFilesRepository(trx);
      return {
        ...exhibit,
        case: { id: theCase.id, reference: theCase.reference, title: theCase.title, closedAt: theCase.closedAt },
        sightingCount: await files.sightingCount(id),
        scanStatus: await new ScanFileRepository(trx).countByStatus(id),
        sightings: await this.sightingPage(trx, actor, exhibit, { limit }),
        scanResults: await this.scanPage(trx, actor, exhibit, { limit }),
      };
    });
  }

  sightings(actor: Actor, id: number, page: CursorRequest): Promise<CursorPage<SightingItem>> {
    return this.db
      .transaction()
      .execute(async (trx) => this.sightingPage(trx, actor, await this.find(trx, actor, id), page));
  }

  /**
   * A page of scan results; one without a cursor (the first, or one at an offset) also counts, by
   * status, the results its narrowing filters keep (which a review-order offset is found from).
   * Counts and page come from one snapshot (PostgreSQL: a read-only REPEATABLE READ transaction;
   * its default gives each statement its own, and during a live scan an offset found from the
   * counts could land a few rows off); the page is audited in its own transaction before it is
   * answered (an audit write in that snapshot would fail when another view moved the chain on).
   */
  async scanResults(actor: Actor, id: number, page: ScanResultRequest): Promise<ScanResultsPage> {
    const { exhibit, result } = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const exhibit = await this.find(trx, actor, id);
        const files = new ExhibitFilesRepository(trx);
        if (page.cursor !== undefined && page.cursor !== '') {
          return { exhibit, result: await scanResultPage(files, exhibit.id, actor.agencyId, page) };
        }
        const counts = await files.scanStatusCounts(exhibit.id, actor.agencyId, scanFilterOf(page));
        const found = await scanResultPage(files, exhibit.id, actor.agencyId, page, counts);
        return { exhibit, result: { ...found, counts } };
      });
    await this.db.transaction().execute((trx) => this.auditScanPage(trx, actor, exhibit, result.items));
    return result;
  }

  /**
   * The camera serials of the exhibit's files with how many each took (the triage suggests them
   * and narrows by one); at most CAMERA_SERIALS. An audited view of the exhibit's metadata.
   */
  cameraSerials(actor: Actor, id: number): Promise<CameraSerials> {
    return this.db.transaction().execute(async (trx) => {
      const exhibit = await this.find(trx, actor, id);
      const items = await new ExhibitFilesRepository(trx).cameraSerials(exhibit.id, CAMERA_SERIALS + 1);
      const truncated = items.length > CAMERA_SERIALS;
      const shown = items.slice(0, CAMERA_SERIALS);
      if (shown.length > 0) await this.auditView(trx, actor, exhibit, { cameraSerials: shown.length });
      return { items: shown, truncated };
    });
  }

  private async find(trx: Kysely<VigilSchema>, actor: Actor, id: number): Promise<Exhibit> {
    const exhibit = await new CaseListRepository(trx).findExhibit(scopeWhere(actor, 'read', 'exhibit'), id);
    if (!exhibit) throw notFound(id);
    return exhibit;
  }

  private async sightingPage(
    trx: Kysely<VigilSchema>,
    actor: Actor,
    exhibit: Exhibit,
    page: CursorRequest,
  ): Promise<CursorPage<SightingItem>> {
    const rows = await new ExhibitFilesRepository(trx).sightings(
      scopeWhere(actor, 'read', 'sighting'),
      exhibit.id,
      afterKey(page.cursor),
      page.limit,
    );
    const result = pageOf(rows, page.limit, (s) => s.id);
    await auditViews(trx, this.audit, actor, 'sighting', result.items);
    return result;
  }

  private async scanPage(
    trx: Kysely<VigilSchema>,
    actor: Actor,
    exhibit: Exhibit,
    page: ScanResultRequest,
  ): Promise<CursorPage<ScanResultItem>> {
    const result = await scanResultPage(new ExhibitFilesRepository(trx), exhibit.id, actor.agencyId, page);
    await this.auditScanPage(trx, actor, exhibit, result.items);
    return result;
  }

  /** One `view` event on the exhibit naming the scan results handed out (none for an empty page). */
  private async auditScanPage(
    trx: Kysely<VigilSchema>,
    actor: Actor,
    exhibit: Exhibit,
    items: readonly ScanResultItem[],
  ): Promise<void> {
    if (items.length > 0) await this.auditView(trx, actor, exhibit, { scanResults: items.map((s) => s.id) });
  }

  /** A `view` event on the exhibit, saying what of it was read. */
  private async auditView(trx: Kysely<VigilSchema>, actor: Actor, exhibit: Exhibit, details: JsonObject) {
    await this.audit.append(trx, {
      actor: { userId: actor.userId, agencyId: actor.agencyId },
      action: 'view',
      record: { kind: 'exhibit', id: exhibit.id, agencyId: exhibit.agencyId },
      details,
    });
  }
}

function notFound(id: number): AppError {
  return new AppError('not-found', `There is no exhibit ${id} in your agency.`);
}
