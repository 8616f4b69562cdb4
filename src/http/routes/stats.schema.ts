/** Response schema of the statistics route (stats.routes.ts). */
import { Type } from 'typebox';
import { Id, Millis } from './record-common.schema.js';

const ByYear = Type.Array(Type.Object({ year: Type.Integer(), count: Type.Integer() }), {
  description: 'UTC calendar years, oldest first; years without any are left out.',
});
const Tally = Type.Object({ total: Type.Integer(), byYear: ByYear });
const PeopleTally = Type.Object({
  records: Type.Integer(),
  identified: Type.Integer(),
  identifiedByYear: ByYear,
});

const HubCounts = {
  media: Type.Integer(),
  series: Type.Integer(),
  victimsIdentified: Type.Integer(),
  offendersIdentified: Type.Integer(),
};

const PerMonth = Type.Array(Type.Integer(), { description: 'One count per month of `recent.months`, in order.' });

export const StatsOut = Type.Object({
  generatedAt: Millis,
  recent: Type.Object(
    {
      months: Type.Array(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }), {
        description: 'The last 12 UTC calendar months, oldest first, the current one last (YYYY-MM).',
      }),
      media: PerMonth,
      series: PerMonth,
      victimsIdentified: PerMonth,
      offendersIdentified: PerMonth,
    },
    {
      description:
        'Your agency, month by month: media first sighted, series recorded, victims and offenders identified.',
    },
  ),
  jobs: Type.Object(
    { queued: Type.Integer(), running: Type.Integer() },
    { description: "Your agency's ingest jobs waiting and running now." },
  ),
  agency: Type.Object(
    {
      id: Id,
      media: Tally,
      series: Tally,
      victims: PeopleTally,
      offenders: PeopleTally,
    },
    { description: 'Your agency: media it holds (by first sighting), series it owns, its person records.' },
  ),
  installation: Type.Object(
    {
      agencies: Type.Integer(),
      media: Type.Integer(),
      series: Type.Integer(),
      victimsIdentified: Type.Integer(),
      offendersIdentified: Type.Integer(),
      byYear: Type.Array(Type.Object({ year: Type.Integer(), ...HubCounts }), {
        description:
          'The whole hub by UTC year, oldest first: media by when stored, series by when recorded, victims and offenders by when identified; years with nothing left out.',
      }),
      byAgency: Type.Array(Type.Object({ agencyId: Id, name: Type.String(), ...HubCounts }), {
        description:
          'Each agency, by name: media it holds (distinct, sighted in its exhibits), series it owns, victims and offenders it identified. Counts only.',
      }),
    },
    { description: 'The whole hub (recounted at most once a minute).' },
  ),
});
