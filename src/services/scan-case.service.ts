/**
 * `vigil scan` as a use case: open the embedded database (or DATABASE_URL's), find or create the
 * local unit, the case and the exhibit, scan the given paths into it (resuming an earlier run of
 * the same command), and build the report. The exhibit is named by the absolute paths scanned, so
 * running the same command again finds it and carries on.
 */
import { dirname, resolve } from 'node:path';
import type { Exhibit } from '../domain/case.record.js';
import { loadMatchContext } from '../ingest/report/match-context.js';
import { buildReport, type ScanReport } from '../ingest/report/scan-report.js';
import { type ScanSummary, scanExhibit } from '../ingest/scan.service.js';
import type { FileOutcome, ScanInputFile } from '../ingest/scan-file.js';
import { type WalkOptions, walkSource } from '../ingest/sources/index.js';
import { encodeName } from '../ingest/sources/logical-name.js';
import { closeMetadataReader } from '../media/metadata.js';
import { type BlobStore, openBlobStores } from '../storage/blob-store.js';
import { CaseRepository } from '../storage/case.repository.js';
import { databaseConfigFromEnv } from '../storage/database.config.js';
import { createDatabase, type VigilDatabase } from '../storage/database.js';
import { ScanFileRepository } from '../storage/scan-file.repository.js';
import { localUnit } from './local-unit.js';

export interface ScanCaseRequest {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  caseReference: string;
  paths: readonly string[];
  threshold?: number;
  /** Archive levels opened (ingest/sources WalkOptions.maxDepth; default 3). */
  maxDepth?: number;
  /** Decode worker threads (default: one per core; 0: on the main thread). */
  workers?: number;
  onFile?(outcome: FileOutcome): void;
  signal?: AbortSignal;
  /** Called with the open database before the exhibit is made (the demo loads its lists here). */
  prepare?(database: VigilDatabase): Promise<void>;
}

export interface ScanCaseResult {
  summary: ScanSummary;
  report: ScanReport;
  /** data: URIs of the thumbnails the HTML report shows (blurred), by thumbnail SHA-256. */
  thumbnails: Map<string, string>;
}

/** Thumbnails embedded in report.html, in review order (new first); the rest are in the database. */
export const MAX_REPORT_THUMBNAILS = 2_000;

async function reportThumbnails(store: BlobStore, report: ScanReport): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of report.files) {
    for (const t of [...(f.thumbnail ? [f.thumbnail] : []), ...f.stills]) {
      if (out.size >= MAX_REPORT_THUMBNAILS) return out;
      if (out.has(t.sha256)) continue;
      const bytes = await store.get(t.sha256);
      out.set(t.sha256, `data:${t.mime};base64,${bytes.toString('base64')}`);
    }
  }
  return out;
}

/**
 * Every file under the roots, archives opened (ingest/sources): keyed by the root's folder plus
 * the path inside it (`/evidence/laptop/a.zip!/b.jpg`), so each file has one stable key. An
 * archive that is hashed as a file but cannot be opened (nested too deep, a bomb, corrupt) is
 * reported by the walk at its own path, after it: that error gets the key of the archive's
 * contents (`a.zip!/`), its own row, so it is not taken for the file already scanned there.
 */
export async function* sourceFiles(roots: readonly string[], options: WalkOptions): AsyncGenerator<ScanInputFile> {
  const handedOut = new Set<string>();
  for (const root of roots) {
    // The parent folder's names are encoded like the walk's, so a `!` in them never reads as an archive level.
    const parent = dirname(root)
      .split('/')
      .map((name) => encodeName(Buffer.from(name)))
      .join('/')
      .replace(/^\/$/, '');
    for await (const item of walkSource(root, options)) {
      const logicalPath = `${parent}/${item.logicalPath}`;
      if (item.kind === 'error') {
        const key = handedOut.has(logicalPath) ? `${logicalPath}!/` : logicalPath;
        yield { path: '', logicalPath: key, failure: `${item.reason} (${item.code})` };
      } else {
        handedOut.add(logicalPath);
        yield {
          path: item.path,
          ...(item.listed && { listed: item.listed }),
          logicalPath,
          modifiedAt: item.mtime ?? null,
          release: () => item.release(),
        };
      }
    }
  }
}

async function exhibitFor(database: VigilDatabase, caseReference: string, label: string): Promise<Exhibit> {
  const agency = await localUnit(database);
  const cases = new CaseRepository(database.db);
  const found = (await cases.listCases(agency.id)).find((c) => c.reference === caseReference);
  const theCase =
    found ?? (await cases.createCase({ agencyId: agency.id, reference: caseReference, title: caseReference }));
  const exhibit = (await cases.listExhibits(theCase.id)).find((e) => e.label === label);
  return exhibit ?? cases.createExhibit({ caseId: theCase.id, label, kind: 'files' });
}

export async function scanCase(request: ScanCaseRequest): Promise<ScanCaseResult> {
  const database = await createDatabase(databaseConfigFromEnv(request.env, request.dataDir));
  try {
    await request.prepare?.(database);
    const roots = request.paths.map((p) => resolve(p));
    const exhibit = await exhibitFor(database, request.caseReference, roots.join(', '));
    // Only what was given: an undefined limit would replace the walk's default.
    const files = sourceFiles(roots, request.maxDepth === undefined ? {} : { maxDepth: request.maxDepth });
    const blobs = await openBlobStores(request.dataDir);
    const summary = await scanExhibit(database.db, database.dialect, exhibit, files, {
      thumbnails: blobs.thumbnails,
      threshold: request.threshold,
      workers: request.workers,
      onFile: request.onFile,
      signal: request.signal,
    });
    const rows = await new ScanFileRepository(database.db).listDetailed(exhibit.id);
    const context = await loadMatchContext(
      database.db,
      exhibit.agencyId,
      rows.flatMap((r) => r.matches ?? []),
    );
    const report = buildReport(request.caseReference, { id: exhibit.id, label: exhibit.label }, rows, { context });
    return { summary, report, thumbnails: await reportThumbnails(blobs.thumbnails, report) };
  } finally {
    await closeMetadataReader();
    await database.destroy();
  }
}
