/** Codes from the hub and the app's own error texts, in the chosen language (i18n/code-text.ts, i18n/current.ts). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ar } from '../../web/src/i18n/ar.js';
import { codeText } from '../../web/src/i18n/code-text.js';
import { localText, setCurrentLanguage } from '../../web/src/i18n/current.js';
import { en, type MessageKey } from '../../web/src/i18n/en.js';
import { translate } from '../../web/src/i18n/translate.js';

it('says known codes in the language and leaves unknown ones as they are', () => {
  const inArabic = (key: MessageKey) => translate(ar, key);
  assert.equal(codeText(inArabic, 'sharing', 'hash_only'), ar['sharing.hash_only']);
  assert.notEqual(ar['sharing.hash_only'], 'hash_only');
  assert.equal(codeText(inArabic, 'role', 'auditor'), ar['role.auditor']);
  assert.equal(codeText(inArabic, 'seriesStatus', 'closed'), ar['seriesStatus.closed']);
  assert.equal(codeText(inArabic, 'sharing', 'partners_only'), 'partners_only');
  // A match's verdict on the media page: said in Arabic, not shown as the hub's English code.
  for (const verdict of ['pending', 'confirmed', 'rejected']) {
    assert.equal(codeText(inArabic, 'verdict', verdict), ar[`verdict.${verdict}` as MessageKey]);
    assert.doesNotMatch(codeText(inArabic, 'verdict', verdict), /[a-z]/);
  }
});

it('writes the app’s own error texts in the language last chosen', () => {
  assert.equal(localText('error.status', { status: 502 }), 'The hub answered 502.');
  setCurrentLanguage('ar', ar);
  assert.equal(localText('error.status', { status: 502 }), translate(ar, 'error.status', { status: 502 }));
  assert.match(localText('error.connectionLost'), /المركز/);
  setCurrentLanguage('en', en);
  assert.equal(localText('error.connectionLost'), 'The connection to the hub was lost.');
});
