import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_FILTER, narrows, scanQueryOf } from '../../web/src/pages/triage-filter.js';

const query = (f: Partial<typeof NO_FILTER>) => scanQueryOf({ ...NO_FILTER, ...f });

describe('triage filters, as asked of the hub', () => {
  it('asks for everything with no filter, and for a status alone without narrowing', () => {
    assert.deepEqual(query({}), {});
    assert.deepEqual(query({ status: 'known' }), { status: 'known' });
    assert.equal(narrows({ ...NO_FILTER, status: 'known' }), false, 'a status is not narrowing: the counts stay');
  });

  it('asks by own category (scheme:code) or none yet, camera serial trimmed, GPS presence', () => {
    assert.deepEqual(query({ category: 'projectvic_us:2' }), { category: 'projectvic_us:2' });
    assert.deepEqual(query({ category: 'none' }), { category: 'none' });
    assert.deepEqual(query({ camera: '  SN-2 ' }), { cameraSerial: 'SN-2' });
    assert.deepEqual(query({ camera: '   ' }), {}, 'blanks are no serial');
    assert.deepEqual(query({ gps: 'with' }), { gps: 'with' });
    assert.deepEqual(query({ gps: 'without' }), { gps: 'without' });
  });

  it('asks by capture day, each bound on its own or both, and combines everything', () => {
    assert.deepEqual(query({ from: '2024-05-01' }), { capturedFrom: '2024-05-01' });
    assert.deepEqual(query({ to: '2024-05-01' }), { capturedTo: '2024-05-01' });
    assert.deepEqual(
      query({ status: 'new', category: 'none', camera: 'SN-1', from: '2024-05-02', to: '2024-06-30', gps: 'without' }),
      {
        status: 'new',
        category: 'none',
        cameraSerial: 'SN-1',
        capturedFrom: '2024-05-02',
        capturedTo: '2024-06-30',
        gps: 'without',
      },
    );
    for (const f of [
      { category: 'none' },
      { camera: 'SN-1' },
      { from: '2024-01-01' },
      { to: '2024-01-01' },
      { gps: 'with' as const },
    ]) {
      assert.equal(narrows({ ...NO_FILTER, ...f }), true, JSON.stringify(f));
    }
  });
});
