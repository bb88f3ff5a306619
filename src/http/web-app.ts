import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PACKAGE_ROOT } from '../app/index.js';
import { AppError } from '../core/index.js';

/**
 * Serves the web dashboard (`web/`, built by Vite into `web/dist`) under `/app/`. The files are
 * public: they hold no data, and the page asks the API for everything as the signed-in user, so
 * the role table applies to every byte of data it shows. A missing build is a clear 503 rather
 * than a blank page.
 */

export const WEB_APP_DIR = join(PACKAGE_ROOT, 'web', 'dist');

export function registerWebApp(app: FastifyInstance, root = WEB_APP_DIR): void {
  app.get('/app', (_request, reply) => reply.redirect('/app/', 302));
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/app/*', () => {
      throw new AppError('NOT_FOUND', {
        detail: `the web dashboard is not built (no ${join(root, 'index.html')}); run scripts/setup`,
      });
    });
    return;
  }
  void app.register(fastifyStatic, {
    root,
    prefix: '/app/',
    // Vite names assets by content hash; index.html must be fetched fresh to pick up new names.
    cacheControl: false,
    dotfiles: 'deny',
    index: ['index.html'],
    redirect: false,
    wildcard: true,
  });
}
