/**
 * Every migration, in order. A static list (no directory scanning at run time), so it works the
 * same under tsx, in a bundle and in tests. Forward-only: add a new file, never edit a shipped one.
 */
import { coreMigration } from './0001-core.migration.js';
import { recordsMigration } from './0002-records.migration.js';
import { auditMigration } from './0003-audit.migration.js';
import { scanMigration } from './0006-scan.migration.js';
import { mediaMetadataDetailsMigration } from './0007-media-metadata-details.migration.js';
import { interopMigration } from './0008-interop.migration.js';
import { mediaThumbnailsMigration } from './0009-media-thumbnails.migration.js';
import { authMigration } from './0010-auth.migration.js';
import { auditQueriesMigration } from './0011-audit-queries.migration.js';
import { jobsMigration } from './0012-jobs.migration.js';
import { lookupIndexesMigration } from './0013-lookup-indexes.migration.js';
import { hubRecordsMigration } from './0014-hub-records.migration.js';
import { videosMigration } from './0015-videos.migration.js';
import { mediaCategoriesMigration } from './0016-media-categories.migration.js';
import { vicsCasesMigration } from './0018-vics-cases.migration.js';
import { scanFileMatchesMigration } from './0019-scan-file-matches.migration.js';
import { scanFileOrderMigration } from './0020-scan-file-order.migration.js';
import { uploadSessionsMigration } from './0021-upload-sessions.migration.js';
import { uploadSessionLeasesMigration } from './0022-upload-session-leases.migration.js';
import { apiKeyLastUsedMigration } from './0023-api-key-last-used.migration.js';
import { pgHashIndexesMigration } from './0024-pg-hash-indexes.migration.js';
import type { VigilMigration } from './column-types.js';

export const MIGRATIONS: readonly VigilMigration[] = [
  coreMigration,
  recordsMigration,
  auditMigration,
  scanMigration,
  mediaMetadataDetailsMigration,
  interopMigration,
  mediaThumbnailsMigration,
  authMigration,
  auditQueriesMigration,
  jobsMigration,
  lookupIndexesMigration,
  hubRecordsMigration,
  videosMigration,
  mediaCategoriesMigration,
  vicsCasesMigration,
  scanFileMatchesMigration,
  scanFileOrderMigration,
  uploadSessionsMigration,
  uploadSessionLeasesMigration,
  apiKeyLastUsedMigration,
  pgHashIndexesMigration,
];
