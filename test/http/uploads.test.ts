/**
 * Upload → job → media + match → alert across two agencies, on both dialects, through the real
 * API with the embedded job runner: agency A holds a picture in a series (shared hash-only) and
 * another picture's MD5 in a hash set (hash-only); agency B uploads the same picture, a JPEG of it
 * (near-duplicate), the listed picture, a new picture and a corrupt file in one request. Also:
 * who may upload where, the size limit, and the job status of another agency.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type JobWorkers, startJobWorkers } from '../../src/jobs/job-workers.js';
import { closeMetadataReader } from '../../src/media/metadata.js';
import { HashSetRepository } from '../../src/storage/hash-set.repository.js';
import { HashSetEntryRepository } from '../../src/storage/hash-set-entry.repository.js';
import {
  anExhibit,
  corruptJpeg,
  finished,
  md5,
  multipart,
  pictureJpeg,
  picturePng,
  sha256,
  upload,
} from '../jobs/upload-fixtures.js';
import { type ApiClient, describeEachServer, type Json } from '../support/http-harness.js';
import { aSeries } from '../support/hub-records.js';

const LIMIT = 512 * 1024;

after(() => closeMetadataReader());

describeEachServer(
  'uploads and ingest jobs',
  (suite) => {
    describe('with the embedded job runner', () => {
      let workers: JobWorkers;
      let agencyA = 0;
      let agencyB = 0;
      let analystA: ApiClient;
      let analystB: ApiClient;
      let viewerB: ApiClient;
      before(async () => {
        workers = await startJobWorkers(suite.vigil, { pollMs: 50 });
        agencyA = await suite.addAgency('Upload unit A', 'NL');
        agencyB = await suite.addAgency('Upload unit B', 'BE');
        analystA = await suite.addUser(agencyA, ['analyst']);
        analystB = await suite.addUser(agencyB, ['analyst']);
        viewerB = await suite.addUser(agencyB, ['viewer']);
      });
      after(() => workers.stop(5_000));

      it('matches an upload against another agency series and hash set, and alerts both agencies', async () => {
        const seen = await picturePng(101);
        const listed = await picturePng(102);
        // Agency A: a picture uploaded and put in a series; another picture's MD5 in a hash set.
        const exhibitA = await anExhibit(suite, agencyA);
        const first = await upload(analystA, exhibitA, [{ name: 'holiday/seen.png', data: seen }]);
        assert.equal(first.status, 202, JSON.stringify(first.body));
        const [own] = await finished(analystA, [first.body.jobs[0].id]);
        assert.equal(own.result.status, 'new');
        const seriesId = await aSeries(suite, agencyA, { sharing: 'hash_only', media: [own.result.mediaId] });
        const set = await new HashSetRepository(suite.vigil.database.db).create({
          agencyId: agencyA,
          name: 'Unit A list',
          source: 'test',
          sharing: 'hash_only',
        });
        await new HashSetEntryRepository(suite.vigil.database.db, suite.dialect).add(set.id, agencyA, {
          md5: md5(listed),
        });

        // Agency B uploads five files at once.
        const exhibitB = await anExhibit(suite, agencyB);
        const files = [
          { name: 'same.png', data: seen },
          { name: 'resaved.jpg', data: await pictureJpeg(101) },
          { name: 'listed.png', data: listed },
          { name: 'fresh.png', data: await picturePng(103) },
          { name: 'broken.jpg', data: corruptJpeg() },
        ];
        const accepted = await upload(analystB, exhibitB, files);
        assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
        assert.equal(accepted.body.exhibitId, exhibitB);
        assert.deepEqual(
          accepted.body.jobs.map((j: Json) => [j.index, j.size, j.sha256]),
          files.map((f, i) => [i, f.data.length, sha256(f.data)]),
        );
        const jobs = await finished(
          viewerB,
          accepted.body.jobs.map((j: Json) => j.id),
        );
        const byName = Object.fromEntries(files.map((f, i) => [f.name, jobs[i]]));
        // The whole upload, as a reloaded page picks it up: every job in upload order, finished.
        const whole = await viewerB.get(`/api/v1/uploads/${accepted.body.batch}/jobs`);
        assert.equal(whole.status, 200, JSON.stringify(whole.body));
        assert.deepEqual(
          whole.body.jobs.map((j: Json) => [j.id, j.file.index, j.status, j.result.status]),
          jobs.map((j: Json) => [j.id, j.file.index, 'done', j.result.status]),
        );
        assert.equal((await analystA.get(`/api/v1/uploads/${accepted.body.batch}/jobs`)).status, 404);
        assert.equal((await viewerB.get('/api/v1/uploads/not-a-batch/jobs')).status, 400);
        for (const job of jobs) {
          assert.equal(job.status, 'done', JSON.stringify(job));
          assert.equal(job.exhibitId, exhibitB);
          assert.deepEqual(job.batch, { id: accepted.body.batch, total: 5, queued: 0, running: 0, done: 5, failed: 0 });
        }
        assert.equal(byName['same.png'].result.status, 'known');
        assert.equal(byName['same.png'].result.mediaId, own.result.mediaId, 'one media for one content');
        assert.equal(byName['resaved.jpg'].result.status, 'near-duplicate');
        assert.match(byName['resaved.jpg'].result.reasons.join(' | '), /PDQ within \d+ bits of media #\d+/);
        assert.equal(byName['listed.png'].result.status, 'known');
        // A's set is shared as hashes only: B learns that it matched, never the set's name.
        assert.match(byName['listed.png'].result.reasons.join(' | '), /MD5 matches a hash set shared as hashes only/);
        assert.doesNotMatch(JSON.stringify(jobs), /Unit A list/);
        assert.equal(byName['fresh.png'].result.status, 'new');
        assert.match(byName['broken.jpg'].result.reasons.join(' | '), /decode failed/);

        // B: told its media matched another agency's series (twice: same picture, JPEG) and set,
        // without naming A, whose series and set B may not see as records.
        const alerts = async (agencyId: number) =>
          (await suite.vigil.database.db.selectFrom('alerts').selectAll().where('agency_id', '=', agencyId).execute())
            .map(
              (a) => `${a.reason} ${a.about_kind}:${a.about_id} from:${a.from_agency_id} match:${a.match_id !== null}`,
            )
            .sort();
        assert.deepEqual(await alerts(agencyB), [
          `hash_set_match hash_set:${set.id} from:null match:true`,
          `series_match series:${seriesId} from:null match:false`,
          `series_match series:${seriesId} from:null match:true`,
        ]);
        // A: its series and its set turned up in B's upload.
        assert.deepEqual(await alerts(agencyA), [
          `hash_set_found_elsewhere hash_set:${set.id} from:${agencyB} match:true`,
          `series_found_elsewhere series:${seriesId} from:${agencyB} match:false`,
          `series_found_elsewhere series:${seriesId} from:${agencyB} match:true`,
        ]);
        assert.equal(
          jobs.reduce((n: number, j: Json) => n + j.result.alerts, 0),
          6,
        );

        // Nothing lost: every file has its sighting in B's exhibit, the corrupt one too, with its bytes kept.
        const db = suite.vigil.database.db;
        const sightings = await db.selectFrom('sightings').selectAll().where('exhibit_id', '=', exhibitB).execute();
        assert.deepEqual(
          sightings.map((r) => r.path).sort(),
          files.map((f) => `uploads/${accepted.body.batch}/${f.name}`).sort(),
        );
        const broken = byName['broken.jpg'].result;
        assert.ok(broken.mediaId);
        assert.deepEqual(await suite.vigil.blobs.media.get(sha256(files[4].data)), files[4].data);
        const events = await db
          .selectFrom('audit_events')
          .select(['action', 'record_kind', 'actor_agency_id'])
          .where('actor_agency_id', '=', agencyB)
          .where('action', 'in', ['upload', 'ingest'])
          .execute();
        assert.deepEqual(events.map((e) => `${e.action} ${e.record_kind}`).sort(), [
          ...Array(5).fill('ingest media'),
          'upload exhibit',
        ]);
        // Another agency's job is not found; neither is one that does not exist.
        assert.equal((await analystA.get(`/api/v1/jobs/${jobs[0].id}`)).status, 404);
        assert.equal((await viewerB.get('/api/v1/jobs/999999')).status, 404);
      });

      it('checks the exhibit before reading the body, and takes only file parts', async () => {
        const exhibitB = await anExhibit(suite, agencyB);
        const file = [{ name: 'a.png', data: await picturePng(104) }];
        const theirs = await upload(analystA, exhibitB, file);
        assert.equal(theirs.status, 404);
        assert.match(theirs.body.message, /no exhibit \d+ in your agency's cases/);
        assert.equal((await upload(viewerB, exhibitB, file)).status, 403);
        const json = await analystB.post(`/api/v1/exhibits/${exhibitB}/uploads`, { file: 'x' });
        assert.equal(json.status, 415);
        assert.match(json.body.message, /multipart\/form-data/);
        const field = await upload(analystB, exhibitB, [{ name: 'a.png', data: Buffer.from('x'), field: 'notes' }]);
        assert.equal(field.status, 400);
        assert.match(field.body.message, /Unknown form field "notes"/);
        const none = await upload(analystB, exhibitB, []);
        assert.equal(none.status, 400);
        const { body, contentType } = multipart([{ name: 'cut.bin', data: Buffer.alloc(5_000, 1) }]);
        const cut = await analystB.request('POST', `/api/v1/exhibits/${exhibitB}/uploads`, body.subarray(0, 3_000), {
          'content-type': contentType,
        });
        assert.equal(cut.status, 422);
        assert.match(cut.body.message, /could not be stored: the upload was cut off/);
        assert.equal(await jobCount(exhibitB), 0, 'no job for a refused request');
      });

      it('refuses a file over the size limit with 413, keeping nothing of the request', async () => {
        const exhibitB = await anExhibit(suite, agencyB);
        const big = await upload(analystB, exhibitB, [
          { name: 'fits.png', data: await picturePng(105) },
          { name: 'too-big.bin', data: Buffer.alloc(LIMIT + 1, 7) },
        ]);
        assert.equal(big.status, 413);
        assert.equal(big.body.code, 'payload-too-large');
        assert.match(big.body.message, /File 2 of the request is larger than the upload limit of 512 KiB/);
        assert.deepEqual(big.body.details, { file: 2, limitBytes: LIMIT });
        assert.equal(await jobCount(exhibitB), 0);
        const exact = await upload(analystB, exhibitB, [{ name: 'at-limit.bin', data: Buffer.alloc(LIMIT, 7) }]);
        assert.equal(exact.status, 202, 'a file of exactly the limit is taken');
        const [job] = await finished(analystB, [exact.body.jobs[0].id]);
        assert.equal(job.result.status, 'new');
      });

      it('keeps the folders of a file’s name as its path in the exhibit, without climbing out', async () => {
        const exhibitB = await anExhibit(suite, agencyB);
        const data = await picturePng(106);
        const sent = await upload(analystB, exhibitB, [
          { name: 'seized/phone/dcim/a.png', data },
          { name: '../../etc/b.png', data },
          { name: 'c:\\users\\x\\c.png', data },
        ]);
        assert.equal(sent.status, 202, JSON.stringify(sent.body));
        const rows = await suite.vigil.database.db.selectFrom('jobs').select('payload').execute();
        const paths = rows
          .map((r) => JSON.parse(r.payload))
          .filter((p) => p.exhibitId === exhibitB)
          .map((p) => p.path)
          .sort();
        const batch = sent.body.batch;
        assert.deepEqual(paths, [
          `uploads/${batch}/c:/users/x/c.png`,
          `uploads/${batch}/etc/b.png`,
          `uploads/${batch}/seized/phone/dcim/a.png`,
        ]);
        await finished(
          analystB,
          sent.body.jobs.map((j: Json) => j.id),
        );
      });

      async function jobCount(exhibitId: number): Promise<number> {
        const rows = await suite.vigil.database.db.selectFrom('jobs').select('payload').execute();
        return rows.filter((r) => JSON.parse(r.payload).exhibitId === exhibitId).length;
      }
    });
  },
  { app: { uploads: { maxFileBytes: LIMIT } } },
);
