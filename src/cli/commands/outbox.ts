import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  type DrainSummary,
  drainOutbox,
  type OutboxDeps,
  type OutboxSettings,
  type OutboxTarget,
  startOutbox,
} from '../../actions/index.js';
import { createContext, outboxSettings } from '../../app/index.js';
import { appendAudit } from '../../review/audit-log.js';
import type { OutboxStatus, Store } from '../../storage/index.js';
import { type CommonOptions, configOverrides, parsePositive } from '../options.js';
import { waitForShutdown } from '../shutdown.js';

interface RunFlags extends CommonOptions {
  once?: boolean;
  intervalSeconds: number;
  maxAttempts?: number;
  target: string[];
  secretFile: string[];
}

interface ListFlags extends CommonOptions {
  status?: string;
  limit: number;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `NAME=VALUE` pairs into a map; a name given twice is a mistake, not an override. */
function pairs(values: readonly string[], flag: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const value of values) {
    const at = value.indexOf('=');
    const name = value.slice(0, at);
    if (at < 1 || at === value.length - 1) throw new Error(`${flag} takes NAME=VALUE, got "${value}"`);
    if (map.has(name)) throw new Error(`${flag} names "${name}" twice`);
    map.set(name, value.slice(at + 1));
  }
  return map;
}

/**
 * The targets from the flags. A secret comes from a file, never from the command line, where
 * `ps` and shell history would show it. Without --target, `outbox.targets` in the config apply.
 */
export function settingsFromFlags(flags: Pick<RunFlags, 'target' | 'secretFile' | 'maxAttempts'>): OutboxSettings {
  const urls = pairs(flags.target, '--target');
  const secretFiles = pairs(flags.secretFile, '--secret-file');
  const targets: Record<string, OutboxTarget> = {};
  for (const [name, url] of urls) {
    if (!/^https?:\/\//.test(url)) throw new Error(`--target ${name}: the URL must be http(s), got "${url}"`);
    const file = secretFiles.get(name);
    if (file === undefined) throw new Error(`--target ${name} has no --secret-file ${name}=PATH`);
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 16) throw new Error(`the secret of ${name} in ${file} is shorter than 16 characters`);
    targets[name] = { url, secret };
  }
  for (const name of secretFiles.keys()) {
    if (!urls.has(name)) throw new Error(`--secret-file ${name} has no --target ${name}=URL`);
  }
  return { targets, ...(flags.maxAttempts !== undefined && { maxAttempts: flags.maxAttempts }) };
}

/** The outbox's dependencies over a store: deliveries and give-ups go to its audit log. */
export function outboxDeps(store: Store): OutboxDeps {
  return { store, audit: (event, at) => appendAudit(store, event, () => at) };
}

function line(summary: DrainSummary): string {
  return `${summary.delivered} delivered, ${summary.retrying} to retry, ${summary.gaveUp} given up\n`;
}

/**
 * `rasd outbox`: delivers what Rasd must tell the outside world (referral batches, decision
 * webhooks), signed, retried with backoff, audited (docs/actions.md). `run --once` drains what
 * is due and exits, for cron; without it, it drains every interval until Ctrl-C.
 */
export function registerOutbox(program: Command): void {
  const outbox = program.command('outbox').description('deliveries to platforms and webhooks (audited)');
  outbox
    .command('run')
    .description('deliver due outbox rows to their targets')
    .option('--once', 'drain what is due now, then exit')
    .option('--interval-seconds <n>', 'seconds between drains when not --once', parsePositive, 30)
    .option('--target <name=url>', 'where a destination is delivered (repeat per platform)', collect, [])
    .option('--secret-file <name=path>', "file holding a destination's HMAC secret", collect, [])
    .option('--max-attempts <n>', 'attempts before a row is given up on (default 8)', parsePositive)
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (flags: RunFlags) => {
      await using ctx = await createContext(configOverrides(flags));
      // Flags name the targets for a one-off run; without them, the config's outbox.targets apply.
      const settings =
        flags.target.length > 0
          ? settingsFromFlags(flags)
          : {
              ...outboxSettings(ctx.config),
              ...(flags.maxAttempts !== undefined && { maxAttempts: flags.maxAttempts }),
            };
      if (Object.keys(settings.targets).length === 0) {
        process.stderr.write('rasd: no --target and no outbox.targets in the config: every row waits\n');
      }
      const deps = outboxDeps(ctx.store);
      if (flags.once) {
        process.stdout.write(line(await drainOutbox(deps, settings)));
        return;
      }
      await using _loop = startOutbox(deps, settings, {
        intervalMs: flags.intervalSeconds * 1000,
        onDrain: (summary) => {
          if (summary.delivered + summary.retrying + summary.gaveUp > 0) process.stdout.write(line(summary));
        },
        onError: (error) => process.stderr.write(`rasd: outbox: ${(error as Error).message}\n`),
      });
      await waitForShutdown();
    });
  outbox
    .command('list')
    .description('outbox rows, newest first (ids, destinations, status; no payloads)')
    .option('--status <status>', 'pending, delivered or failed')
    .option('--limit <n>', 'rows', parsePositive, 50)
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (flags: ListFlags) => {
      const status = flags.status;
      if (status !== undefined && !['pending', 'delivered', 'failed'].includes(status)) {
        throw new Error(`--status must be pending, delivered or failed, got "${status}"`);
      }
      await using ctx = await createContext(configOverrides(flags));
      const rows = await ctx.store.listOutbox({
        limit: flags.limit,
        ...(status !== undefined && { status: status as OutboxStatus }),
      });
      for (const r of rows) {
        const error = r.lastError === undefined ? '' : `\t${r.lastError}`;
        process.stdout.write(`${r.id}\t${r.destination}\t${r.type}\t${r.status}\t${r.attempts} attempts${error}\n`);
      }
    });
}
