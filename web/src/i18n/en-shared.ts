/** English messages used across pages (sharing levels, statuses, errors said by the app itself), spread into en.ts. */
export const enShared = {
  'sharing.restricted': 'Restricted',
  'sharing.hash_only': 'Hashes only',
  'sharing.all': 'Every agency',
  'seriesStatus.open': 'Open',
  'seriesStatus.closed': 'Closed',
  'error.status': 'The hub answered {status}.',
  'error.connectionLost': 'The connection to the hub was lost.',
};
