/**
 * Liveness (`/health`: the process answers) and readiness (`/ready`: the database answers), for
 * load balancers and orchestrators. Public and cheap; they reveal nothing about the data.
 */
import { Type } from 'typebox';
import { AppError } from '../../domain/app-error.js';
import { databaseReady } from '../../storage/database-ready.js';
import type { RouteModule } from '../http-app.js';

const Status = Type.Object({ status: Type.Literal('ok') });

export const healthRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/health',
    {
      config: { access: { public: true } },
      schema: { tags: ['health'], summary: 'Liveness', response: { 200: Status } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      config: { access: { public: true } },
      schema: { tags: ['health'], summary: 'Readiness: the database answers', response: { 200: Status } },
    },
    async () => {
      try {
        await databaseReady(vigil.database.db);
      } catch (cause) {
        throw new AppError('missing-dependency', 'The database does not answer.', { cause });
      }
      return { status: 'ok' as const };
    },
  );
};
