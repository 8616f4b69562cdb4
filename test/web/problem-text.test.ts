/** The hub's problem codes and validation keywords in the app's language, the hub's text for the rest (i18n/problem-text.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ar } from '../../web/src/i18n/ar.js';
import { en, type MessageKey } from '../../web/src/i18n/en.js';
import { problemText } from '../../web/src/i18n/problem-text.js';
import { translate } from '../../web/src/i18n/translate.js';

const inArabic = (key: MessageKey, vars?: Record<string, string | number>) => translate(ar, key, vars);
const inEnglish = (key: MessageKey, vars?: Record<string, string | number>) => translate(en, key, vars);
const hasLatinWords = (text: string) => /[a-z]{3,}/i.test(text);

describe('web: problem texts', () => {
  it('says a code the catalogue knows in the language, with the facts from details', () => {
    const locked = {
      code: 'locked-out',
      message: 'Too many failed sign-ins: try again in 30 s.',
      retryAfterSeconds: 30,
    };
    assert.equal(problemText(locked, inArabic), translate(ar, 'problem.locked-out', { seconds: 30 }));
    assert.match(problemText(locked, inArabic), /30/);
    assert.equal(problemText(locked, inEnglish), 'Too many failed sign-ins: try again in 30 s.');
    const fault = { code: 'internal', message: 'Something went wrong…', details: { requestId: 'req-7' } };
    assert.match(problemText(fault, inArabic), /req-7/);
    assert.ok(!hasLatinWords(problemText(fault, inArabic).replace('req-7', '')), 'no English left around the id');
    assert.equal(problemText({ code: 'totp-required', message: 'Enter…' }, inArabic), ar['problem.totp-required']);
    const enrol = { code: 'password-change-required', message: 'Your agency…', details: { pending: 'totp-enrolment' } };
    assert.equal(problemText(enrol, inArabic), ar['problem.password-change-required.totp-enrolment']);
  });

  it('says a refused request body by the keyword of its first issue', () => {
    const problem = {
      code: 'bad-usage',
      message: "Invalid request: body must have required property 'reference'.",
      details: {
        issues: [
          {
            field: 'body',
            problem: "must have required property 'reference'",
            keyword: 'required',
            params: { missingProperty: 'reference' },
          },
          {
            field: 'body/title',
            problem: 'must NOT have fewer than 1 characters',
            keyword: 'minLength',
            params: { limit: 1 },
          },
        ],
      },
    };
    const text = problemText(problem, inArabic);
    assert.equal(
      text,
      translate(ar, 'validation.invalid', {
        field: 'body',
        problem: translate(ar, 'validation.required', { missingProperty: 'reference' }),
      }),
    );
    assert.ok(!hasLatinWords(text.replace('body', '').replace('reference', '')), text);
    const short = { ...problem, details: { issues: [problem.details.issues[1]] } };
    assert.equal(problemText(short, inEnglish), 'Invalid request: body/title must be at least 1 characters long.');
  });

  it('keeps the hub’s text for codes, keywords and shapes it does not know', () => {
    const conflict = { code: 'conflict', message: 'Already there.' };
    assert.equal(problemText(conflict, inArabic), 'Already there.', 'a code whose message carries specifics');
    assert.equal(problemText({ code: 'partners-only', message: 'New code.' }, inArabic), 'New code.');
    const oddKeyword = {
      code: 'bad-usage',
      message: 'Invalid request: x.',
      details: { issues: [{ field: 'body', keyword: 'dependentRequired' }] },
    };
    assert.equal(problemText(oddKeyword, inArabic), 'Invalid request: x.');
    assert.equal(
      problemText({ code: 'bad-usage', message: 'Label taken.' }, inArabic),
      'Label taken.',
      'no issues: a rule of the hub',
    );
    assert.equal(
      problemText({ code: 'internal', message: 'Went wrong.' }, inArabic),
      'Went wrong.',
      'no request id to quote',
    );
    assert.equal(problemText({ code: 'locked-out', message: 'Wait.' }, inArabic), 'Wait.', 'no delay to say');
  });
});
