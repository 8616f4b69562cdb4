/**
 * A triage reason in the app's language. The hub sends each reason as an English sentence built
 * from fixed templates (src/ingest/triage.ts, scan-file.ts) with no code beside it, and keeps it
 * so in stored scan results; the web recognises those templates and says them with its catalogue.
 * What they carry — hash-set names, paths, serials, error causes — stays exactly as sent; a
 * sentence this build does not recognise is shown as the hub wrote it.
 */
import type { MessageKey } from './en.js';
import type { CountKey } from './en-counts.js';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
type Count = (key: CountKey, n: number, vars?: Record<string, string | number>) => string;

const VARIANTS = {
  ', rotated 90°': 'reason.variant.rot90',
  ', rotated 180°': 'reason.variant.rot180',
  ', rotated 270°': 'reason.variant.rot270',
  ', mirrored left-right': 'reason.variant.flipx',
  ', mirrored top-bottom': 'reason.variant.flipy',
  ', mirrored on the diagonal': 'reason.variant.flipplus1',
  ', mirrored on the anti-diagonal': 'reason.variant.flipminus1',
} as const satisfies Record<string, MessageKey>;

const FAILED_STEPS = {
  read: 'reason.failed.read',
  decode: 'reason.failed.decode',
  video: 'reason.failed.video',
  metadata: 'reason.failed.metadata',
} as const satisfies Record<string, MessageKey>;

const HASH = '(SHA-256|SHA-1|MD5)';
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const VARIANT = `(${Object.keys(VARIANTS).map(literal).join('|')})?`;

function whereText(where: string, t: Translate): string | undefined {
  const media = /^media #(\d+)$/.exec(where);
  if (media) return t('reason.where.media', { id: media[1] ?? '' });
  if (where === 'a hash set shared as hashes only') return t('reason.where.hashOnly');
  const set = /^hash set "(.*)"$/s.exec(where);
  return set ? t('reason.where.hashSet', { name: set[1] ?? '' }) : undefined;
}

/** A reason that may end in " (category X)": exact and near matches. */
function matchText(reason: string, t: Translate, count: Count): string | undefined {
  const exact = new RegExp(`^${HASH} matches (.+)$`, 's').exec(reason);
  if (exact) {
    const where = whereText(exact[2] ?? '', t);
    return where && t('reason.exact', { hash: exact[1] ?? '', where });
  }
  const near = new RegExp(`^PDQ within (\\d+) bits of (.+?)${VARIANT}$`, 's').exec(reason);
  if (near) {
    const where = whereText(near[2] ?? '', t);
    const variant = near[3] ? t(VARIANTS[near[3] as keyof typeof VARIANTS]) : '';
    return where && t('reason.near', { bits: count('count.bits', Number(near[1])), where, variant });
  }
  return undefined;
}

function otherText(reason: string, t: Translate, count: Count): string | undefined {
  if (reason === 'no exact or near-duplicate match') return t('reason.noMatch');
  if (reason === 'no exact match; not compared for near-duplicates') return t('reason.notCompared');
  const good = new RegExp(`^${HASH} is in known-good (.+)$`, 's').exec(reason);
  if (good) {
    const where = whereText(good[2] ?? '', t);
    return where && t('reason.knownGood', { hash: good[1] ?? '', where });
  }
  const video =
    /^vPDQ: (\d+)% of this video's frames are in media #(\d+)(?: \(its ([\d:]+)–([\d:]+)\))?; (\d+)% of its frames are here$/.exec(
      reason,
    );
  if (video) {
    const range = video[3] ? t('reason.videoRange', { from: video[3], to: video[4] ?? '' }) : '';
    return t('reason.video', { query: video[1] ?? '', id: video[2] ?? '', range, compared: video[5] ?? '' });
  }
  const camera = /^camera serial (.+) also on (\d+) known media items?$/s.exec(reason);
  if (camera)
    return t('reason.camera', { serial: camera[1] ?? '', media: count('count.knownMedia', Number(camera[2])) });
  const same = /^same content as (.+)$/s.exec(reason);
  if (same) return t('reason.sameContent', { path: same[1] ?? '' });
  const damaged = /^video damaged: ffmpeg decoded around (\d+) problems?: (.*)$/s.exec(reason);
  if (damaged) {
    return t('reason.videoDamaged', { problems: count('count.problems', Number(damaged[1])), list: damaged[2] ?? '' });
  }
  const failed = /^(read|decode|video|metadata) failed: (.*)$/s.exec(reason);
  if (failed) return t(FAILED_STEPS[failed[1] as keyof typeof FAILED_STEPS], { message: failed[2] ?? '' });
  return undefined;
}

/** The reason in the language of `t` and `count`; the hub's sentence where it is not one of the known templates. */
export function reasonText(reason: string, t: Translate, count: Count): string {
  const category = /^(.*) \(category (.+)\)$/s.exec(reason);
  if (category) {
    const text = matchText(category[1] ?? '', t, count);
    if (text) return t('reason.category', { text, category: category[2] ?? '' });
  }
  return matchText(reason, t, count) ?? otherText(reason, t, count) ?? reason;
}
