/**
 * What hash-list interchange (issue #6) needs beyond 0002: the legacy DHS 0–5 category scheme
 * with its mappings to Project VIC (US), a known-good flag on hash sets (NSRL-style sets whose
 * hits make a file ignorable), and two columns hash lists carry per entry: the PDQ quality and
 * the source's series label (free text as the list names it, not a Vigil series id).
 * Labels are short and neutral, as in 0002; the scheme's owner publishes the definitions.
 */
import { type Kysely, sql } from 'kysely';
import type { VigilMigration } from './column-types.js';

const DHS_VALUES: { code: string; label: string }[] = [
  { code: '0', label: 'Uncategorised' },
  { code: '1', label: 'Abuse material (prepubescent)' },
  { code: '2', label: 'Abuse material (pubescent)' },
  { code: '3', label: 'Exploitative, not abuse material' },
  { code: '4', label: 'Adult material' },
  { code: '5', label: 'Not pertinent' },
];

/** [DHS value, Project VIC (US) value, relation]: DHS 0 (not yet looked at) maps to nothing. */
const DHS_TO_VIC: [string, string, 'narrower' | 'equivalent'][] = [
  ['1', '1', 'narrower'],
  ['2', '1', 'narrower'],
  ['3', '2', 'equivalent'],
  ['4', '0', 'narrower'],
  ['5', '0', 'narrower'],
];

interface Tables {
  category_schemes: { id?: number; code: string; name: string; description: string | null; created_at: number };
  category_values: {
    id?: number;
    scheme_id: number;
    code: string;
    label: string;
    description: string | null;
    rank: number;
  };
  category_mappings: { from_value_id: number; to_value_id: number; relation: string };
}

async function seedDhs(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>;
  const { id } = await db
    .insertInto('category_schemes')
    .values({
      code: 'dhs_legacy',
      name: 'DHS (legacy)',
      description: 'The older US categories, 0 to 5, found in legacy exports.',
      created_at: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const dhs = await db
    .insertInto('category_values')
    .values(
      DHS_VALUES.map((v, rank) => ({ scheme_id: Number(id), code: v.code, label: v.label, description: null, rank })),
    )
    .returning(['id', 'code'])
    .execute();
  const vic = await db
    .selectFrom('category_values')
    .innerJoin('category_schemes', 'category_schemes.id', 'category_values.scheme_id')
    .select(['category_values.id as id', 'category_values.code as code'])
    .where('category_schemes.code', '=', 'projectvic_us')
    .execute();
  const idOf = (rows: { id?: number; code: string }[], code: string) => {
    const found = rows.find((r) => r.code === code)?.id;
    if (found === undefined) throw new Error(`seed mapping: no value ${code}`);
    return Number(found);
  };
  await db
    .insertInto('category_mappings')
    .values(
      DHS_TO_VIC.map(([from, to, relation]) => ({
        from_value_id: idOf(dhs, from),
        to_value_id: idOf(vic, to),
        relation,
      })),
    )
    .execute();
}

export const interopMigration: VigilMigration = {
  name: '0008_interop',
  async up(db) {
    await db.schema
      .alterTable('hash_sets')
      .addColumn('known_good', 'integer', (c) => c.notNull().defaultTo(0).check(sql`known_good in (0, 1)`))
      .execute();
    await db.schema
      .alterTable('hash_set_entries')
      .addColumn('pdq_quality', 'integer', (c) => c.check(sql`pdq_quality between 0 and 100`))
      .execute();
    await db.schema.alterTable('hash_set_entries').addColumn('series_label', 'text').execute();
    await seedDhs(db);
  },
};
