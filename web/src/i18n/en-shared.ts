/** English messages used across pages (sharing levels, statuses, errors said by the app itself), spread into en.ts. */
export const enShared = {
  'sharing.restricted': 'Restricted',
  'sharing.hash_only': 'Hashes only',
  'sharing.all': 'Every agency',
  'seriesStatus.open': 'Open',
  'seriesStatus.closed': 'Closed',
  'place.country': 'Country',
  'place.position': 'Position',
  'place.noPosition': 'not recorded',
  'place.description': 'Description',
  'place.recorded': 'Recorded',
  'place.linked': 'Linked records',
  'place.record': '{kind} #{id}',
  'error.status': 'The hub answered {status}.',
  'error.connectionLost': 'The connection to the hub was lost.',
};
