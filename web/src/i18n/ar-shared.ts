/** Arabic messages used across pages, spread into ar.ts. */
export const arShared = {
  'sharing.restricted': 'مقيّدة',
  'sharing.hash_only': 'البصمات فقط',
  'sharing.all': 'كل الجهات',
  'seriesStatus.open': 'مفتوحة',
  'seriesStatus.closed': 'مغلقة',
  'place.country': 'البلد',
  'place.position': 'الموقع',
  'place.noPosition': 'غير مسجّل',
  'place.description': 'الوصف',
  'place.recorded': 'تاريخ التسجيل',
  'place.linked': 'السجلات المرتبطة',
  'place.record': '{kind} رقم {id}',
  'error.status': 'أجاب المركز بالرمز {status}.',
  'error.connectionLost': 'انقطع الاتصال بالمركز.',
};
