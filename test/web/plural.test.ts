/** Counted messages (i18n/plural.ts): each language's plural categories, and every catalogue complete for its language. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { arCounts } from '../../web/src/i18n/ar-counts.js';
import { enCounts } from '../../web/src/i18n/en-counts.js';
import { missingForms, pluralCategories, pluralCategory, pluralText } from '../../web/src/i18n/plural.js';
import { placeholders } from '../../web/src/i18n/translate.js';

const COUNTS = [0, 1, 2, 3, 11, 100];

describe('web: plural forms', () => {
  it('puts counts in the English categories: one for 1, other for the rest', () => {
    assert.deepEqual(
      COUNTS.map((n) => pluralCategory('en', n)),
      ['other', 'one', 'other', 'other', 'other', 'other'],
    );
    assert.deepEqual(pluralCategories('en').sort(), ['one', 'other']);
  });

  it('puts counts in the six Arabic categories', () => {
    assert.deepEqual(
      COUNTS.map((n) => pluralCategory('ar', n)),
      ['zero', 'one', 'two', 'few', 'many', 'other'],
    );
    assert.deepEqual(pluralCategories('ar').sort(), ['few', 'many', 'one', 'other', 'two', 'zero']);
  });

  it('says "1 agency" and "2 agencies", and each Arabic form for its count', () => {
    const en = COUNTS.map((n) => pluralText('en', enCounts['count.agencies'], n));
    assert.deepEqual(en, ['0 agencies', '1 agency', '2 agencies', '3 agencies', '11 agencies', '100 agencies']);
    const forms = arCounts['count.files'];
    const ar = COUNTS.map((n) => pluralText('ar', forms, n));
    const digits = (n: number) => new Intl.NumberFormat('ar').format(n);
    assert.deepEqual(ar, [
      forms.zero.replace('{n}', digits(0)),
      'ملف واحد',
      'ملفان',
      forms.few.replace('{n}', digits(3)),
      forms.many.replace('{n}', digits(11)),
      forms.other.replace('{n}', digits(100)),
    ]);
    assert.notEqual(ar[3], ar[4], 'few and many differ');
  });

  it('writes the count the language’s way and fills the other placeholders', () => {
    assert.equal(
      pluralText('en', { one: '{n} file in {where}', other: '{n} files in {where}' }, 12345, { where: 'x' }),
      '12,345 files in x',
    );
    assert.equal(pluralText('ar', arCounts['count.media'], 12300), `${new Intl.NumberFormat('ar').format(12300)} وسيط`);
    // A form a language lacks falls back to `other` rather than a blank.
    assert.equal(pluralText('ar', { other: '{n} x' }, 2), `${new Intl.NumberFormat('ar').format(2)} x`);
  });

  it('has, in every catalogue, every form its language needs, non-empty, with the same placeholders as English', () => {
    const catalogues = { en: enCounts, ar: arCounts } as const;
    for (const [locale, catalogue] of Object.entries(catalogues)) {
      assert.deepEqual(
        Object.keys(catalogue).sort(),
        Object.keys(enCounts).sort(),
        `${locale} has every counted message`,
      );
      for (const [key, forms] of Object.entries(catalogue)) {
        assert.deepEqual(missingForms(locale, forms), [], `${locale} ${key} lacks forms`);
        const expected = placeholders(enCounts[key as keyof typeof enCounts].other).filter((p) => p !== 'n');
        for (const [category, text] of Object.entries(forms)) {
          assert.ok(String(text).trim(), `${locale} ${key}.${category} is empty`);
          const own = placeholders(String(text)).filter((p) => p !== 'n');
          assert.deepEqual(own, expected, `placeholders of ${locale} ${key}.${category}`);
        }
      }
    }
  });

  it('finds a missing form', () => {
    assert.deepEqual(missingForms('ar', { one: 'a', other: 'b' }).sort(), ['few', 'many', 'two', 'zero']);
    assert.deepEqual(missingForms('en', { other: 'b' }), ['one']);
  });
});
