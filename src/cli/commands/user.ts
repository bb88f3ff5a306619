import type { Command } from 'commander';
import { Option } from 'commander';
import { createContext } from '../../app/index.js';
import { ROLES, type Role } from '../../core/index.js';
import { appendAudit } from '../../review/audit-log.js';
import { hashPassword } from '../../review/passwords.js';
import { checkUserName } from '../../review/user-name.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides } from '../options.js';
import { PARTNER_FLAG, partnerPlatforms } from '../partner-option.js';
import { readPassword } from '../password-input.js';

interface AddOptions extends CommonOptions {
  role: Role;
  partner?: string;
}

/** `rasd user add NAME --role ROLE [--partner P]`: a person who logs in to the web with a password. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('people who log in to the web dashboard and API');
  user
    .command('add')
    .description('add a user; the password is read from standard input (one line), never from arguments')
    .argument('<name>', 'login name: lower-case letters, digits, . _ -')
    .addOption(new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory())
    .option(...PARTNER_FLAG)
    .option('--reason <text>', 'why this user is added; recorded in the audit log')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (name: string, options: AddOptions) => {
      checkUserName(name);
      const partner = partnerPlatforms(options.role, options.partner);
      if (process.stdin.isTTY) process.stderr.write(`password for ${name} (it will be shown as you type): `);
      const passwordHash = await hashPassword(await readPassword(process.stdin));
      await using ctx = await createContext(configOverrides(options));
      const created = await ctx.store.createUser({
        name,
        role: options.role,
        passwordHash,
        ...(partner !== undefined && { partner }),
      });
      await appendAudit(ctx.store, {
        actor: cliActor(),
        action: 'user.create',
        target: created.name,
        reason: options.reason ?? 'rasd user add (no --reason given)',
        details: { id: created.id, role: created.role, partner: created.partner?.join(',') ?? null },
      });
      const platforms = created.partner === undefined ? '' : ` for ${created.partner.join(', ')}`;
      process.stdout.write(`added user ${created.name} (${created.role}${platforms})\n`);
    });
}
