/** The signed-in person's own exposure counter (ExposureService says what counts). */
import { Type } from 'typebox';
import type { RouteModule } from '../http-app.js';
import { callerOf } from './caller.js';

const ExposureQuery = Type.Object(
  {
    since: Type.Optional(
      Type.Integer({
        description: 'Count from here (ms since 1970; at most 31 days back). Default: the last 24 hours.',
      }),
    ),
  },
  { additionalProperties: false },
);

const ExposureOut = Type.Object({
  items: Type.Integer({ description: 'Distinct media you revealed in the clear (thumbnail, still or original).' }),
  reveals: Type.Integer({ description: 'Reveals in all; the same item twice counts twice.' }),
  since: Type.Integer({ description: 'The moment counted from (ms since 1970).' }),
});

export const exposureRoutes: RouteModule = (app, vigil) => {
  app.get(
    '/api/v1/me/exposure',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['auth'],
        summary: 'How many items you revealed since a moment (the web app asks from the start of your day)',
        querystring: ExposureQuery,
        response: { 200: ExposureOut },
      },
    },
    async (request) => vigil.exposure.mine(callerOf(request), request.query.since),
  );
};
