/**
 * Writes one hash set's entries to a stream in an API export format: `vics` (VICS JSON 2.0),
 * `csv` (Vigil's CSV) or `hashes` (hash columns only). Categories are written in the set's own
 * scheme or the one asked for (mapped through the category mappings; a value that does not map is
 * written empty). A hash-only export carries hashes and categories and nothing else.
 */
import type { Writable } from 'node:stream';
import type { Actor } from '../access/access-record.js';
import { writeHashListCsv } from '../formats/hash-list.writer.js';
import type { HashListRow } from '../formats/hash-list-item.js';
import { writeVicsHashList } from '../formats/vics-hash-list.js';
import { CategoryRepository } from '../storage/category.repository.js';
import type { VigilDatabase } from '../storage/database.js';
import type { HashSetView } from '../storage/hash-set-admin.repository.js';
import { HashSetEntryRepository } from '../storage/hash-set-entry.repository.js';
import { CategoryMapper } from './category-mapping.js';

export const HASH_SET_EXPORT_FORMATS = ['vics', 'csv', 'hashes'] as const;
export type HashSetExportFormat = (typeof HASH_SET_EXPORT_FORMATS)[number];

export interface ExportedSet extends HashSetView {
  hashOnly: boolean;
  format: HashSetExportFormat;
}

const PAGE = 1_000;

async function* rowsOf(
  database: VigilDatabase,
  actor: Actor,
  set: ExportedSet,
  mapper: CategoryMapper,
  scheme: string | undefined,
): AsyncGenerator<HashListRow> {
  const entries = new HashSetEntryRepository(database.db, database.dialect);
  for (let after = 0; ; ) {
    const page = await entries.listEntries(set.id, actor.agencyId, after, PAGE);
    if (page.length === 0) return;
    after = page[page.length - 1].id;
    for (const e of page) {
      let category: string | null = null;
      if (e.categoryValueId !== null) {
        const mapped = scheme ? mapper.map(e.categoryValueId, scheme) : null;
        category = mapped
          ? mapped.ok
            ? mapped.value.code
            : null
          : (mapper.valueById(e.categoryValueId)?.code ?? null);
      }
      const { md5, sha1, sha256, pdq, pdqQuality } = e;
      yield { md5, sha1, sha256, pdq, pdqQuality, category, series: set.hashOnly ? null : e.seriesLabel };
    }
  }
}

/** Writes every entry; resolves with the number of rows written. */
export async function writeHashSet(
  database: VigilDatabase,
  actor: Actor,
  set: ExportedSet,
  scheme: string | undefined,
  out: Writable,
): Promise<number> {
  const mapper = await CategoryMapper.load(new CategoryRepository(database.db));
  const rows = rowsOf(database, actor, set, mapper, scheme);
  if (set.format === 'vics') return writeVicsHashList(rows, out, { hashOnly: set.hashOnly });
  if (set.format === 'hashes') return writeHashListCsv(rows, out, 'baseline');
  return writeHashListCsv(rows, out, set.hashOnly ? 'hash-only' : 'full');
}
