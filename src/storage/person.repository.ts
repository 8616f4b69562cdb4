/**
 * Victims and offenders: the same minimal shape in two tables, so that access to each can be
 * granted and audited apart. I/O only, and only ever for the owner agency: every read and change
 * takes it and applies it inside the query; sharing person records is the policy's decision.
 */
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../domain/app-error.js';
import type { Person, PersonKind } from '../domain/person.record.js';
import { chunk, IN_LIST_CHUNK } from './chunks.js';
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

  /** One page of the agency's victims (offenders), oldest first, optionally identified or not only. */
  async page(
    kind: PersonKind,
    agencyId: number,
    filter: { identified?: boolean; limit: number; offset: number },
  ): Promise<{ items: Person[]; total: number }> {
    let query = this.db.selectFrom(TABLE[kind]).where('agency_id', '=', agencyId);
    if (filter.identified !== undefined) {
      query = query.where('identified_at', filter.identified ? 'is not' : 'is', null);
    }
    const rows = await query.selectAll().orderBy('id').limit(filter.limit).offset(filter.offset).execute();
    const count = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return { items: rows.map((r) => toPerson(kind, r)), total: Number(count.n) };
  }

  /** Changes the owner's reference; `not-found` unless the owner asks, `conflict` when it is taken. */
  setReference(kind: PersonKind, id: number, ownerAgencyId: number, reference: string): Promise<Person> {
    return withAppErrors(`Changing a ${kind}`, async () => {
      const row = await this.db
        .updateTable(TABLE[kind])
        .set({ reference })
        .where('id', '=', id)
        .where('agency_id', '=', ownerAgencyId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new AppError('not-found', `Changing ${kind} ${id}: there is no such ${kind} of this agency.`);
      return toPerson(kind, row);
    });
  }

  /** Victims linked to a series (by any agency, in either direction): how many, and how many identified. */
  async victimCounts(seriesId: number): Promise<{ total: number; identified: number }> {
    const row = await this.db
      .selectFrom('victims')
      .select((eb) => [eb.fn.countAll().as('total'), eb.fn.count('victims.identified_at').as('identified')])
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('links')
              .select('links.id')
              .where('links.from_kind', '=', 'series')
              .where('links.from_id', '=', seriesId)
              .where('links.to_kind', '=', 'victim')
              .whereRef('links.to_id', '=', 'victims.id'),
          ),
          eb.exists(
            eb
              .selectFrom('links')
              .select('links.id')
              .where('links.from_kind', '=', 'victim')
              .whereRef('links.from_id', '=', 'victims.id')
              .where('links.to_kind', '=', 'series')
              .where('links.to_id', '=', seriesId),
          ),
        ]),
      )
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), identified: Number(row.identified) };
  }

  /** The series each victim (offender) is linked to, in either direction, by any agency; by person id. */
  async seriesOf(kind: PersonKind, ids: readonly number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, Set<number>>(ids.map((id) => [id, new Set()]));
    for (const part of chunk([...out.keys()], IN_LIST_CHUNK)) {
      const rows = await this.db
        .selectFrom('links')
        .select(['from_kind', 'from_id', 'to_id'])
        .where((eb) =>
          eb.or([
            eb.and([eb('from_kind', '=', 'series'), eb('to_kind', '=', kind), eb('to_id', 'in', part)]),
            eb.and([eb('from_kind', '=', kind), eb('from_id', 'in', part), eb('to_kind', '=', 'series')]),
          ]),
        )
        .execute();
      for (const r of rows) {
        const [person, series] = r.from_kind === 'series' ? [r.to_id, r.from_id] : [r.from_id, r.to_id];
        out.get(person)?.add(series);
      }
    }
    return new Map([...out].map(([id, set]) => [id, [...set].sort((a, b) => a - b)]));
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
