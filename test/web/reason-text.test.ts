/**
 * Triage reasons in the app's language (i18n/reason-text.ts): every sentence the hub's triage
 * writes is recognised — English comes back as the hub wrote it, Arabic in the catalogue's words
 * with names, paths and causes kept — and a sentence the web does not know is shown as sent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type TriageInput, triage } from '../../src/ingest/triage.js';
import { ar } from '../../web/src/i18n/ar.js';
import { arCounts } from '../../web/src/i18n/ar-counts.js';
import { en, type MessageKey } from '../../web/src/i18n/en.js';
import { type CountKey, enCounts } from '../../web/src/i18n/en-counts.js';
import { pluralText } from '../../web/src/i18n/plural.js';
import { reasonText } from '../../web/src/i18n/reason-text.js';
import { translate } from '../../web/src/i18n/translate.js';

type Vars = Record<string, string | number>;
const inEnglish = (r: string) =>
  reasonText(
    r,
    (k: MessageKey, v?: Vars) => translate(en, k, v),
    (k: CountKey, n: number, v?: Vars) => pluralText('en', enCounts[k], n, v),
  );
const inArabic = (r: string) =>
  reasonText(
    r,
    (k: MessageKey, v?: Vars) => translate(ar, k, v),
    (k: CountKey, n: number, v?: Vars) => pluralText('ar', arCounts[k], n, v),
  );

const set = (name: string | null, ignorable = false) => ({ kind: 'hash-set' as const, name, ignorable });
const none: TriageInput = { identified: true, exact: [], near: [], camera: [] };
const INPUTS: TriageInput[] = [
  none,
  { ...none, exact: [{ source: { kind: 'media', mediaId: 7 }, hash: 'sha256', category: 'VIC 1' }] },
  {
    ...none,
    exact: [
      { source: set('Known "old" list'), hash: 'md5' },
      { source: set(null), hash: 'sha1', category: '2' },
    ],
  },
  { ...none, exact: [{ source: set('NSRL', true), hash: 'sha1' }] },
  { ...none, near: [{ source: { kind: 'media', mediaId: 3 }, distance: 12, variant: 'rot90', category: 'B' }] },
  {
    ...none,
    near: [
      { source: set('S'), distance: 4, variant: 'orig' },
      { source: set(null), distance: 30, variant: 'flipminus1' },
    ],
  },
  {
    ...none,
    videos: [{ mediaId: 9, queryPercent: 81.4, comparedPercent: 12, comparedRange: { start: 5, end: 3700 } }],
  },
  { ...none, videos: [{ mediaId: 10, queryPercent: 100, comparedPercent: 100 }] },
  {
    ...none,
    camera: [
      { serial: 'SN 123', mediaIds: [1] },
      { serial: 'X9', mediaIds: [1, 2, 3] },
    ],
  },
  { ...none, failure: { step: 'decode', message: 'not a picture it can read' } },
  { ...none, identified: false, failure: { step: 'read', message: 'permission denied' } },
  {
    ...none,
    notes: ['metadata failed: ExifTool timed out', 'video damaged: ffmpeg decoded around 2 problems: a; b'],
  },
];

describe('web: triage reasons', () => {
  const reasons = INPUTS.flatMap((input) => triage(input).reasons);
  reasons.push('same content as folder/a.jpg');

  it('recognises every sentence the hub writes: English unchanged, Arabic in the catalogue’s words', () => {
    assert.ok(reasons.length >= 15, `${reasons.length} reasons`);
    for (const reason of reasons) {
      assert.equal(inEnglish(reason), reason);
      const arabic = inArabic(reason);
      assert.notEqual(arabic, reason, `said in Arabic: ${reason}`);
      assert.match(arabic, /[\u0600-\u06ff]/, arabic);
    }
  });

  it('keeps what the reason carries and uses the Arabic plural forms', () => {
    assert.equal(
      inArabic('SHA-256 matches media #7 (category VIC 1)'),
      'بصمة SHA-256 تطابق الوسيط رقم 7 (الفئة VIC 1)',
    );
    assert.match(inArabic('MD5 matches hash set "Known "old" list"'), /مجموعة البصمات "Known "old" list"/);
    assert.match(inArabic('camera serial X9 also on 2 known media items'), /X9 .*وسيطين معروفين$/);
    assert.match(
      inArabic('PDQ within 12 bits of media #3, rotated 90° (category B)'),
      /بتًّا من الوسيط رقم 3، بعد تدويرها 90° \(الفئة B\)$/,
    );
    assert.equal(inArabic('decode failed: not a picture it can read'), 'تعذّر فك الترميز: not a picture it can read');
    assert.equal(inArabic('same content as folder/a.jpg'), 'المحتوى نفسه في folder/a.jpg');
  });

  it('shows a sentence it does not recognise as the hub wrote it', () => {
    for (const reason of [
      'matched by a new signal',
      'SHA-512 matches media #1',
      'PDQ within 3 bits of somewhere',
      'zip failed: x',
    ]) {
      assert.equal(inArabic(reason), reason);
    }
  });
});
