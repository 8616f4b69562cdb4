/** Arabic messages used across pages, spread into ar.ts. */
export const arShared = {
  'sharing.restricted': 'مقيّدة',
  'sharing.hash_only': 'البصمات فقط',
  'sharing.all': 'كل الجهات',
  'seriesStatus.open': 'مفتوحة',
  'seriesStatus.closed': 'مغلقة',
  'error.status': 'أجاب المركز بالرمز {status}.',
  'error.connectionLost': 'انقطع الاتصال بالمركز.',
};
