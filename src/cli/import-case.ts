/**
 * `vigil import --case REF <file>`: a VICS case export into one of the local unit's cases (see
 * vics-case-import.service.ts). Each rejected entry is named with its index and reason.
 */
import { AppError, EXIT } from '../domain/app-error.js';
import { importFormatFor } from '../formats/format-registry.js';
import { withLocalUnit } from '../services/local-unit.js';
import { importVicsCase } from '../services/vics-case-import.service.js';
import type { CliIo } from './cli-io.js';
import { dataDirOf } from './data-dir.js';
import { createProgressBar } from './progress-bar.js';

interface CaseOptions {
  case?: string;
  format?: string;
  scheme?: string;
  db?: string;
  json?: boolean;
}

export async function importCase(path: string, values: CaseOptions, io: CliIo): Promise<number> {
  const format = await importFormatFor(values.format ?? 'auto', path);
  if (format.name !== 'vics') {
    throw new AppError(
      'bad-usage',
      `--case reads Project VIC VICS JSON case exports; this file reads as ${format.name}.`,
    );
  }
  const bar =
    !values.json && io.errStream?.isTTY
      ? createProgressBar({ total: 0, label: 'import', unit: 'entries', stream: io.errStream })
      : null;
  const summary = await withLocalUnit(dataDirOf(values.db), process.env, ({ database, agencyId }) =>
    importVicsCase({
      db: database.db,
      dialect: database.dialect,
      agencyId,
      path,
      caseReference: values.case as string,
      scheme: values.scheme ?? null,
      onEntry: () => bar?.tick(),
      onRejected: (item) => {
        if (values.json)
          io.out(JSON.stringify({ event: 'rejected', entry: item.line, code: item.code, reason: item.reason }));
        else {
          bar?.clear();
          io.err(`vigil import: entry ${item.line}: ${item.code}: ${item.reason}`);
        }
      },
    }),
  );
  bar?.done();
  if (values.json) io.out(JSON.stringify({ event: 'done', ...summary }));
  else {
    const s = summary;
    io.err(
      `vigil import: ${s.accepted} entries accepted (${s.duplicates} already in the case), ${s.rejected} rejected; ` +
        `case "${s.caseReference}": ${s.mediaAdded} media added, ${s.mediaFound} already known, ` +
        `${s.withoutMedia} kept without a media record (no SHA-256, MD5, SHA-1 or size), ${s.sightings} file entries, ${s.series} series.`,
    );
  }
  return summary.rejected > 0 ? EXIT.partial : EXIT.ok;
}
