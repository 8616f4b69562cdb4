import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALERT_REASONS } from '../../src/domain/alert.record.js';
import { ar } from '../../web/src/i18n/ar.js';
import { en, type MessageKey } from '../../web/src/i18n/en.js';
import { translate } from '../../web/src/i18n/translate.js';
import { alertText } from '../../web/src/pages/alert-text.js';

const tEn = (key: MessageKey, vars?: Record<string, string | number>) => translate(en, key, vars);
const tAr = (key: MessageKey, vars?: Record<string, string | number>) => translate(ar, key, vars);
const alert = (reason: string, fromAgency: { name: string } | null) => ({
  reason,
  message: `server text for ${reason}`,
  about: { kind: 'series', id: 12 },
  fromAgency,
});

describe('alert text', () => {
  it('has a sentence in every catalogue for every reason the server raises', () => {
    for (const reason of ALERT_REASONS) {
      assert.ok(`alerts.reason.${reason}` in en, `en lacks alerts.reason.${reason}`);
      assert.notEqual(alertText(alert(reason, null), tAr), alert(reason, null).message);
    }
  });

  it('names the other agency where the server named it, and says "another agency" where it did not', () => {
    assert.equal(
      alertText(alert('series_found_elsewhere', { name: 'Unit B' }), tEn),
      'Material of series 12, held by this agency, turned up in an upload by Unit B.',
    );
    assert.equal(
      alertText(alert('series_match', null), tEn),
      'Material of this agency matched series 12, held by another agency.',
    );
    assert.match(alertText(alert('series_match', null), tAr), /جهة أخرى/);
  });

  it('keeps the server’s text for a reason this build does not know', () => {
    assert.equal(alertText(alert('future_reason', null), tEn), 'server text for future_reason');
  });
});
