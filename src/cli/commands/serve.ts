import type { Command } from 'commander';
import { createContext } from '../../app/index.js';
import { startServer } from '../../http/index.js';
import { type CommonOptions, configOverrides, parsePort } from '../options.js';
import { waitForShutdown } from '../shutdown.js';

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
      const server = await startServer(ctx, { host: ctx.config.http.host, port: ctx.config.http.port });
      process.stderr.write(`rasd: serving ${server.url} (API at ${server.url}/openapi.json)\n`);
      await waitForShutdown();
      await server.close();
    });
}
