/**
 * Victims and offenders: the same minimal shape in two tables, so that access to each can be
 * granted and audited apart. I/O only, and only ever for the owner agency: every read and change
 * takes it and applies it inside the query; sharing person records is the policy's decision.
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { Person, PersonKind } from '../domain/person.record.js';
import type { PersonTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

const TABLE = { victim: 'victims', offender: 'offenders' } as const satisfies Record<PersonKind, keyof VigilSchema>;

export interface NewPerson {
  kind: PersonKind;
  agencyId: number;
  reference: string;
}

function toPerson(kind: PersonKind, row: Selectable<PersonTable>): Person {
  return {
    id: row.id,
    kind,
    agencyId: row.agency_id,
    reference: row.reference,
    identifiedAt: row.identified_at,
    identifiedByAgencyId: row.identified_by_agency_id,
    createdAt: row.created_at,
  };
}

export class PersonRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  /** `conflict` when the agency already has a victim (offender) with that reference. */
  create(input: NewPerson): Promise<Person> {
    return withAppErrors(`Adding a ${input.kind}`, async () => {
      const row = await this.db
        .insertInto(TABLE[input.kind])
        .values({ agency_id: input.agencyId, reference: input.reference, created_at: this.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPerson(input.kind, row);
    });
  }

  /** The record if it exists and belongs to this agency. */
  async find(kind: PersonKind, id: number, agencyId: number): Promise<Person | null> {
    const row = await this.db
      .selectFrom(TABLE[kind])
      .selectAll()
      .where('id', '=', id)
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    return row ? toPerson(kind, row) : null;
  }

  async list(kind: PersonKind, agencyId: number): Promise<Person[]> {
    const rows = await this.db
      .selectFrom(TABLE[kind])
      .selectAll()
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute();
    return rows.map((r) => toPerson(kind, r));
  }

  /**
   * Records who identified the person and when (`byAgencyId` may be another agency), or clears
   * it with `null`. `not-found` unless the owner asks or when the identifying agency does not exist.
   */
  setIdentified(
    kind: PersonKind,
    id: number,
    ownerAgencyId: number,
    identified: { byAgencyId: number; at: number } | null,
  ): Promise<Person> {
    return withAppErrors(`Identifying a ${kind}`, async () => {
      const row = await this.db
        .updateTable(TABLE[kind])
        .set({ identified_at: identified?.at ?? null, identified_by_agency_id: identified?.byAgencyId ?? null })
        .where('id', '=', id)
        .where('agency_id', '=', ownerAgencyId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new AppError('not-found', `Identifying ${kind} ${id}: there is no such ${kind} of this agency.`);
      return toPerson(kind, row);
    });
  }
}
