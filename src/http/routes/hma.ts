import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/index.js';
import { createMediaBanks, mediaBanksOf } from '../../app/media-banks.js';
import { registerCuration } from './hma-curation.js';
import type { HmaDeps } from './hma-deps.js';
import { registerHashing } from './hma-hashing.js';
import { registerMatching } from './hma-matching.js';

/**
 * The HMA-compatible API (Meta's Hasher-Matcher-Actioner, OpenMediaMatch blueprints): `/h`
 * hasher, `/m` matcher, `/c` curator, with HMA's paths, parameters and response shapes, so
 * HMA clients and scripts work against Rasd. Off until `hma.roles` lists roles, because the
 * curator routes write to banks and the rest of the API is read-only.
 *
 * Roles and auth: HMA leaves auth to a reverse proxy and splits roles per process; in Rasd every
 * HMA route goes through the one role table (`review/roles.ts`): hasher and matcher for analysts
 * and admins, curator for admins only. The HMA roles a server plays are chosen per process in config. Run a matcher-only server for
 * platforms and a curator server for the people who maintain banks.
 *
 * The routes share the scan's media banks when the context has them (one index per process);
 * otherwise they keep their own, stopped when the server closes.
 */
export function registerHmaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const settings = ctx.config.hma;
  if (settings.roles.length === 0) return;
  void app.register(async (hma) => {
    const shared = mediaBanksOf(ctx);
    const banks = shared ?? createMediaBanks(ctx.store, ctx.config, ctx.log);
    if (shared === undefined) hma.addHook('onClose', () => banks.stop());
    const limit = { parseAs: 'buffer', bodyLimit: settings.maxMediaBytes } as const;
    const keep = (_request: unknown, body: Buffer, done: (error: null, body: Buffer) => void) => done(null, body);
    hma.addContentTypeParser(['multipart/form-data', 'application/octet-stream'], limit, keep);
    hma.addContentTypeParser(/^(image|video)\//, limit, keep);
    const deps: HmaDeps = {
      ctx,
      banks,
      roles: new Set(settings.roles),
      fetch: {
        hosts: settings.fetchHosts,
        maxBytes: settings.maxMediaBytes,
        timeoutMs: settings.fetchTimeoutSeconds * 1000,
      },
      maxMediaBytes: settings.maxMediaBytes,
    };
    if (deps.roles.has('hasher')) registerHashing(hma, deps);
    if (deps.roles.has('matcher')) registerMatching(hma, deps);
    if (deps.roles.has('curator')) registerCuration(hma, deps);
    // A matcher loads its index at start, as HMA's does, rather than on the first lookup.
    hma.addHook('onReady', async () => {
      await banks.ready();
    });
  });
}
