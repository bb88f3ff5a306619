import type { Command } from 'commander';
import { createContext } from '../../app/index.js';
import { verifyAuditLog } from '../../review/audit-log.js';
import { type CommonOptions, configOverrides } from '../options.js';

/**
 * `rasd audit verify`: walks the hash chain of the audit log. Exit 0 when it holds (and prints
 * the head hash: keep it elsewhere to notice entries cut off the end later), 1 naming the
 * first broken entry otherwise.
 */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('check that no audit entry was edited, deleted, inserted or reordered')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: CommonOptions) => {
      // Read-only: verifying must never append to the chain it checks.
      await using ctx = await createContext(configOverrides(options), { readonly: true });
      const verdict = await verifyAuditLog(ctx.store);
      if (verdict.ok) {
        process.stdout.write(`audit log OK: ${verdict.entries} entries, head ${verdict.head}\n`);
        return;
      }
      process.stderr.write(`rasd: audit log broken at entry #${verdict.seq}: ${verdict.reason}\n`);
      process.exitCode = 1;
    });
}
