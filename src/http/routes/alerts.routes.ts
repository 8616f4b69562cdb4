/** The alert inbox of the caller's agency: unread first, the unread count, marking read. Thin: AlertService. */
import type { RouteModule } from '../http-app.js';
import { actorOf } from './actor-of.js';
import { AlertListQuery, AlertOut, AlertPage, UnreadCount } from './alerts.schema.js';
import { IdParams } from './record-common.schema.js';

const tags = ['alerts'];

export const alertRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/api/v1/alerts',
    {
      config: { access: { kind: 'alert', action: 'read' } },
      schema: {
        tags,
        summary: 'This agency’s alerts: unread first, then newest',
        querystring: AlertListQuery,
        response: { 200: AlertPage },
      },
    },
    async (request) => {
      const { unread, limit, offset } = request.query;
      const page = await vigil.alerts.list(actorOf(request.principal), { unreadOnly: unread === true, limit, offset });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/api/v1/alerts/unread-count',
    {
      config: { access: { kind: 'alert', action: 'read' } },
      schema: { tags, summary: 'How many of this agency’s alerts are unread', response: { 200: UnreadCount } },
    },
    async (request) => ({ unread: await vigil.alerts.unreadCount(actorOf(request.principal)) }),
  );

  app.post(
    '/api/v1/alerts/:id/read',
    {
      config: { access: { kind: 'alert', action: 'write' } },
      schema: { tags, summary: 'Mark an alert of this agency read', params: IdParams, response: { 200: AlertOut } },
    },
    async (request) => vigil.alerts.markRead(actorOf(request.principal), request.params.id),
  );
};
