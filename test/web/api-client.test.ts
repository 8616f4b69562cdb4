/**
 * The web app's one way to the hub (web/src/api/client.ts), driven in Node with a stand-in fetch:
 * changes carry the session's CSRF token and reads do not; a 401 on a signed-in call tells the
 * session it is gone, while a refused sign-in or a 403 does not; problem answers become ApiError
 * with the hub's code and message, an answer without one says its status in the chosen language,
 * and a caught error is shown as its message.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ApiError, api, csrfHeader, onSignedOut, setCsrfToken, unwrap } from '../../web/src/api/client.js';
import { messageOf } from '../../web/src/api/error-text.js';
import { ar } from '../../web/src/i18n/ar.js';
import { setCurrentLanguage } from '../../web/src/i18n/current.js';
import { en } from '../../web/src/i18n/en.js';

const seen: Request[] = [];
/** A hub that answers every call with `status` and `body`, keeping the requests it got. */
function hub(status: number, body: unknown) {
  return {
    baseUrl: 'http://hub.test',
    fetch: async (request: Request) => {
      seen.push(request);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  };
}

afterEach(() => {
  seen.length = 0;
  setCsrfToken('');
  setCurrentLanguage('en', en);
});

describe('web API client', () => {
  it('adds the CSRF token to changes, never to reads', async () => {
    assert.deepEqual(csrfHeader(), {}, 'no token before sign-in');
    setCsrfToken('tok-123');
    assert.deepEqual(csrfHeader(), { 'X-CSRF-Token': 'tok-123' });
    await api.GET('/api/v1/auth/session', hub(200, {}));
    await api.POST('/api/v1/auth/logout', hub(200, { ok: true }));
    assert.equal(seen[0]?.headers.get('x-csrf-token'), null, 'a read has none');
    assert.equal(seen[1]?.headers.get('x-csrf-token'), 'tok-123', 'a change has the token');
    setCsrfToken('');
    await api.POST('/api/v1/auth/logout', hub(200, { ok: true }));
    assert.equal(seen[2]?.headers.get('x-csrf-token'), null, 'signed out: none');
  });

  it('tells the session it is gone on a 401, but not for a refused sign-in, a 403, or once unsubscribed', async () => {
    let told = 0;
    const stop = onSignedOut(() => told++);
    const problem = { code: 'unauthenticated', message: 'Sign in first.' };
    await api.GET('/api/v1/auth/session', hub(401, problem));
    assert.equal(told, 1, 'a signed-in call answered 401');
    await api.POST('/api/v1/auth/login', { ...hub(401, problem), body: { username: 'a', password: 'b' } });
    assert.equal(told, 1, 'a wrong password is the login page’s to say, not an expiry');
    await api.GET('/api/v1/auth/session', hub(403, { code: 'forbidden', message: 'No.' }));
    assert.equal(told, 1, 'a 403 leaves the session alone');
    stop();
    await api.GET('/api/v1/auth/session', hub(401, problem));
    assert.equal(told, 1, 'no one told after unsubscribing');
  });

  it('unwraps data, and turns a problem into ApiError with the hub’s code, message and details', async () => {
    assert.deepEqual(await unwrap(api.POST('/api/v1/auth/logout', hub(200, { ok: true }))), { ok: true });
    const refused = hub(409, { code: 'conflict', message: 'Already there.', details: { field: 'reference' } });
    await assert.rejects(unwrap(api.POST('/api/v1/auth/logout', refused)), (err: unknown) => {
      assert.ok(err instanceof ApiError);
      assert.equal(err.status, 409);
      assert.equal(err.code, 'conflict');
      assert.equal(err.message, 'Already there.');
      assert.deepEqual(err.details, { field: 'reference' });
      return true;
    });
  });

  it('says the status of an answer with no problem in it, in the language chosen', async () => {
    await assert.rejects(unwrap(api.GET('/api/v1/auth/session', hub(502, {}))), {
      name: 'Error',
      code: 'internal',
      status: 502,
      message: 'The hub answered 502.',
    });
    setCurrentLanguage('ar', ar);
    await assert.rejects(unwrap(api.GET('/api/v1/auth/session', hub(502, {}))), {
      message: 'أجاب المركز بالرمز 502.',
    });
  });

  it('shows a caught error as its message, anything else as text', () => {
    assert.equal(
      messageOf(new ApiError(404, 'not-found', 'There is no case 4 this account may see.')),
      'There is no case 4 this account may see.',
    );
    assert.equal(messageOf(new TypeError('Failed to fetch')), 'Failed to fetch');
    assert.equal(messageOf('refused'), 'refused');
  });
});
