/**
 * `vigil scan <path...> --case <reference>`: scans files into the embedded database and writes
 * report.json, report.csv and report.html. Stop it at any moment (Ctrl-C, or even kill -9) and
 * run the same command again: it resumes where it stopped.
 */
import { accessSync, constants, existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { AppError, EXIT } from '../domain/app-error.js';
import { reportCsv } from '../ingest/report/report-csv.js';
import { reportHtml } from '../ingest/report/report-html.js';
import { errorCauses, missingToolNotes } from '../ingest/report/scan-report.js';
import type { FileStatus } from '../ingest/triage.js';
import { DEMO_CASE, loadDemoLists, writeDemoSeizure } from '../services/demo-seizure.service.js';
import { scanCase } from '../services/scan-case.service.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs } from './command-args.js';
import { DATA_DIR_HELP, dataDirOf } from './data-dir.js';
import { createProgressBar, NO_PROGRESS_BAR, type ProgressBar } from './progress-bar.js';

export const SCAN_USAGE = `Usage: vigil scan [options] --case <reference> <file or folder>...

Hashes every file (MD5, SHA-1, SHA-256, PDQ with its rotations), sorts it — new, near-duplicate,
known, ignorable or error, with the reasons — and stores it in the database under the case.
Run the same command again after a stop and it resumes; finished files are not redone.

Options:
  --case REF       the case reference (created if new)            (required)
  --db DIR         ${DATA_DIR_HELP};
                   DATABASE_URL=postgres://… uses PostgreSQL instead of the SQLite file there
  --report DIR     where report.json, report.csv and report.html go (default: DIR/reports/REF/exhibit-N,
                   a folder for each exhibit, that is each set of paths scanned into the case)
  --threshold N    largest PDQ distance reported as a near-duplicate (default 31)
  --max-depth N    archive levels opened, 1 to 16: 1 opens archives on disk only; an archive
                   nested deeper is hashed as a file and its contents are an error row (default 3)
  --workers N      threads that decode pictures (default: one per core above 2 cores, else 0: the main thread decodes)
  --json           progress as JSON lines on stdout: {"event":"file",path,status,reasons,matches} per
                   file (matches as in report.json, without what the database knows of the target),
                   then {"event":"done",…}
  --demo           scan a made-up seizure of pattern pictures (written to DIR/demo) against demo
                   reference lists, to see every status; --case defaults to DEMO
  -h, --help       this text

Exit status: 0 scanned, 2 bad usage, 4 scanned but some files could not be processed.`;

const OPTIONS = {
  case: { type: 'string' },
  db: { type: 'string' },
  report: { type: 'string' },
  threshold: { type: 'string' },
  'max-depth': { type: 'string' },
  workers: { type: 'string' },
  json: { type: 'boolean', default: false },
  demo: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Counts by status for the progress line, in triage order: what needs review first comes first. */
export function statusCounts(c: Record<FileStatus, number>): string {
  return `new ${c.new} · near-dup ${c['near-duplicate']} · known ${c.known} · ignorable ${c.ignorable} · error ${c.error}`;
}

const parse = (argv: string[]) => parseCommandArgs(argv, OPTIONS, SCAN_USAGE);

const within = (child: string, parent: string) =>
  child === parent || child.startsWith(parent.endsWith(sep) ? parent : `${parent}${sep}`);

/** Where a folder really is, or where it would be (not made yet): its nearest existing parent, resolved. */
function realOrPlanned(path: string): string {
  const found = existsSync(path);
  if (found) return realpathSync(path);
  const parent = dirname(path);
  return parent === path ? path : join(realOrPlanned(parent), basename(path));
}

/**
 * Refused before a case or exhibit is made: a path that is not there (a typo, a drive not
 * mounted), and a folder that holds the scan's own data or report folder, whose database, key
 * and decrypted report would be scanned as evidence, and more of them on every run.
 */
function checkPaths(paths: string[], dataDir: string, reportDir: string): void {
  const missing = paths.filter((p) => statSync(p, { throwIfNoEntry: false }) === undefined);
  if (missing.length > 0) {
    const list = missing.map((p) => `"${p}"`).join(', ');
    throw new AppError('bad-usage', `No such file or folder: ${list}. Nothing was scanned.`);
  }
  for (const p of paths) {
    if (!statSync(p).isDirectory()) continue;
    const root = realpathSync(p);
    for (const [what, dir, flag] of [
      ['data', dataDir, '--db DIR'],
      ['report', reportDir, '--report DIR'],
    ]) {
      if (within(realOrPlanned(dir), root))
        throw new AppError(
          'bad-usage',
          `The ${what} folder ${dir} is inside "${p}", so the scan would read its own output: give ${flag} outside it. Nothing was scanned.`,
        );
    }
  }
}

/**
 * Made (or found writable) before the scan starts: an unusable --report folder found only after
 * hours of scanning would end the run with a stack trace and no report.
 */
function makeReportFolder(reportDir: string): void {
  try {
    mkdirSync(reportDir, { recursive: true, mode: 0o700 });
    accessSync(reportDir, constants.W_OK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new AppError(
      'bad-usage',
      `Cannot write the report to ${reportDir} (${code}): give --report DIR, a folder that can be made and written. Nothing was scanned.`,
    );
  }
}

export async function scanCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.out(SCAN_USAGE);
    return EXIT.ok;
  }
  if (values.demo) {
    if (positionals.length > 0) throw new AppError('bad-usage', '--demo scans its own made-up files: give no paths.');
    values.case ??= DEMO_CASE;
  }
  if (!values.case || (positionals.length === 0 && !values.demo)) {
    throw new AppError('bad-usage', `Give a case reference and at least one file or folder.\n\n${SCAN_USAGE}`);
  }
  const threshold = values.threshold === undefined ? 31 : Number(values.threshold);
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 128) {
    throw new AppError('bad-usage', `--threshold is a whole number from 0 to 128, not "${values.threshold}".`);
  }
  const maxDepth = values['max-depth'] === undefined ? undefined : Number(values['max-depth']);
  if (maxDepth !== undefined && (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > 16)) {
    throw new AppError('bad-usage', `--max-depth is a whole number from 1 to 16, not "${values['max-depth']}".`);
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 256)) {
    throw new AppError('bad-usage', `--workers is a whole number from 0 to 256, not "${values.workers}".`);
  }
  const dataDir = dataDirOf(values.db);
  // By default each exhibit gets its own folder, so scanning a second device into a case does not
  // replace the first one's report, nor do two references that read the same as a folder name.
  const reportBase = resolve(values.report ?? join(dataDir, 'reports', values.case.replace(/[^\w.-]+/g, '_')));
  checkPaths(positionals, dataDir, reportBase);
  makeReportFolder(reportBase);
  const stop = new AbortController();
  const onSigint = () => {
    bar.clear();
    io.err('vigil scan: stopping after the file in progress; run the same command again to resume.');
    stop.abort();
  };
  const counts: Record<FileStatus, number> = { new: 0, 'near-duplicate': 0, known: 0, ignorable: 0, error: 0 };
  // The total is not known up front (archives are opened as they are met): the bar counts.
  const bar: ProgressBar = values.json
    ? NO_PROGRESS_BAR
    : createProgressBar({ total: 0, label: 'scan', stream: io.errStream });
  process.once('SIGINT', onSigint);
  try {
    const paths = values.demo ? [await writeDemoSeizure(join(dataDir, 'demo'))] : positionals;
    const { summary, report, thumbnails } = await scanCase({
      dataDir,
      env: process.env,
      caseReference: values.case,
      paths,
      prepare: values.demo ? loadDemoLists : undefined,
      threshold,
      maxDepth,
      workers,
      signal: stop.signal,
      onFile: (o) => {
        if (values.json) {
          const { path, status, reasons, matches = [] } = o;
          io.out(JSON.stringify({ event: 'file', path, status, reasons, matches }));
        }
        counts[o.status]++;
        bar.tick(o.size ?? 0, statusCounts(counts));
      },
    });
    bar.done();
    const reportDir = values.report ? reportBase : join(reportBase, `exhibit-${report.exhibit.id}`);
    makeReportFolder(reportDir);
    writeFileSync(join(reportDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
    writeFileSync(join(reportDir, 'report.csv'), reportCsv(report), { mode: 0o600 });
    writeFileSync(join(reportDir, 'report.html'), reportHtml(report, thumbnails), { mode: 0o600 });
    const c = report.counts;
    if (values.json) io.out(JSON.stringify({ event: 'done', ...summary, counts: c, report: reportDir }));
    else {
      const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
      io.err(
        `vigil scan: ${files(c.total)} — ${c.new} new, ${c['near-duplicate']} near-duplicate, ${c.known} known, ` +
          `${c.ignorable} ignorable, ${c.error} error${c.error === 1 ? '' : 's'}` +
          `${summary.skipped ? ` (${summary.skipped} done by an earlier run)` : ''}.`,
      );
      for (const e of errorCauses(report.files)) io.err(`vigil scan: ${files(e.files)}: ${e.cause}`);
      for (const n of missingToolNotes(report.files)) io.err(`vigil scan: ${files(n.files)}: ${n.cause}`);
      if (summary.stopped)
        io.err(
          'vigil scan: stopped before the end: the report holds only the files done so far; run the same command again to finish.',
        );
      io.err(`vigil scan: report in ${reportDir}`);
    }
    if (summary.stopped) return EXIT.partial;
    return c.error > 0 ? EXIT.partial : EXIT.ok;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
