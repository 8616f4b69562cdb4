/** The web app's pure logic: path patterns and message catalogues (every language complete). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ar } from '../../web/src/i18n/ar.js';
import { en } from '../../web/src/i18n/en.js';
import { placeholders, translate } from '../../web/src/i18n/translate.js';
import { matchPath } from '../../web/src/route-match.js';

describe('web: path patterns', () => {
  it('matches literal and parameter segments, and nothing else', () => {
    assert.deepEqual(matchPath('/', '/'), {});
    assert.deepEqual(matchPath('/cases/:id', '/cases/42?tab=media'), { id: '42' });
    assert.deepEqual(matchPath('/series/:id/media/:mediaId', '/series/7/media/a%20b'), { id: '7', mediaId: 'a b' });
    assert.equal(matchPath('/cases/:id', '/cases'), null);
    assert.equal(matchPath('/cases/:id', '/series/4'), null);
  });
});

describe('web: message catalogues', () => {
  it('fills placeholders and keeps unknown ones visible', () => {
    assert.equal(translate(en, 'dashboard.welcome', { name: 'Ana' }), 'Signed in as Ana.');
    assert.equal(translate(en, 'dashboard.welcome'), 'Signed in as {name}.');
  });

  it('has every message in Arabic, non-empty, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      assert.ok(ar[key]?.trim(), `ar lacks ${key}`);
      assert.deepEqual(placeholders(ar[key]), placeholders(en[key]), `placeholders of ${key}`);
    }
  });
});
