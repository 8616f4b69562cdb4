/**
 * The audit log for auditors: who did what to which record, filtered and paged newest first, and
 * a check of the whole hash chain. AuditQueryService holds the scope (the caller's agency's
 * events and events about its records).
 */
import type { RouteModule } from '../http-app.js';
import { AuditPage, AuditQuery, ChainCheckOut } from './audit.schema.js';
import { callerOf } from './caller.js';

const tags = ['audit'];
const READ = { kind: 'audit_event', action: 'read' } as const;

export const auditRoutes: RouteModule = (app, vigil) => {
  const audit = vigil.auditQueries;

  app.get(
    '/api/v1/audit',
    {
      config: { access: READ },
      schema: {
        tags,
        summary: 'Audit events by your agency or about its records, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => audit.query(callerOf(request), request.query),
  );

  app.get(
    '/api/v1/audit/verify',
    {
      // A full read of the log: a few a minute are plenty.
      config: { access: READ, rateLimit: { max: 6, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Verify the audit hash chain: intact, or where it first breaks',
        response: { 200: ChainCheckOut },
      },
    },
    async () => audit.verify(),
  );
};
