/**
 * The web app (web/, built into dist/web by `npm run build`): static files and, for any other
 * page path, index.html (the app routes in the browser). Public: the app shell holds no data,
 * every datum comes through the API's own checks. API and docs paths never fall back to the app.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Type } from 'typebox';
import { AppError } from '../../domain/app-error.js';
import type { RouteModule } from '../http-app.js';

export const WEB_ROOT = resolve(import.meta.dirname, '../../../dist/web');

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Vigil</title>
<p>The web app is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds first).
The API is at <a href="/docs">/docs</a>.</p>`;

export const webRoutes: RouteModule = async (app) => {
  const built = existsSync(join(WEB_ROOT, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: WEB_ROOT, serve: false });
  app.get(
    '/*',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['web'],
        summary: 'The web app (static files; index.html for app paths)',
        hide: true,
        response: { 200: Type.String() },
      },
    },
    async (request, reply) => {
      const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
      if (path.startsWith('/api/') || path.startsWith('/docs')) {
        throw new AppError('not-found', `No route ${request.method} ${path}.`);
      }
      if (!built) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
      const file = normalize(path).replace(/^([/\\])+/, '');
      const full = join(WEB_ROOT, file);
      if (file !== '' && full.startsWith(WEB_ROOT) && existsSync(full) && statSync(full).isFile()) {
        const immutable = file.startsWith('assets/');
        return reply.sendFile(file, { maxAge: immutable ? '365d' : 0, immutable });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0 });
    },
  );
};
