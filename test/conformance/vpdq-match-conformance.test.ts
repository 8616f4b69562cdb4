/**
 * vPDQ matching against the reference's scores (../shared/conformance/vpdq/match-expected.csv):
 * for all 256 pairs of the reference's own hash files, our percentages equal the
 * python-threatexchange column (`pte_*`: distinct hashes, quality ≥ 50, distance ≤ 31) — the rule
 * we chose — by brute force and through the video index, and the C++ rule's column differs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { VideoIndex } from '../../src/matching/video-index.js';
import { parseVpdqFeatures, type VpdqFeature } from '../../src/signals/vpdq/vpdq-feature.js';
import { matchVpdq } from '../../src/signals/vpdq/vpdq-match.js';
import { VPDQ_VECTORS, vpdqConformanceMissing } from '../support/paths.js';
import { matchRows } from '../support/vpdq-vectors.js';

/** The CSV holds percentages rounded to 2 decimals. */
const same = (ours: number, printed: number) => Math.abs(ours - printed) <= 0.005 + 1e-9;

describe('vPDQ matching equals the reference python-threatexchange rule', { skip: vpdqConformanceMissing }, () => {
  const rows = vpdqConformanceMissing ? [] : matchRows();
  const names = [...new Set(rows.map((r) => r.query))];
  const hashes = new Map<string, VpdqFeature[]>(
    names.map((n) => [n, parseVpdqFeatures(readFileSync(join(VPDQ_VECTORS, 'expected', n), 'utf8'))]),
  );

  test('the table covers every pair of the 16 reference hash files', () => {
    assert.equal(names.length, 16);
    assert.equal(rows.length, 256);
  });

  test('brute force: query% and compared% equal the pte columns for all 256 pairs', () => {
    const wrong = rows.filter((r) => {
      const m = matchVpdq(hashes.get(r.query) ?? [], hashes.get(r.target) ?? []);
      return !same(m.queryPercent, r.pte[0]) || !same(m.comparedPercent, r.pte[1]) || m.isMatch !== r.pte[0] >= 80;
    });
    assert.deepEqual(
      wrong.map((r) => `${r.query} vs ${r.target}`),
      [],
    );
  });

  test('the video index gives the same numbers, one query against all 16 at once', () => {
    const index = new VideoIndex();
    names.forEach((n, id) => {
      index.add(id, hashes.get(n) ?? []);
    });
    for (const query of names) {
      const found = new Map(
        index.query(hashes.get(query) ?? [], { includeNonMatches: true }).map((m) => [names[m.videoId], m]),
      );
      for (const r of rows.filter((x) => x.query === query)) {
        const m = found.get(r.target);
        const got = m ? [m.queryPercent, m.comparedPercent] : [0, 0];
        assert.ok(same(got[0], r.pte[0]) && same(got[1], r.pte[1]), `${query} vs ${r.target}: ${got} ≠ ${r.pte}`);
        assert.equal(m?.isMatch ?? false, r.pte[0] >= 80, `${query} vs ${r.target}`);
      }
    }
  });

  test('the C++ rule (< 31, duplicates counted) scores differently, so the choice is tested', () => {
    const differ = rows.filter((r) => !same(r.cpp[0], r.pte[0]) || !same(r.cpp[1], r.pte[1]));
    assert.ok(differ.length >= 40, `${differ.length} pairs differ`);
  });
});
