/**
 * Cases and their exhibits. I/O only. An exhibit always belongs to its case's agency (the
 * repository copies it; a composite foreign key makes any other value impossible).
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { Case, Exhibit } from '../domain/case.record.js';
import type { CaseTable, ExhibitTable, VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';
import { inTransaction } from './transaction.js';

export interface NewCase {
  agencyId: number;
  reference: string;
  title: string;
}

export interface NewExhibit {
  caseId: number;
  label: string;
  kind?: string | null;
}

/** A stored case as the domain sees it (also used by case-list.repository.ts). */
export function toCase(row: Selectable<CaseTable>): Case {
  return {
    id: row.id,
    agencyId: row.agency_id,
    reference: row.reference,
    title: row.title,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

/** A stored exhibit as the domain sees it. */
export function toExhibit(row: Selectable<ExhibitTable>): Exhibit {
  return {
    id: row.id,
    caseId: row.case_id,
    agencyId: row.agency_id,
    label: row.label,
    kind: row.kind,
    createdAt: row.created_at,
  };
}

export class CaseRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** `conflict` when the agency already has a case with that reference; `not-found` without the agency. */
  createCase(input: NewCase): Promise<Case> {
    return withAppErrors('Adding a case', async () => {
      const row = await this.db
        .insertInto('cases')
        .values({ agency_id: input.agencyId, reference: input.reference, title: input.title, created_at: this.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCase(row);
    });
  }

  async findCase(id: number): Promise<Case | null> {
    const row = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCase(row) : null;
  }

  async listCases(agencyId: number): Promise<Case[]> {
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute();
    return rows.map(toCase);
  }

  /** Marks a case closed; `not-found` when there is no such case. */
  async closeCase(id: number, at: number = this.now()): Promise<Case> {
    const row = await this.db
      .updateTable('cases')
      .set({ closed_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('not-found', `Closing case ${id}: there is no such case.`);
    return toCase(row);
  }

  /** `not-found` without the case; `conflict` when the case already has an exhibit with that label. */
  createExhibit(input: NewExhibit): Promise<Exhibit> {
    return withAppErrors('Adding an exhibit', () =>
      inTransaction(this.db, async (trx) => {
        const owner = await trx
          .selectFrom('cases')
          .select('agency_id')
          .where('id', '=', input.caseId)
          .executeTakeFirst();
        if (!owner) throw new AppError('not-found', `Adding an exhibit: there is no case ${input.caseId}.`);
        const row = await trx
          .insertInto('exhibits')
          .values({
            case_id: input.caseId,
            agency_id: owner.agency_id,
            label: input.label,
            kind: input.kind ?? null,
            created_at: this.now(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toExhibit(row);
      }),
    );
  }

  async findExhibit(id: number): Promise<Exhibit | null> {
    const row = await this.db.selectFrom('exhibits').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toExhibit(row) : null;
  }

  async listExhibits(caseId: number): Promise<Exhibit[]> {
    const rows = await this.db.selectFrom('exhibits').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
    return rows.map(toExhibit);
  }
}
