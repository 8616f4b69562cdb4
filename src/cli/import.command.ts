/**
 * `vigil import <file> --as <hash-set>`: reads a hash list (plain/CSV, HMA PDQ, NSRL; format
 * found from the file unless --format says) into a hash set of the local unit, row by row. Each
 * rejected row is named with its line and reason; the file is never abandoned for a bad row.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, EXIT } from '../domain/app-error.js';
import { importFormatFor, importFormats } from '../formats/format-registry.js';
import { importHashList } from '../services/hash-list-import.service.js';
import { withLocalUnit } from '../services/local-unit.js';
import type { CliIo } from './cli-io.js';
import { DATA_DIR_HELP, dataDirOf } from './data-dir.js';
import { importCase } from './import-case.js';
import { countLines } from './line-count.js';
import { createProgressBar, NO_PROGRESS_BAR, type ProgressBar } from './progress-bar.js';

export const IMPORT_USAGE = `Usage: vigil import [options] --as <hash set> <file>
       vigil import [options] --case <reference> <file.json>

Reads a hash list into a hash set (created on first import, appended to after). Rows already in
the set are counted, not added twice. A row that cannot be read is rejected with its line (in
VICS JSON: its Media entry, counted from 0) and the reason (malformed hex, wrong length, unknown
or unmappable category) and the rest is read on.

With --case, the file is a Project VIC VICS case export (1.x #Cases or 2.0) read into one of
this unit's cases (added when there is none of that reference): media (by SHA-256), file
entries as sightings, categories, series, and every other field kept for \`vigil export
--format vics --case\` to write back.

Options:
  --as NAME        the hash set to fill                         (required unless --case)
  --case REF       read a VICS case export into this case instead of a hash set
  --format F       auto (default), ${importFormats()
    .map((f) => f.name)
    .join(', ')}
  --scheme CODE    the scheme the file's categories are in (default projectvic_us; also
                   uk_caid, dhs_legacy, baseline). Mapped to the set's scheme when they differ.
  --known-good     fill a known-good (ignorable) set; nsrl files always do
  --source TEXT    where the list came from (default: the file's name)
  --keep-indexes   add entries batch by batch with every index in place (slower on large
                   lists), so that a vigil serve on the same SQLite database can write
                   meanwhile. Without it a large list goes in as one transaction with the
                   lookup indexes built again at its end; other writers to the database wait
                   for it (up to 10 s, then fail).
  --db DIR         ${DATA_DIR_HELP};
                   DATABASE_URL=postgres://… uses PostgreSQL instead
  --json           JSON lines on stdout: {"event":"rejected",line|entry,code,reason} per bad row,
                   then {"event":"done",…}
  -h, --help       this text

Exit status: 0 every row accepted, 2 bad usage, 4 imported but some rows were rejected.`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        as: { type: 'string' },
        case: { type: 'string' },
        format: { type: 'string', default: 'auto' },
        scheme: { type: 'string' },
        'known-good': { type: 'boolean', default: false },
        'keep-indexes': { type: 'boolean', default: false },
        source: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    throw new AppError('bad-usage', `${(cause as Error).message}\n\n${IMPORT_USAGE}`);
  }
}

/** Refused before the database is opened (or a hash set made): a file that is not there, a folder, an empty file. */
function checkFile(file: string): void {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new AppError('bad-usage', `No such file: "${file}". Nothing was imported.`);
  if (stat.isDirectory())
    throw new AppError('bad-usage', `"${file}" is a folder: give the hash-list file in it. Nothing was imported.`);
  // An empty file made a new, empty hash set and exited 0, as if a list had been imported.
  if (stat.isFile() && stat.size === 0)
    throw new AppError(
      'empty-file',
      `"${file}" is empty (0 bytes): nothing was imported. Is it the right file, and did its copy or download finish?`,
    );
}

export async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.out(IMPORT_USAGE);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (values.as !== undefined && values.case !== undefined) {
    throw new AppError('bad-usage', 'Give either --as NAME (a hash set) or --case REF (a VICS case export), not both.');
  }
  if (file) checkFile(file);
  if (values.case !== undefined && file && extra.length === 0 && values.as === undefined) {
    return importCase(resolve(file), values, io);
  }
  if (!values.as || !file || extra.length > 0) {
    throw new AppError(
      'bad-usage',
      `Give one file and either the hash set's name (--as) or a case (--case).\n\n${IMPORT_USAGE}`,
    );
  }
  const path = resolve(file);
  const dataDir = dataDirOf(values.db);
  let bar: ProgressBar = NO_PROGRESS_BAR;
  // A line list has a row a line; a VICS file may hold many entries on one line, or one on many,
  // so its rejections name the Media entry (from 0, as --case does), not a line.
  const byLine = (await importFormatFor(values.format, path)).name !== 'vics';
  const where = byLine ? 'line' : 'entry';
  if (!values.json && io.errStream?.isTTY) {
    const total = byLine ? await countLines(path) : 0;
    bar = createProgressBar({ total, label: 'import', unit: 'entries', stream: io.errStream });
  }
  const summary = await withLocalUnit(dataDir, process.env, ({ database, agencyId }) =>
    importHashList({
      db: database.db,
      dialect: database.dialect,
      agencyId,
      path,
      format: values.format,
      hashSetName: values.as as string,
      scheme: values.scheme ?? null,
      knownGood: values['known-good'],
      source: values.source,
      deferIndexes: !values['keep-indexes'],
      onIndexing: () => {
        bar.clear();
        if (!values.json) io.err('vigil import: building the lookup indexes…');
      },
      onItem: (item) => {
        bar.tick();
        if (item.kind !== 'rejected') return;
        if (values.json)
          io.out(JSON.stringify({ event: 'rejected', [where]: item.line, code: item.code, reason: item.reason }));
        else {
          bar.clear();
          io.err(`vigil import: ${where} ${item.line}: ${item.code}: ${item.reason}`);
        }
      },
    }),
  );
  bar.done();
  const { hashSet, ...counts } = summary;
  if (values.json) {
    io.out(
      JSON.stringify({
        event: 'done',
        ...counts,
        hashSet: { id: hashSet.id, name: hashSet.name, knownGood: hashSet.knownGood },
      }),
    );
  } else {
    const by = Object.entries(summary.rejectedBy).map(([code, n]) => `${n} ${code}`);
    io.err(
      `vigil import: ${summary.accepted} rows accepted (${summary.inserted} new, ${summary.duplicates} already in the set), ` +
        `${summary.rejected} rejected${by.length ? ` (${by.join(', ')})` : ''}; ` +
        `${summary.created ? 'new' : 'existing'} ${hashSet.knownGood ? 'known-good ' : ''}hash set "${hashSet.name}", format ${summary.format}.`,
    );
  }
  return summary.rejected > 0 ? EXIT.partial : EXIT.ok;
}
