/**
 * The hub's outer defences: security headers, strict input schemas (unknown fields refused, not
 * dropped), body limits, rate limits with a Retry-After, and problems that never carry a stack.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachServer } from '../support/http-harness.js';

describeEachServer(
  'security',
  (suite) => {
    it('sends security headers, including a CSP that loads nothing from elsewhere', async () => {
      const res = await suite.anonymous.get('/health');
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /upgrade-insecure-requests/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
    });

    it('refuses unknown fields and wrong types with the field named', async () => {
      const extra = await suite.anonymous.post('/api/v1/auth/login', { username: 'a', password: 'b', admin: true });
      assert.equal(extra.status, 400);
      assert.equal(extra.body.code, 'bad-usage');
      assert.match(JSON.stringify(extra.body.details), /admin/);
      const wrong = await suite.anonymous.post('/api/v1/auth/login', { username: 'a', password: 'b', totpCode: 'x' });
      assert.equal(wrong.status, 400);
      assert.match(wrong.body.message, /totpCode/);
    });

    it('refuses a body over the limit with a problem, not a dropped connection', async () => {
      const big = { username: 'a', password: 'x'.repeat(64 * 1024) };
      const res = await suite.anonymous.post('/api/v1/auth/login', big);
      assert.equal(res.status, 413);
      assert.equal(res.body.code, 'payload-too-large');
    });

    it('rate-limits sign-in attempts per address and says when to retry', async () => {
      let limited: { status: number; body: { code: string }; headers: Record<string, unknown> } | null = null;
      for (let i = 0; i < 40 && !limited; i++) {
        const res = await suite.anonymous.post('/api/v1/auth/login', { username: `nobody-${i}`, password: 'wrong' });
        if (res.status === 429) limited = res;
        else assert.equal(res.status, 401);
      }
      assert.ok(limited, 'no 429 within 40 attempts');
      assert.equal(limited.body.code, 'rate-limited');
      assert.ok(Number(limited.headers['retry-after']) > 0);
    });

    it('answers an unexpected failure as a problem without a stack or internals', async () => {
      const res = await suite.anonymous.request('POST', '/api/v1/auth/login', '{"username":', {
        'content-type': 'application/json',
      });
      assert.equal(res.status, 400);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'message']);
      assert.doesNotMatch(JSON.stringify(res.body), /at .*\.(ts|js):\d+/);
    });
  },
  { http: { bodyLimit: 32 * 1024 } },
);
