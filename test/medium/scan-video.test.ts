/**
 * Videos in a scan (issue #8): a video gets its digests, vPDQ frame list, facts, a poster and
 * stills; a re-encoded, grey copy in a later exhibit is a near-duplicate naming the known video
 * and where in it the match lies, with a `vpdq` match carrying both percentages and time ranges;
 * an unrelated video is new; a damaged one keeps its digests and says why it has no vPDQ; an
 * upload held in memory is hashed through a temp file that is gone afterwards.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { text as textOf } from 'node:stream/consumers';
import { after, before, it } from 'node:test';
import { vicsTime } from '../../src/formats/vics-hash-list.js';
import { KnownVideos } from '../../src/ingest/known-videos.js';
import { CSV_COLUMNS, reportCsv } from '../../src/ingest/report/report-csv.js';
import { reportHtml } from '../../src/ingest/report/report-html.js';
import { buildReport } from '../../src/ingest/report/scan-report.js';
import { scanExhibit } from '../../src/ingest/scan.service.js';
import { finishFile, prepareFile, type ScanTarget } from '../../src/ingest/scan-file.js';
import { clock } from '../../src/ingest/triage.js';
import { exportHashList } from '../../src/services/hash-list-export.service.js';
import { AgencyRepository } from '../../src/storage/agency.repository.js';
import { type BlobStores, openBlobStores } from '../../src/storage/blob-store.js';
import { CaseRepository } from '../../src/storage/case.repository.js';
import { MatchRepository } from '../../src/storage/match.repository.js';
import { MediaRepository } from '../../src/storage/media.repository.js';
import { MediaThumbnailRepository } from '../../src/storage/media-thumbnail.repository.js';
import { MediaVideoRepository } from '../../src/storage/media-video.repository.js';
import { ScanFileRepository } from '../../src/storage/scan-file.repository.js';
import { H264, makeVideo, transcode, videoFolder } from '../support/generated-videos.js';
import { describeEachDialect } from './dialect-harness.js';

const folder = videoFolder('vigil-scan-video-');
after(folder.remove);
const at = (name: string) => join(folder.dir, name);
let blobs: BlobStores;

before(async () => {
  makeVideo(at('original.mp4'), { seconds: 6, width: 320, height: 240 });
  transcode(at('original.mp4'), at('grey-copy.avi'), ['-vf', 'scale=240:180,hue=s=0', '-c:v', 'mpeg4', '-q:v', '4']);
  transcode(at('original.mp4'), at('small-copy.mkv'), [
    '-vf',
    'scale=200:150',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
  ]);
  makeVideo(at('other.mp4'), { source: 'smptebars', seconds: 5, width: 320, height: 240 });
  // The first 2 KiB of a video: the container's start, nothing decodable.
  writeFileSync(at('damaged.mp4'), readFileSync(at('other.mp4')).subarray(0, 2048));
  // Index first, then cut in half: the first half still decodes, and ffmpeg reports the cut.
  makeVideo(at('faststart.mp4'), {
    source: 'testsrc',
    seconds: 8,
    codecArgs: [...H264, '-movflags', '+faststart'],
  });
  const whole = readFileSync(at('faststart.mp4'));
  writeFileSync(at('cut-short.mp4'), whole.subarray(0, Math.floor(whole.length / 2)));
  blobs = await openBlobStores(join(folder.dir, 'data'));
});

describeEachDialect('videos in a scan', (suite) => {
  const db = () => suite.database.db;
  let agencyId = 0;

  async function exhibit(label: string) {
    if (!agencyId) agencyId = (await new AgencyRepository(db()).create({ countryCode: 'NO', name: 'Video unit' })).id;
    const cases = new CaseRepository(db());
    const c = await cases.createCase({ agencyId, reference: `V-${label}`, title: 'Videos' });
    const made = await cases.createExhibit({ caseId: c.id, label });
    await new Promise((r) => setTimeout(r, 5)); // media stored from now on were not known before it
    return made;
  }
  const scan = async (label: string, names: string[]) => {
    const ex = await exhibit(label);
    const files = names.map((n) => ({ path: at(n), logicalPath: n }));
    await scanExhibit(db(), suite.dialect, ex, files, { thumbnails: blobs.thumbnails });
    const rows = await new ScanFileRepository(db()).list(ex.id);
    return Object.fromEntries(rows.map((r) => [r.path, r]));
  };

  it('stores a video with its vPDQ, facts, poster and stills; a grey re-encode is a near-duplicate of it', async () => {
    const first = await scan('first', ['original.mp4']);
    const original = first['original.mp4'];
    assert.equal(original.status, 'new', original.reasons.join(' | '));
    const mediaId = original.mediaId as number;
    const media = await new MediaRepository(db(), suite.dialect).findById(mediaId);
    assert.deepEqual([media?.mime, media?.width, media?.height], ['video/mp4', 320, 240]);
    const video = await new MediaVideoRepository(db()).get(mediaId);
    assert.ok(video);
    assert.equal(video.facts.codec, 'h264');
    assert.equal(video.frames, 6);
    assert.equal(video.vpdq.trim().split('\n').length, 6);
    assert.ok(video.stills.length >= 2, 'stills spread over the video');
    for (const s of video.stills) assert.ok(await blobs.thumbnails.has(s.blobSha256), 'still blob stored');
    const [detail] = await new ScanFileRepository(db()).listDetailed(original.exhibitId);
    assert.deepEqual(
      detail.stills.map((s) => s.sha256),
      video.stills.map((s) => s.blobSha256),
      'the report lists the stills',
    );
    const poster = await new MediaThumbnailRepository(db()).get(mediaId);
    assert.ok(poster && (await blobs.thumbnails.has(poster.blobSha256)), 'the poster is the thumbnail');

    const second = await scan('second', ['grey-copy.avi', 'other.mp4', 'damaged.mp4']);
    const copy = second['grey-copy.avi'];
    assert.equal(copy.status, 'near-duplicate', copy.reasons.join(' | '));
    assert.match(
      copy.reasons[0],
      new RegExp(`^vPDQ: \\d+% of this video's frames are in media #${mediaId} \\(its 0:00–0:0\\d\\)`),
    );
    assert.equal(second['other.mp4'].status, 'new', second['other.mp4'].reasons.join(' | '));
    const damaged = second['damaged.mp4'];
    assert.equal(damaged.status, 'error', 'not decodable and no exact hit: it could not be sorted');
    assert.ok(damaged.sha256, 'a damaged video keeps its digests');
    assert.match(damaged.reasons.join(' | '), /video failed: /);

    const [match] = await new MatchRepository(db(), suite.dialect).listForAgency(agencyId, 'pending');
    assert.deepEqual([match?.kind, match?.mediaId, match?.otherMediaId], ['vpdq', copy.mediaId, mediaId]);
    assert.ok(match?.details && match.details.queryPercent >= 80, JSON.stringify(match?.details));
    assert.equal(match.overlap, Math.round(match.details.queryPercent * 100) / 10_000);
    assert.ok(match.details.comparedRanges[0].end > match.details.comparedRanges[0].start);

    // A VICS export of the case carries the matched stretch as Segments; a hash-only one does not.
    const exported = async (hashOnly: boolean) => {
      const out = new PassThrough();
      const text = textOf(out as Readable);
      await exportHashList({
        db: db(),
        dialect: suite.dialect,
        agencyId,
        format: 'vics',
        source: { case: 'V-second' },
        hashOnly,
        out,
      });
      out.end();
      return JSON.parse(await text) as {
        value: {
          AlternativeHashes?: { HashName: string; HashValue: string }[];
          Segments?: { Start: string; End: string }[];
        }[];
      };
    };
    const full = await exported(false);
    const copyEntry = full.value.find((m) =>
      m.AlternativeHashes?.some((h) => h.HashName === 'SHA256' && h.HashValue === copy.sha256),
    );
    const range = match.details.queryRanges[0];
    assert.deepEqual(
      copyEntry?.Segments?.map((g) => [g.Start, g.End]),
      [[vicsTime(range.start), vicsTime(range.end)]],
    );
    assert.equal(full.value.filter((m) => m.Segments?.length).length, 1, 'only the matched video has segments');
    assert.ok(
      (await exported(true)).value.every((m) => !m.Segments?.length),
      'hash-only: no segments',
    );

    // The scan report carries the match's overlap and where it lies in both videos.
    const report = buildReport('V-second', { id: copy.exhibitId, label: 'second' }, [
      ...(await new ScanFileRepository(db()).listDetailed(copy.exhibitId)),
    ]);
    const file = report.files.find((f) => f.path === 'grey-copy.avi');
    const [reported] = file?.matches ?? [];
    assert.deepEqual(
      [reported?.kind, reported?.mediaId, reported?.queryPercent, reported?.comparedPercent],
      ['vpdq', mediaId, match.details.queryPercent, match.details.comparedPercent],
    );
    assert.deepEqual(
      [reported.queryRanges, reported.comparedRanges],
      [match.details.queryRanges, match.details.comparedRanges],
    );
    assert.equal(file?.video?.codec, 'mpeg4');
    const spans = (rs: { start: number; end: number }[]) =>
      rs.map((r) => `${clock(r.start)}–${clock(r.end)}`).join(', ');
    const html = reportHtml(report);
    assert.ok(
      html.includes(`${Math.floor(reported.queryPercent ?? 0)}% of this video (${spans(match.details.queryRanges)})`),
      'the HTML report says the overlap and the stretch in this video',
    );
    assert.ok(html.includes(`% of that one (its ${spans(match.details.comparedRanges)})`), 'and in the known one');
    const csv = reportCsv(report).split('\r\n');
    const cells = csv.find((l) => l.includes(',grey-copy.avi,'))?.split(',') ?? [];
    const column = (name: string) => cells[CSV_COLUMNS.indexOf(name)];
    assert.deepEqual(
      [column('match_kind'), column('match_target'), Number(column('match_overlap_percent'))],
      ['vpdq', `media #${mediaId}`, match.details.queryPercent],
    );
  });

  it('a cut-short video that still decodes is sorted, says it is damaged, and its facts reach the report', async () => {
    const ex = await exhibit('cut');
    await scanExhibit(db(), suite.dialect, ex, [{ path: at('cut-short.mp4'), logicalPath: 'cut-short.mp4' }]);
    const [row] = await new ScanFileRepository(db()).listDetailed(ex.id);
    assert.notEqual(row.status, 'error', row.reasons.join(' | '));
    assert.match(row.reasons.at(-1) ?? '', /^video damaged: ffmpeg decoded around \d+ problems?: ./);
    assert.ok(!row.reasons.join(' ').includes(folder.dir), 'the note names no path');
    const report = buildReport('V-cut', ex, [row]);
    assert.equal(report.files[0].video?.codec, 'h264');
    assert.ok((report.files[0].video?.durationSeconds ?? 0) > 0, JSON.stringify(report.files[0].video));
    assert.equal(report.files[0].video?.frameRate, 25);
  });

  it('hashes a video held in memory through a private temp file that is removed afterwards', async () => {
    const ex = await exhibit('memory');
    const tempDir = join(folder.dir, `tmp-${suite.dialect}`);
    const target: ScanTarget = {
      db: db(),
      dialect: suite.dialect,
      agencyId,
      exhibitId: ex.id,
      startedAt: Date.now(),
      threshold: 31,
      minQuality: 50,
      videos: new KnownVideos(db()),
      tempDir,
    };
    const data = readFileSync(at('small-copy.mkv'));
    const prepared = await prepareFile(target, { path: '', data, logicalPath: 'upload/small-copy.mkv' });
    assert.ok(prepared.video, prepared.videoError);
    assert.deepEqual(readdirSync(tempDir), [], 'no temp file left');
    const outcome = await finishFile(target, { near: () => [] }, prepared);
    assert.equal(outcome.status, 'near-duplicate', outcome.reasons.join(' | '));
    assert.match(outcome.reasons[0], /^vPDQ: \d+% of this video's frames are in media #\d+/);
  });
});
