/**
 * `createApp(config)`: the one place where Vigil's parts are wired (DESIGN.md §3), used by
 * `vigil serve`, the workers and tests. Opens the database (migrating it), builds the services
 * with the repositories they use, and closes everything in reverse order.
 */

import { join } from 'node:path';
import { SqlJobQueue } from './jobs/sql-job-queue.js';
import { AgencyAdminService } from './services/agency-admin.service.js';
import { AlertService } from './services/alert.service.js';
import { ApiKeyService } from './services/api-key.service.js';
import { AuditQueryService } from './services/audit-query.service.js';
import { AuthService } from './services/auth.service.js';
import { BootstrapService } from './services/bootstrap.service.js';
import { CaseService } from './services/case.service.js';
import { ExhibitService } from './services/exhibit.service.js';
import { ExposureService } from './services/exposure.service.js';
import { HashSetAdminService } from './services/hash-set-admin.service.js';
import { LinkService } from './services/link.service.js';
import { LookupService } from './services/lookup.service.js';
import { MediaCategoryService } from './services/media-category.service.js';
import { MediaViewService } from './services/media-view.service.js';
import { NoteService } from './services/note.service.js';
import { PartnerKeyService } from './services/partner-key.service.js';
import { type PdqIndexOptions, PdqIndexService } from './services/pdq-index.service.js';
import { PersonService } from './services/person.service.js';
import { PersonalTokenService } from './services/personal-token.service.js';
import { PlaceService } from './services/place.service.js';
import { PrincipalService } from './services/principal.service.js';
import { SeriesService } from './services/series.service.js';
import { StatsService } from './services/stats.service.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits, UploadService } from './services/upload.service.js';
import { SESSION_EXPIRY_MS, UploadSessionService } from './services/upload-session.service.js';
import { UserAdminService } from './services/user-admin.service.js';
import { VerdictService } from './services/verdict.service.js';
import { createSignalRegistry, defaultSignalTypes } from './signals/registry.js';
import { AuditRepository } from './storage/audit.repository.js';
import { BLOB_KEY_FILE_NAME, loadBlobKey } from './storage/blob-key.js';
import { type BlobStores, openBlobStores } from './storage/blob-store.js';
import type { DatabaseConfig } from './storage/database.config.js';
import { createDatabase, type VigilDatabase } from './storage/database.js';

export interface AppConfig {
  database: DatabaseConfig;
  /** Where blobs, snapshots and the SQLite file live. */
  dataDir: string;
  /** The clock (tests move it). */
  now?: () => number;
  /** Upload limits (largest file, files per request); defaults in upload.service.ts. */
  uploads?: Partial<UploadLimits>;
  /** How long a hub process holds a resumable upload session it writes, unrenewed (ms; default 30 s, upload-lease.ts). */
  uploadLeaseMs?: number;
  /** PDQ index tuning (worker threads, the index size from which bulk queries use them). */
  pdq?: Pick<PdqIndexOptions, 'threads' | 'poolMinHashes'>;
}

export interface VigilApp {
  readonly config: AppConfig;
  readonly database: VigilDatabase;
  readonly auth: AuthService;
  readonly principals: PrincipalService;
  readonly bootstrap: BootstrapService;
  readonly apiKeys: ApiKeyService;
  readonly agencyAdmin: AgencyAdminService;
  readonly userAdmin: UserAdminService;
  readonly partnerKeys: PartnerKeyService;
  /** Users' own bearer tokens: list and revoke (admins: their agency's users' too). */
  readonly personalTokens: PersonalTokenService;
  readonly cases: CaseService;
  readonly exhibits: ExhibitService;
  readonly mediaViews: MediaViewService;
  readonly auditQueries: AuditQueryService;
  readonly stats: StatsService;
  readonly exposure: ExposureService;
  readonly mediaCategories: MediaCategoryService;
  readonly series: SeriesService;
  readonly alerts: AlertService;
  readonly people: PersonService;
  readonly places: PlaceService;
  readonly links: LinkService;
  readonly verdicts: VerdictService;
  readonly notes: NoteService;
  /** In-memory PDQ index of this process; loaded by `start()` (the HTTP app starts it), `refresh()` after ingest. */
  readonly pdqIndex: PdqIndexService;
  readonly lookups: LookupService;
  readonly hashSets: HashSetAdminService;
  /** Encrypted media and thumbnails under `<dataDir>/blobs/`. */
  readonly blobs: BlobStores;
  /** The job queue (ingest of uploads); worked off by a JobRunner (serve, or `vigil worker`). */
  readonly jobs: SqlJobQueue;
  readonly uploads: UploadService;
  /** Resumable uploads: a file in chunks, partial bytes under <data>/tmp/uploads. */
  readonly uploadSessions: UploadSessionService;
  close(): Promise<void>;
}

