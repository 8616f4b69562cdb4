/**
 * Part of migration 0002_records (frozen with it): the category schemes Vigil starts with, as
 * rows rather than enums, so an installation can add its own scheme without a release. Labels
 * are short and neutral; the schemes' owners publish the full definitions. Later changes to
 * these rows belong in a new migration, never here.
 *
 * Mappings say "every item in `from` is also in `to`" (`narrower`) or "the same set"
 * (`equivalent`); they are read in both directions by the category repository.
 */
import type { Kysely } from 'kysely';

interface SeedValue {
  code: string;
  label: string;
  description: string | null;
}

interface SeedScheme {
  code: string;
  name: string;
  description: string;
  values: SeedValue[];
}

const SCHEMES: SeedScheme[] = [
  {
    code: 'projectvic_us',
    name: 'Project VIC (US)',
    description: 'The VICS categories used in the United States, 0 to 4.',
    values: [
      { code: '0', label: 'Not pertinent', description: 'Not relevant to the investigation.' },
      { code: '1', label: 'Abuse material', description: 'Illegal child abuse material.' },
      { code: '2', label: 'Exploitative', description: 'Exploitative but not abuse material, or age difficult.' },
      { code: '3', label: 'Computer-generated', description: 'Drawn, animated or computer-generated.' },
      { code: '4', label: 'Comparison', description: 'Kept for comparison with other material.' },
    ],
  },
  {
    code: 'uk_caid',
    name: 'UK CAID',
    description: 'The severity categories of the UK sentencing guideline, as used by CAID.',
    values: [
      { code: 'A', label: 'Category A', description: 'Most severe category.' },
      { code: 'B', label: 'Category B', description: 'Intermediate category.' },
      { code: 'C', label: 'Category C', description: 'Least severe category.' },
    ],
  },
  {
    code: 'baseline',
    name: 'Baseline',
    description: 'A flag for material considered illegal in every participating jurisdiction.',
    values: [{ code: 'baseline', label: 'Baseline', description: 'Meets the Baseline definition.' }],
  },
];

/** [from scheme, from value, to scheme, to value, relation] */
const MAPPINGS: [string, string, string, string, 'narrower' | 'equivalent'][] = [
  ['uk_caid', 'A', 'projectvic_us', '1', 'narrower'],
  ['uk_caid', 'B', 'projectvic_us', '1', 'narrower'],
  ['uk_caid', 'C', 'projectvic_us', '1', 'narrower'],
  ['baseline', 'baseline', 'projectvic_us', '1', 'narrower'],
];

interface SeedTables {
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

export async function seedCategorySchemes(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as unknown as Kysely<SeedTables>;
  const ids = new Map<string, number>();
  for (const scheme of SCHEMES) {
    const { id } = await db
      .insertInto('category_schemes')
      .values({ code: scheme.code, name: scheme.name, description: scheme.description, created_at: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const values = await db
      .insertInto('category_values')
      .values(scheme.values.map((v, rank) => ({ scheme_id: Number(id), ...v, rank })))
      .returning(['id', 'code'])
      .execute();
    for (const v of values) ids.set(`${scheme.code}/${v.code}`, Number(v.id));
  }
  await db
    .insertInto('category_mappings')
    .values(
      MAPPINGS.map(([fs, fv, ts, tv, relation]) => {
        const from = ids.get(`${fs}/${fv}`);
        const to = ids.get(`${ts}/${tv}`);
        if (from === undefined || to === undefined) throw new Error(`seed mapping ${fs}/${fv} -> ${ts}/${tv}`);
        return { from_value_id: from, to_value_id: to, relation };
      }),
    )
    .execute();
}
