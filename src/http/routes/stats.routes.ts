/** Statistics: your agency's figures by year and the hub's totals, counts only (StatsService says what is shown). */
import type { RouteModule } from '../http-app.js';
import { callerOf } from './caller.js';
import { StatsOut } from './stats.schema.js';

/** Casework readers see the figures (viewers, analysts, admins); see stats.service.ts. */
const READ = { kind: 'series', action: 'read' } as const;

export const statsRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/api/v1/stats',
    {
      config: { access: READ },
      schema: {
        tags: ['stats'],
        summary: "Media, series, identified victims and offenders: your agency's by year, the hub's totals",
        response: { 200: StatsOut },
      },
    },
    async (request) => vigil.stats.get(callerOf(request)),
  );
};
