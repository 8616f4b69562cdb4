/**
 * Cases and exhibits as the case routes list them: pages of an agency's cases newest first, with
 * how many exhibits and media each holds. I/O only: the caller passes the access scope
 * (scope-query.ts) that every read applies inside its query.
 */
import { type Kysely, sql } from 'kysely';
import type { ScopeWhere } from '../access/scope-query.js';
import type { Case, Exhibit } from '../domain/case.record.js';
import { toCase, toExhibit } from './case.repository.js';
import type { VigilSchema } from './schema.js';

export interface CaseSummary extends Case {
  exhibits: number;
}

export interface ExhibitSummary extends Exhibit {
  sightings: number;
  scanResults: number;
}

export interface CaseFilter {
  /** Id of the last case of the previous page (the list runs newest first). */
  before: number | null;
  limit: number;
  status?: 'open' | 'closed' | undefined;
  /** Words found in the reference or the title, any case. */
  search?: string | undefined;
}

/** A LIKE pattern matching `text` anywhere, with its wildcards taken literally (escape `\`). */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class CaseListRepository {
  constructor(private readonly db: Kysely<VigilSchema>) {}

  /** Up to `limit + 1` cases in scope, newest first (the extra one says there is a next page). */
  async page(scope: ScopeWhere<'case'>, filter: CaseFilter): Promise<CaseSummary[]> {
    let query = this.db.selectFrom('cases').selectAll().where(scope);
    if (filter.before !== null) query = query.where('cases.id', '<', filter.before);
    if (filter.status === 'open') query = query.where('cases.closed_at', 'is', null);
    if (filter.status === 'closed') query = query.where('cases.closed_at', 'is not', null);
    if (filter.search) {
      const pattern = containsPattern(filter.search);
      query = query.where(
        sql<boolean>`(lower(cases.reference) like ${pattern} escape '\\' or lower(cases.title) like ${pattern} escape '\\')`,
      );
    }
    const rows = await query
      .orderBy('cases.id', 'desc')
      .limit(filter.limit + 1)
      .execute();
    return this.withExhibitCounts(rows.map(toCase));
  }

  async find(scope: ScopeWhere<'case'>, id: number): Promise<CaseSummary | null> {
    const row = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('cases.id', '=', id)
      .where(scope)
      .executeTakeFirst();
    return row ? ((await this.withExhibitCounts([toCase(row)]))[0] ?? null) : null;
  }

  /** Distinct media seen in the case's exhibits. */
  async mediaCount(caseId: number): Promise<number> {
    const row = await this.db
      .selectFrom('sightings')
      .innerJoin('exhibits', 'exhibits.id', 'sightings.exhibit_id')
      .select((eb) => eb.fn.count<number>('sightings.media_id').distinct().as('n'))
      .where('exhibits.case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async update(id: number, changes: { title?: string; closedAt?: number | null }): Promise<void> {
    const set: { title?: string; closed_at?: number | null } = {};
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.closedAt !== undefined) set.closed_at = changes.closedAt;
    if (Object.keys(set).length > 0) await this.db.updateTable('cases').set(set).where('id', '=', id).execute();
  }

  /** The case's exhibits in the order they were added, with how many sightings and scan results each has. */
  async exhibits(caseId: number): Promise<ExhibitSummary[]> {
    const rows = await this.db
      .selectFrom('exhibits')
      .selectAll('exhibits')
      .select((eb) => [
        eb
          .selectFrom('sightings')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('sightings.exhibit_id', '=', 'exhibits.id')
          .as('sightings'),
        eb
          .selectFrom('scan_files')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('scan_files.exhibit_id', '=', 'exhibits.id')
          .as('scan_results'),
      ])
      .where('exhibits.case_id', '=', caseId)
      .orderBy('exhibits.id')
      .execute();
    return rows.map((r) => ({
      ...toExhibit(r),
      sightings: Number(r.sightings ?? 0),
      scanResults: Number(r.scan_results ?? 0),
    }));
  }

  async findExhibit(scope: ScopeWhere<'exhibit'>, id: number): Promise<Exhibit | null> {
    const row = await this.db
      .selectFrom('exhibits')
      .selectAll()
      .where('exhibits.id', '=', id)
      .where(scope)
      .executeTakeFirst();
    return row ? toExhibit(row) : null;
  }

  private async withExhibitCounts(cases: Case[]): Promise<CaseSummary[]> {
    if (cases.length === 0) return [];
    const counts = await this.db
      .selectFrom('exhibits')
      .select(['case_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where(
        'case_id',
        'in',
        cases.map((c) => c.id),
      )
      .groupBy('case_id')
      .execute();
    const byCase = new Map(counts.map((c) => [c.case_id, Number(c.n)]));
    return cases.map((c) => ({ ...c, exhibits: byCase.get(c.id) ?? 0 }));
  }
}
