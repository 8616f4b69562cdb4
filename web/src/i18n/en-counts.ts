/**
 * English counted messages (plural.ts): one text per plural category, `{n}` the count. Sentences
 * with several counts keep a frame in en.ts and take each counted noun from here.
 */
import type { PluralForms } from './plural.js';

export const enCounts = {
  'lookup.matches': { one: '{n} match', other: '{n} matches' },
  'admin.rate': { one: '{n} request/minute', other: '{n} requests/minute' },
  'cases.exhibitCounts': { one: '{n} file processed', other: '{n} files processed' },
  'dashboard.alerts': { one: '{n} unread alert', other: '{n} unread alerts' },
  'grid.title': { one: 'Review: {n} item', other: 'Review: {n} items' },
  'count.agencies': { one: '{n} agency', other: '{n} agencies' },
  'count.bits': { one: '{n} bit', other: '{n} bits' },
  'count.bytes': { one: '{n} byte', other: '{n} bytes' },
  'count.connections': { one: '{n} connection', other: '{n} connections' },
  'count.distinctMedia': { one: '{n} distinct media item', other: '{n} distinct media' },
  'count.events': { one: '{n} event', other: '{n} events' },
  'count.exhibits': { one: '{n} exhibit', other: '{n} exhibits' },
  'count.files': { one: '{n} file', other: '{n} files' },
  'count.knownMedia': { one: '{n} known media item', other: '{n} known media items' },
  'count.problems': { one: '{n} problem', other: '{n} problems' },
  'count.media': { one: '{n} media item', other: '{n} media' },
  'count.nodes': { one: '{n} node', other: '{n} nodes' },
  'count.places': { one: '{n} place', other: '{n} places' },
  'count.series': { one: '{n} series', other: '{n} series' },
  'count.victims': { one: '{n} victim', other: '{n} victims' },
  'count.victimsIdentified': { one: '{n} victim identified', other: '{n} victims identified' },
} satisfies Record<string, PluralForms>;

export type CountKey = keyof typeof enCounts;
export type CountMessages = Record<CountKey, PluralForms>;
