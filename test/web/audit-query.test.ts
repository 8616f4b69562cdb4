import assert from 'node:assert/strict';
import { it } from 'node:test';
import { auditQuery, EMPTY_FILTERS } from '../../web/src/pages/audit-query.js';

it('turns the audit filters into the API query: blanks left out, ids checked, days as local bounds', () => {
  assert.deepEqual(auditQuery(EMPTY_FILTERS), { limit: 50 });
  const q = auditQuery(
    {
      action: ' view-content ',
      recordKind: 'media',
      recordId: '12',
      actorUserId: 'x7',
      from: '2026-11-01',
      to: '2026-11-02',
    },
    '900',
  );
  assert.deepEqual(q, {
    limit: 50,
    cursor: '900',
    action: 'view-content',
    recordKind: 'media',
    recordId: 12,
    from: new Date(2026, 10, 1).getTime(),
    to: new Date(2026, 10, 2, 23, 59, 59, 999).getTime(),
  });
});