export async function createApp(config: AppConfig): Promise<VigilApp> {
  const now = config.now ?? Date.now;
  const database = await createDatabase(config.database);
  const auth = new AuthService(database, now);
  const principals = new PrincipalService(database, now);
  const bootstrap = new BootstrapService(database, auth);
  const apiKeys = new ApiKeyService(database, principals, now);
  const agencyAdmin = new AgencyAdminService(database, auth, now);
  const userAdmin = new UserAdminService(database, auth, principals, now);
  const partnerKeys = new PartnerKeyService(apiKeys);
  const personalTokens = new PersonalTokenService(database, apiKeys);
  const cases = new CaseService(database, now);
  const exhibits = new ExhibitService(database, now);
  const pdqIndex = new PdqIndexService(database, { ...config.pdq, dir: join(config.dataDir, 'indexes') });
  const lookups = new LookupService(database, pdqIndex, createSignalRegistry(defaultSignalTypes()), now);
  const hashSets = new HashSetAdminService(database, pdqIndex, now);
  const audit = new AuditRepository(database.dialect, now);
  const series = new SeriesService(database.db, audit, now);
  const alerts = new AlertService(database.db, audit, now);
  const people = new PersonService(database.db, audit, alerts, now);
  const places = new PlaceService(database.db, database.dialect, audit, now);
  const links = new LinkService(database.db, audit, alerts, now);
  const verdicts = new VerdictService(database.db, database.dialect, audit, alerts, now);
  const notes = new NoteService(database.db, audit, now);
  const blobs = await openBlobStores(config.dataDir);
  const mediaViews = new MediaViewService(database, blobs, now);
  const auditQueries = new AuditQueryService(database, now);
  const stats = new StatsService(database, now);
  const exposure = new ExposureService(database, now);
  const mediaCategories = new MediaCategoryService(database, now);
  const jobs = new SqlJobQueue(database.db, database.dialect, { now });
  const uploads = new UploadService(database.db, blobs.media, jobs, new AuditRepository(database.dialect, now), {
    ...DEFAULT_UPLOAD_LIMITS,
    ...config.uploads,
  });
  const uploadSessions = new UploadSessionService(
    database.db,
    uploads,
    join(config.dataDir, 'tmp', 'uploads'),
    loadBlobKey(join(config.dataDir, BLOB_KEY_FILE_NAME)),
    now,
    SESSION_EXPIRY_MS,
    config.uploadLeaseMs,
  );
  uploadSessions.startSweep();
  return {
    config,
    database,
    auth,
    principals,
    bootstrap,
    apiKeys,
    agencyAdmin,
    userAdmin,
    partnerKeys,
    personalTokens,
    cases,
    exhibits,
    mediaViews,
    auditQueries,
    stats,
    exposure,
    mediaCategories,
    series,
    alerts,
    people,
    places,
    links,
    verdicts,
    notes,
    pdqIndex,
    lookups,
    hashSets,
    blobs,
    jobs,
    uploads,
    uploadSessions,
    async close() {
      await uploadSessions.close();
      await pdqIndex.close();
      await database.destroy();
    },
  };
}
