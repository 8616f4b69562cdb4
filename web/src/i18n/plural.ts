/**
 * Counted messages: one text per plural category of the language (Intl.PluralRules), so English
 * says "1 file" / "2 files" and Arabic picks among its six forms (zero, one, two, few, many,
 * other). The count is written the language's way (Intl.NumberFormat) into `{n}`.
 */
import { fill } from './translate.js';

export type PluralCategory = Intl.LDMLPluralRule;

/** A counted message's texts by plural category; `other` is always there, the rest as the language needs. */
export type PluralForms = Partial<Record<PluralCategory, string>> & { other: string };

/** The six forms Arabic distinguishes, every one required. */
export type ArabicForms = Record<'zero' | 'one' | 'two' | 'few' | 'many' | 'other', string>;

const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

function cached<T>(map: Map<string, T>, locale: string, make: () => T): T {
  let value = map.get(locale);
  if (!value) {
    value = make();
    map.set(locale, value);
  }
  return value;
}

const rulesOf = (locale: string) => cached(rules, locale, () => new Intl.PluralRules(locale));

/** The plural category `count` falls in, in the language. */
export function pluralCategory(locale: string, count: number): PluralCategory {
  return rulesOf(locale).select(count);
}

/** The categories the language distinguishes (what every counted message of its catalogue must have). */
export function pluralCategories(locale: string): PluralCategory[] {
  return rulesOf(locale).resolvedOptions().pluralCategories;
}

/** The form for `count`, with `{n}` the count in the language's digits and other placeholders filled from `vars`. */
export function pluralText(
  locale: string,
  forms: PluralForms,
  count: number,
  vars: Record<string, string | number> = {},
): string {
  const text = forms[pluralCategory(locale, count)] ?? forms.other;
  const n = cached(numbers, locale, () => new Intl.NumberFormat(locale)).format(count);
  return fill(text, { ...vars, n });
}

/** The categories of the language that `forms` lacks (empty when complete). */
export function missingForms(locale: string, forms: PluralForms): PluralCategory[] {
  return pluralCategories(locale).filter((c) => !forms[c]);
}
