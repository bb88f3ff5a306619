import type { Command } from 'commander';
import { startOutbox } from '../../actions/index.js';
import { createContext, outboxSettings, startScanWorker } from '../../app/index.js';
import { startServer } from '../../http/index.js';
import { type CommonOptions, configOverrides, parsePort } from '../options.js';
import { waitForShutdown } from '../shutdown.js';
import { outboxDeps } from './outbox.js';

interface ServeOptions extends CommonOptions {
  port?: number;
  host?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (binds to 127.0.0.1 unless told otherwise)')
    .option('--port <n>', 'port (default 8080 or RASD_HTTP_PORT)', parsePort)
    .option('--host <host>', 'address to bind (default 127.0.0.1 or RASD_HTTP_HOST)')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: ServeOptions) => {
      await using ctx = await createContext({
        ...configOverrides(options),
        http: {
          ...(options.port !== undefined && { port: options.port }),
          ...(options.host !== undefined && { host: options.host }),
        },
      });
      // Read the targets' secrets before listening, so a bad secret file stops the start.
      const settings = outboxSettings(ctx.config);
      const server = await startServer(ctx, { host: ctx.config.http.host, port: ctx.config.http.port });
      process.stderr.write(
        `rasd: serving ${server.url} (dashboard at ${server.url}/app/, API at ${server.url}/openapi.json)\n`,
      );
      // Referral batches and decision webhooks leave while the server is up (docs/actions.md).
      const outbox =
        Object.keys(settings.targets).length === 0
          ? undefined
          : startOutbox(outboxDeps(ctx.store), settings, {
              intervalMs: ctx.config.outbox.intervalSeconds * 1000,
              onError: (error) => ctx.log.http.error({ err: error }, 'outbox round failed'),
              onDrain: (summary) => {
                if (summary.delivered + summary.retrying + summary.gaveUp > 0)
                  ctx.log.http.info(summary, 'outbox round');
              },
            });
      // Embedded, the server is every role in one process: it also scans what POST /api/items queues.
      // Scaled (bus.url nats://…), that is for `rasd worker`s.
      const worker = ctx.config.bus.url === 'memory' ? startScanWorker(ctx, ctx.bus) : undefined;
      await waitForShutdown();
      await server.close();
      await worker?.stop('finish');
      await outbox?.stop();
    });
}
