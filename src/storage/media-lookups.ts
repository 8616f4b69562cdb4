/**
 * The media repository's hot point lookups, compiled once per dialect (see prepared-query.ts).
 */
import { PreparedQuery } from './prepared-query.js';

export const MEDIA_SELECT = [
  'media.id',
  'media.sha256',
  'media.md5',
  'media.sha1',
  'media.size',
  'media.mime',
  'media.width',
  'media.height',
  'media.duration_ms',
  'media.created_at',
] as const;

export const BY_SHA256 = new PreparedQuery(1, (db, sha256) =>
  db.selectFrom('media').select(MEDIA_SELECT).where('media.sha256', '=', sha256),
);

export const BY_MD5 = new PreparedQuery(1, (db, md5) =>
  db.selectFrom('media').select(MEDIA_SELECT).where('media.md5', '=', md5).orderBy('media.id'),
);

export const BY_SHA1 = new PreparedQuery(1, (db, sha1) =>
  db.selectFrom('media').select(MEDIA_SELECT).where('media.sha1', '=', sha1).orderBy('media.id'),
);

export const BY_SIGNAL = new PreparedQuery(2, (db, type, value) =>
  db
    .selectFrom('signals')
    .innerJoin('media', 'media.id', 'signals.media_id')
    .select(MEDIA_SELECT)
    .select([
      'signals.id as signal_id',
      'signals.type as signal_type',
      'signals.value as signal_value',
      'signals.quality as signal_quality',
    ])
    .where('signals.type', '=', type)
    .where('signals.value', '=', value)
    .orderBy('media.id'),
);
