/**
 * `vigil export --format F (--hash-set NAME | --case REF | --series REF)`: writes a hash list of
 * the local unit's records to stdout or --out. --hash-only keeps hashes and categories only.
 */
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { AppError, EXIT } from '../domain/app-error.js';
import { exportFormats } from '../formats/format-registry.js';
import { type ExportSource, type ExportSummary, exportHashList } from '../services/hash-list-export.service.js';
import { withLocalUnit } from '../services/local-unit.js';
import type { CliIo } from './cli-io.js';
import { DATA_DIR_HELP, dataDirOf } from './data-dir.js';
import { createProgressBar, NO_PROGRESS_BAR, type ProgressBar } from './progress-bar.js';

export const EXPORT_USAGE = `Usage: vigil export --format F (--hash-set NAME | --case REF | --series REF) [options]

Writes the hashes of a hash set, or of the media of a case or series, as a hash list.

Options:
  --format F       ${exportFormats()
    .map((f) => f.name)
    .join(', ')}                                                (required)
  --hash-set NAME  a hash set this unit may see
  --case REF       the media sighted in one of this unit's cases
  --series REF     the media that are members of one of this unit's series
  --scheme CODE    write categories in this scheme (default: the set's own), mapped; values
                   that do not map are written empty and reported
  --hash-only      hashes and categories only: no series labels, paths, names, notes or EXIF
  --out FILE       write here (default: stdout)
  --db DIR         ${DATA_DIR_HELP}
  --json           the summary as one JSON line (on stdout with --out, else on stderr)
  -h, --help       this text

Exit status: 0 written, 2 bad usage, 4 written but some categories could not be mapped.`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        format: { type: 'string' },
        'hash-set': { type: 'string' },
        case: { type: 'string' },
        series: { type: 'string' },
        scheme: { type: 'string' },
        'hash-only': { type: 'boolean', default: false },
        out: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    throw new AppError('bad-usage', `${(cause as Error).message}\n\n${EXPORT_USAGE}`);
  }
}

function sourceOf(values: { 'hash-set'?: string; case?: string; series?: string }): ExportSource {
  const given: ExportSource[] = [];
  if (values['hash-set'] !== undefined) given.push({ hashSet: values['hash-set'] });
  if (values.case !== undefined) given.push({ case: values.case });
  if (values.series !== undefined) given.push({ series: values.series });
  if (given.length !== 1)
    throw new AppError('bad-usage', `Give exactly one of --hash-set, --case, --series.\n\n${EXPORT_USAGE}`);
  return given[0] as ExportSource;
}

function report(summary: ExportSummary, values: { json: boolean; out?: string }, io: CliIo): void {
  if (values.json) {
    const line = JSON.stringify({ event: 'done', ...summary });
    if (values.out) io.out(line);
    else io.err(line);
    return;
  }
  for (const u of summary.unmapped)
    io.err(`vigil export: ${u.count} × ${u.from}: written without a category: ${u.reason}`);
  const skipped = summary.skipped ? `, ${summary.skipped} left out (not ${summary.format} material)` : '';
  io.err(
    `vigil export: ${summary.rows} rows written as ${summary.format}${summary.hashOnly ? ' (hash-only)' : ''}${skipped}.`,
  );
}

/**
 * Refused before the database is opened and anything is read: an --out whose folder is not there
 * or that names a folder (else the whole export ran first and then failed with a stack trace).
 */
function checkOut(given: string, target: string): void {
  const folder = statSync(dirname(target), { throwIfNoEntry: false });
  if (!folder?.isDirectory())
    throw new AppError(
      'bad-usage',
      `--out ${given}: there is no folder ${dirname(target)}; make it first or give another path.`,
    );
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory())
    throw new AppError('bad-usage', `--out ${given} is a folder: give the name of the file to write.`);
}

/** A write of the output file that fails (no permission, disk full) names the file, not a stack. */
function writeError(cause: unknown, target: string): unknown {
  const err = cause as NodeJS.ErrnoException & { dest?: string };
  const ours = [target, `${target}.part`];
  if (typeof err?.code !== 'string' || !(ours.includes(err.path ?? '') || ours.includes(err.dest ?? ''))) return cause;
  return new AppError('unreadable-file', `Cannot write ${target} (${err.code}); nothing was written there.`, { cause });
}

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv);
  if (values.help) {
    io.out(EXPORT_USAGE);
    return EXIT.ok;
  }
  if (!values.format) throw new AppError('bad-usage', `Give --format.\n\n${EXPORT_USAGE}`);
  const source = sourceOf(values);
  const dataDir = dataDirOf(values.db);
  const target = values.out ? resolve(values.out) : null;
  if (values.out && target) checkOut(values.out, target);
  const partial = target ? `${target}.part` : null;
  const out: Writable = partial ? createWriteStream(partial, { mode: 0o600 }) : process.stdout;
  let bar: ProgressBar = NO_PROGRESS_BAR;
  try {
    const summary = await withLocalUnit(dataDir, process.env, ({ database, agencyId }) =>
      exportHashList({
        db: database.db,
        dialect: database.dialect,
        agencyId,
        format: values.format as string,
        source,
        scheme: values.scheme ?? null,
        hashOnly: values['hash-only'],
        out,
        // A hash set's rows are known in advance (a bar); a case's or series' media are counted.
        onTotal: (total) => {
          if (target && !values.json) {
            bar = createProgressBar({ total: total ?? 0, label: 'export', unit: 'media', stream: io.errStream });
          }
        },
        onRow: () => bar.tick(),
      }),
    );
    bar.done();
    if (partial && target) {
      out.end();
      await finished(out);
      renameSync(partial, target);
    }
    report(summary, values, io);
    return summary.unmapped.length > 0 ? EXIT.partial : EXIT.ok;
  } catch (cause) {
    if (partial) {
      out.destroy();
      // The file opens asynchronously: removed before the stream has closed, it would come back empty.
      await finished(out).catch(() => undefined);
      rmSync(partial, { force: true });
    }
    throw target ? writeError(cause, target) : cause;
  }
}
