/**
 * Category schemes, their values and the mappings between values of different schemes. The
 * built-in schemes are seeded by migration 0002; an installation may add its own. Reference data,
 * the same for every agency. I/O only.
 */
import type { Kysely, Selectable } from 'kysely';
import type { CategoryMapping, CategoryScheme, CategoryValue, MappingRelation } from '../domain/category.record.js';
import type { CategorySchemeTable, CategoryValueTable } from './records-schema.js';
import type { VigilSchema } from './schema.js';
import { withAppErrors } from './storage-errors.js';

export interface NewCategoryScheme {
  code: string;
  name: string;
  description?: string | null;
}

export interface NewCategoryValue {
  schemeId: number;
  code: string;
  label: string;
  description?: string | null;
  rank: number;
}

/** A value mapped to the one asked about, and how the one asked about relates to it. */
export interface MappedValue {
  value: CategoryValue;
  /** `narrower`: the value asked about lies within this one; `broader`: the other way round. */
  relation: 'equivalent' | 'narrower' | 'broader';
}

function toScheme(row: Selectable<CategorySchemeTable>): CategoryScheme {
  return { id: row.id, code: row.code, name: row.name, description: row.description, createdAt: row.created_at };
}

function toValue(row: Selectable<CategoryValueTable>): CategoryValue {
  return {
    id: row.id,
    schemeId: row.scheme_id,
    code: row.code,
    label: row.label,
    description: row.description,
    rank: row.rank,
  };
}

export class CategoryRepository {
  constructor(
    private readonly db: Kysely<VigilSchema>,
    private readonly now: () => number = Date.now,
  ) {}

  async listSchemes(): Promise<CategoryScheme[]> {
    return (await this.db.selectFrom('category_schemes').selectAll().orderBy('id').execute()).map(toScheme);
  }

  async findScheme(code: string): Promise<CategoryScheme | null> {
    const row = await this.db.selectFrom('category_schemes').selectAll().where('code', '=', code).executeTakeFirst();
    return row ? toScheme(row) : null;
  }

  /** A scheme's values in rank order. */
  async listValues(schemeId: number): Promise<CategoryValue[]> {
    const rows = await this.db
      .selectFrom('category_values')
      .selectAll()
      .where('scheme_id', '=', schemeId)
      .orderBy('rank')
      .orderBy('id')
      .execute();
    return rows.map(toValue);
  }

  /** A value by scheme code and value code (`uk_caid`, `A`). */
  async findValue(schemeCode: string, valueCode: string): Promise<CategoryValue | null> {
    const row = await this.db
      .selectFrom('category_values')
      .innerJoin('category_schemes', 'category_schemes.id', 'category_values.scheme_id')
      .selectAll('category_values')
      .where('category_schemes.code', '=', schemeCode)
      .where('category_values.code', '=', valueCode)
      .executeTakeFirst();
    return row ? toValue(row) : null;
  }

  /** `conflict` when the code is taken. */
  createScheme(input: NewCategoryScheme): Promise<CategoryScheme> {
    return withAppErrors('Adding a category scheme', async () => {
      const row = await this.db
        .insertInto('category_schemes')
        .values({ code: input.code, name: input.name, description: input.description ?? null, created_at: this.now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toScheme(row);
    });
  }

  /** `conflict` when the scheme has the code; `not-found` without the scheme. */
  addValue(input: NewCategoryValue): Promise<CategoryValue> {
    return withAppErrors('Adding a category value', async () => {
      const row = await this.db
        .insertInto('category_values')
        .values({
          scheme_id: input.schemeId,
          code: input.code,
          label: input.label,
          description: input.description ?? null,
          rank: input.rank,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toValue(row);
    });
  }

  /** `conflict` when the pair is mapped already; `not-found` without a value; `bad-usage` for a value to itself. */
  addMapping(mapping: CategoryMapping): Promise<void> {
    return withAppErrors('Mapping categories', async () => {
      await this.db
        .insertInto('category_mappings')
        .values({ from_value_id: mapping.fromValueId, to_value_id: mapping.toValueId, relation: mapping.relation })
        .execute();
    });
  }

  /** Every mapping row (reference data: a few dozen rows), for the mapping service's graph. */
  async listMappings(): Promise<CategoryMapping[]> {
    const rows = await this.db
      .selectFrom('category_mappings')
      .selectAll()
      .orderBy('from_value_id')
      .orderBy('to_value_id')
      .execute();
    return rows.map((r) => ({
      fromValueId: r.from_value_id,
      toValueId: r.to_value_id,
      relation: r.relation as MappingRelation,
    }));
  }

  /** The values mapped to this one, in either direction, in id order. */
  async mapped(valueId: number): Promise<MappedValue[]> {
    const rows = await this.db
      .selectFrom('category_mappings')
      .innerJoin('category_values', (join) =>
        join.on((eb) =>
          eb.or([
            eb.and([
              eb('category_mappings.from_value_id', '=', valueId),
              eb('category_values.id', '=', eb.ref('category_mappings.to_value_id')),
            ]),
            eb.and([
              eb('category_mappings.to_value_id', '=', valueId),
              eb('category_values.id', '=', eb.ref('category_mappings.from_value_id')),
            ]),
          ]),
        ),
      )
      .selectAll('category_values')
      .select(['category_mappings.relation', 'category_mappings.from_value_id'])
      .orderBy('category_values.id')
      .execute();
    return rows.map((r) => {
      const relation = r.relation as MappingRelation;
      const seen = relation === 'equivalent' ? relation : r.from_value_id === valueId ? 'narrower' : 'broader';
      return { value: toValue(r), relation: seen };
    });
  }
}
