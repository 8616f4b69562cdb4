import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takenText } from '../../web/src/pages/taken-text.js';

test('a capture time reads as the file states it, with its zone only when the file gives one', () => {
  assert.equal(takenText({ local: '2024-05-01T12:34:56', offsetMinutes: null }), '2024-05-01 12:34:56');
  assert.equal(takenText({ local: '2024-05-01T12:34:56.5', offsetMinutes: 120 }), '2024-05-01 12:34:56.5 +02:00');
  assert.equal(takenText({ local: '2024-05-01T07:00:00', offsetMinutes: -330 }), '2024-05-01 07:00:00 −05:30');
  assert.equal(takenText({ local: '2024-05-01T07:00:00', offsetMinutes: 0 }), '2024-05-01 07:00:00 +00:00');
});
