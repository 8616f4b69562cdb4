import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell } from './report-csv.js';

test('CSV cells are quoted where needed and never run as spreadsheet formulas', () => {
  assert.equal(csvCell('plain.jpg'), 'plain.jpg');
  assert.equal(csvCell('a,b.jpg'), '"a,b.jpg"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  for (const lead of ['+', '-', '@', '\t'])
    assert.equal(csvCell(`${lead}1`)[0] === "'" || csvCell(`${lead}1`)[1] === "'", true);
  assert.equal(csvCell(-3), '-3', 'numbers stay numbers');
  assert.equal(csvCell(null), '');
});
