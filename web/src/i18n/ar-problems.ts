/** Arabic texts for the hub's problem codes and validation keywords (same keys as en-problems.ts). */
import type { enProblems } from './en-problems.js';

const OPERATOR = 'فأبلغ مشغّل المركز واذكر رقم الطلب {requestId}';

export const arProblems: Record<keyof typeof enProblems, string> = {
  'problem.totp-required': 'أدخل الرمز المكوّن من 6 أرقام من تطبيق المصادقة.',
  'problem.password-change-required': 'اختر كلمة مرور جديدة أولًا: الحالية صالحة لمرة واحدة.',
  'problem.password-change-required.totp-enrolment': 'تشترط جهتك عامل تحقق ثانيًا: أعدّه أولًا.',
  'problem.locked-out': 'محاولات دخول فاشلة كثيرة: حاول مجددًا بعد {seconds} ث.',
  'problem.rate-limited': 'طلبات كثيرة جدًا؛ تمهّل قليلًا.',
  'problem.payload-too-large': 'الطلب أو الملف أكبر مما يقبله المركز هنا.',
  'problem.internal': `حدث خطأ في الخادم. حاول مجددًا؛ وإن تكرر ذلك ${OPERATOR}.`,
  'problem.missing-dependency': `خدمة يعتمد عليها المركز غير متاحة الآن. حاول بعد بضع دقائق؛ وإن تكرر ذلك ${OPERATOR}.`,
  'problem.corrupt-blob': `ملف مخزَّن تالف، فلم يُعَد. ${OPERATOR}.`,
  'problem.corrupt-snapshot': `تعذّر على المركز قراءة فهرس البحث. ${OPERATOR}.`,
  'problem.migration-failed': `المركز غير مُعَدّ إعدادًا صحيحًا. ${OPERATOR}.`,
  'problem.unsafe-key-file': `المركز غير مُعَدّ إعدادًا صحيحًا. ${OPERATOR}.`,
  'validation.invalid': 'طلب غير صالح: {field} {problem}.',
  'validation.required': 'ينقصه الحقل المطلوب {missingProperty}',
  'validation.additionalProperties': 'فيه حقل غير مقبول: {additionalProperty}',
  'validation.type': 'يجب أن يكون من النوع {type}',
  'validation.minLength': 'يجب ألا يقل طوله عن {limit} حرفًا',
  'validation.maxLength': 'يجب ألا يزيد طوله على {limit} حرفًا',
  'validation.minimum': 'يجب أن يكون {comparison} {limit}',
  'validation.maximum': 'يجب أن يكون {comparison} {limit}',
  'validation.minItems': 'يجب ألا تقل عناصره عن {limit}',
  'validation.maxItems': 'يجب ألا تزيد عناصره على {limit}',
  'validation.pattern': 'ليس بالصيغة المتوقعة',
  'validation.format': 'يجب أن يكون {format} صالحًا',
  'validation.enum': 'يجب أن يكون إحدى القيم المسموح بها',
  'validation.const': 'يجب أن يكون إحدى القيم المسموح بها',
  'validation.anyOf': 'لا يطابق أيًّا من الصيغ المسموح بها',
};
