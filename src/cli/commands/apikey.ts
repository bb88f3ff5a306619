import type { Command } from 'commander';
import { Option } from 'commander';
import { createContext } from '../../app/index.js';
import { ROLES, type Role } from '../../core/index.js';
import { generateApiKey } from '../../review/api-keys.js';
import { appendAudit } from '../../review/audit-log.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides } from '../options.js';
import { PARTNER_FLAG, partnerPlatforms } from '../partner-option.js';

interface CreateOptions extends CommonOptions {
  role: Role;
  name?: string;
  partner?: string;
}

const DB = ['--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)'] as const;

/**
 * `rasd apikey create --role ROLE [--name N] [--partner P]`: a key for a machine, sent as
 * `Authorization: Bearer <key>`. The key is printed once, alone on standard output; only its
 * SHA-256 is stored, so a lost key is revoked and replaced, never recovered.
 */
export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('API keys for machines (Authorization: Bearer)');
  apikey
    .command('create')
    .description('create a key with a role and print it, once')
    .addOption(new Option('--role <role>', 'what the key may do').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'what the key is for (a platform, a script)', 'unnamed')
    .option(...PARTNER_FLAG)
    .option('--reason <text>', 'why this key is made; recorded in the audit log')
    .option(...DB)
    .action(async (options: CreateOptions) => {
      const partner = partnerPlatforms(options.role, options.partner);
      const secret = generateApiKey();
      const name = (options.name ?? 'unnamed').slice(0, 200);
      await using ctx = await createContext(configOverrides(options));
      const key = await ctx.store.createApiKey({
        id: secret.id,
        name,
        role: options.role,
        keyHash: secret.keyHash,
        ...(partner !== undefined && { partner }),
      });
      await appendAudit(ctx.store, {
        actor: cliActor(),
        action: 'apikey.create',
        target: key.id,
        reason: options.reason ?? 'rasd apikey create (no --reason given)',
        details: { name: key.name, role: key.role, partner: key.partner?.join(',') ?? null },
      });
      process.stderr.write(`created API key ${key.id} "${key.name}" (${key.role}); it is shown only this once:\n`);
      process.stdout.write(`${secret.key}\n`);
    });
  apikey
    .command('revoke')
    .description('revoke a key by its id (key_…); requests with it get 401 from then on')
    .argument('<id>', 'the key id printed at creation')
    .option('--reason <text>', 'why; recorded in the audit log')
    .option(...DB)
    .action(async (id: string, options: CommonOptions) => {
      await using ctx = await createContext(configOverrides(options));
      const key = await ctx.store.revokeApiKey(id);
      await appendAudit(ctx.store, {
        actor: cliActor(),
        action: 'apikey.revoke',
        target: key.id,
        reason: options.reason ?? 'rasd apikey revoke (no --reason given)',
        details: { name: key.name, role: key.role },
      });
      process.stdout.write(`revoked API key ${key.id}\n`);
    });
}
