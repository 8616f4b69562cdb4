/**
 * The hash-set routes on both dialects: create with sharing terms, list only what the agency may
 * see, change the terms as the owner only (another agency: 404 while unshared, 403 once visible),
 * import a CSV file over HTTP and export it back (round trip, audited), hash-only exports for
 * `hash_only` shares and partners, and PDQs of an import found by lookups at once.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { type ApiClient, describeEachServer, type Json } from '../support/http-harness.js';
import { hex, multipartFile } from './lookup-world.js';

const rows = Array.from({ length: 5 }, (_, i) => ({
  md5: hex(16),
  sha256: hex(32),
  pdq: hex(32),
  category: String((i % 3) + 1),
  series: `Label ${i}`,
}));
const CSV = `md5,sha256,pdq,quality,category,series\n${rows
  .map((r) => `${r.md5},${r.sha256},${r.pdq},90,${r.category},${r.series}`)
  .join('\n')}\nnot-a-hash,,,,,\n`;

describeEachServer('hash sets', (suite) => {
  let own = 0;
  let other = 0;
  let analyst: ApiClient;
  let viewer: ApiClient;
  let otherAnalyst: ApiClient;
  let partner: ApiClient;
  let setId = 0;

  const importCsv = (client: ApiClient, id: number, text: string, fields: Record<string, string> = {}) => {
    const { payload, headers } = multipartFile(Buffer.from(text), 'list.csv', 'text/csv', fields);
    return client.request('POST', `/api/v1/hash-sets/${id}/import`, payload, headers);
  };
  const events = async (action: string) =>
    suite.vigil.database.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

  before(async () => {
    own = await suite.addAgency('Hash set own unit');
    other = await suite.addAgency('Hash set other unit');
    analyst = await suite.addUser(own, ['analyst']);
    viewer = await suite.addUser(own, ['viewer']);
    otherAnalyst = await suite.addUser(other, ['analyst']);
    partner = await suite.addPartner(own);
  });

  it('creates a set with its sharing terms (analysts and admins only)', async () => {
    const body = { name: 'Unit list', sharing: { level: 'restricted', licence: 'For casework only.' } };
    const res = await analyst.post('/api/v1/hash-sets', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.scheme, 'projectvic_us');
    assert.equal(res.body.licence, 'For casework only.');
    setId = res.body.id;
    assert.equal((await viewer.post('/api/v1/hash-sets', { ...body, name: 'Other' })).status, 403);
    assert.equal((await analyst.post('/api/v1/hash-sets', body)).status, 409, 'names are unique per agency');
    assert.equal((await events('create')).filter((e) => e.record_id === setId).length, 1);
  });

  it('imports a CSV file over HTTP, row by row, audited, its PDQs found at once', async () => {
    const res = await importCsv(analyst, setId, CSV);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.format, res.body.accepted, res.body.inserted, res.body.rejected], ['csv', 5, 5, 1]);
    const again = await importCsv(analyst, setId, CSV, { format: 'csv' });
    assert.equal(again.body.duplicates, 5);
    assert.equal((await events('import')).length, 2);
    const found = await viewer.post('/api/v1/lookup', { signals: [{ type: 'pdq', value: rows[2].pdq }] });
    assert.equal(found.body.results[0].matches[0]?.hashSet?.id, setId);
    assert.equal(found.body.results[0].matches[0]?.category?.code, rows[2].category);
  });

  it("lets only the owner's analysts import or change terms; hides unshared sets", async () => {
    assert.equal((await importCsv(viewer, setId, CSV)).status, 403);
    assert.equal((await importCsv(otherAnalyst, setId, CSV)).status, 404);
    const list = await otherAnalyst.get('/api/v1/hash-sets');
    assert.ok(!list.body.items.some((s: Json) => s.id === setId));
    const share = { level: 'all', agencies: [other] };
    assert.equal((await otherAnalyst.request('PUT', `/api/v1/hash-sets/${setId}/sharing`, share)).status, 404);
    const shared = await analyst.request('PUT', `/api/v1/hash-sets/${setId}/sharing`, share);
    assert.equal(shared.status, 200);
    assert.deepEqual([shared.body.sharing, shared.body.sharedWith], ['all', [other]]);
    assert.equal(shared.body.licence, 'For casework only.', 'terms stay unless sent');
    const theirs = (await otherAnalyst.get('/api/v1/hash-sets')).body.items.find((s: Json) => s.id === setId);
    assert.deepEqual([theirs?.name, theirs?.sharedWith], ['Unit list', []]);
    assert.equal((await otherAnalyst.request('PUT', `/api/v1/hash-sets/${setId}/sharing`, share)).status, 403);
    assert.equal((await importCsv(otherAnalyst, setId, CSV)).status, 403);
  });

  it('exports a set and imports the export back to the same rows (round trip)', async () => {
    const res = await analyst.get(`/api/v1/hash-sets/${setId}/export?format=csv`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    const lines = String(res.body).trim().split('\n');
    assert.equal(lines[0], 'md5,sha1,sha256,pdq,quality,category,series');
    assert.equal(lines.length, 6);
    const copy = await analyst.post('/api/v1/hash-sets', { name: 'Copy', sharing: { level: 'restricted' } });
    const back = await importCsv(analyst, copy.body.id, String(res.body));
    assert.deepEqual([back.body.inserted, back.body.rejected], [5, 0]);
    const again = await analyst.get(`/api/v1/hash-sets/${copy.body.id}/export?format=csv`);
    assert.deepEqual(String(again.body).trim().split('\n').sort(), lines.sort());
    const vics = await analyst.get(`/api/v1/hash-sets/${setId}/export?format=vics`);
    assert.equal(vics.body.value.length, 5);
    assert.ok((await events('export')).length >= 3);
  });

  it('exports hash-only to partners and to agencies that see only the hashes', async () => {
    await analyst.request('PUT', `/api/v1/hash-sets/${setId}/sharing`, { level: 'hash_only' });
    const theirs = await otherAnalyst.get(`/api/v1/hash-sets/${setId}/export?format=csv`);
    assert.equal(theirs.status, 200);
    assert.equal(String(theirs.body).split('\n')[0], 'md5,sha1,sha256,pdq,quality,category');
    assert.doesNotMatch(String(theirs.body), /Label/);
    const partners = await partner.get(`/api/v1/hash-sets/${setId}/export?format=hashes`);
    assert.equal(partners.status, 200);
    assert.equal(String(partners.body).split('\n')[0], 'md5,sha1,sha256,pdq');
    const mine = await analyst.get(`/api/v1/hash-sets/${setId}/export?format=csv`);
    assert.match(String(mine.body), /Label 1/, 'the owner still gets the full list');
  });

  it("never exports a restricted set to partners, even their own agency's", async () => {
    await analyst.request('PUT', `/api/v1/hash-sets/${setId}/sharing`, { level: 'restricted' });
    assert.equal((await partner.get(`/api/v1/hash-sets/${setId}/export?format=hashes`)).status, 404);
    assert.equal((await otherAnalyst.get(`/api/v1/hash-sets/${setId}/export?format=csv`)).status, 404);
    assert.equal((await viewer.get(`/api/v1/hash-sets/${setId}/export?format=csv`)).status, 403);
    assert.equal((await partner.get('/api/v1/hash-sets')).status, 403);
  });
});
