/** Arabic sentences of the hub's triage reasons (same keys as en-reasons.ts). */
import type { enReasons } from './en-reasons.js';

export const arReasons: Record<keyof typeof enReasons, string> = {
  'reason.exact': 'بصمة {hash} تطابق {where}',
  'reason.knownGood': 'بصمة {hash} موجودة في {where} من المواد المعروفة السليمة',
  'reason.near': 'بصمة PDQ على بُعد {bits} من {where}{variant}',
  'reason.category': '{text} (الفئة {category})',
  'reason.where.media': 'الوسيط رقم {id}',
  'reason.where.hashOnly': 'مجموعة بصمات مشاركة كبصمات فقط',
  'reason.where.hashSet': 'مجموعة البصمات "{name}"',
  'reason.variant.rot90': '، بعد تدويرها 90°',
  'reason.variant.rot180': '، بعد تدويرها 180°',
  'reason.variant.rot270': '، بعد تدويرها 270°',
  'reason.variant.flipx': '، معكوسة أفقيًا',
  'reason.variant.flipy': '، معكوسة رأسيًا',
  'reason.variant.flipplus1': '، معكوسة على القطر',
  'reason.variant.flipminus1': '، معكوسة على القطر المعاكس',
  'reason.video':
    'vPDQ: {query}% من إطارات هذا الفيديو موجودة في الوسيط رقم {id}{range}؛ و{compared}% من إطاراته موجودة هنا',
  'reason.videoRange': ' (من {from} إلى {to} فيه)',
  'reason.camera': 'الرقم التسلسلي للكاميرا {serial} موجود أيضًا على {media}',
  'reason.noMatch': 'لا تطابق تامًّا ولا شبه مطابق',
  'reason.notCompared': 'لا تطابق تامًّا؛ ولم تُقارَن بحثًا عن شبه المطابقات',
  'reason.sameContent': 'المحتوى نفسه في {path}',
  'reason.failed.read': 'تعذّرت القراءة: {message}',
  'reason.failed.decode': 'تعذّر فك الترميز: {message}',
  'reason.failed.video': 'تعذّرت معالجة الفيديو: {message}',
  'reason.failed.metadata': 'تعذّرت قراءة البيانات الوصفية: {message}',
  'reason.videoDamaged': 'الفيديو تالف: تجاوز ffmpeg {problems} أثناء فك الترميز: {list}',
};
