import type { Command } from 'commander';
import { formatRemovalClock, removalOrderClock } from '../../actions/index.js';
import { createContext } from '../../app/index.js';
import { recordRemovalOrder, removalOrderInput } from '../../review/removal-order-intake.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides } from '../options.js';

interface AddFlags extends CommonOptions {
  authority: string;
  reference: string;
  receivedAt?: string;
  link: string[];
  item?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `rasd removal-order add`: records an EU TCO removal order as it arrives (audited), and prints
 * its id and the deadline: the content must be gone within one hour of receipt.
 */
export function registerRemovalOrder(program: Command): void {
  const orders = program.command('removal-order').description('EU TCO removal orders and their one-hour deadline');
  orders
    .command('add')
    .description('record a removal order (audited); prints its id and deadline')
    .requiredOption('--authority <name>', 'the issuing competent authority')
    .requiredOption('--reference <ref>', 'the authority’s reference for the order')
    .option('--received-at <time>', 'ISO time of receipt (default now); the hour runs from here')
    .option('--link <url>', 'a URL the order names (repeatable)', collect, [])
    .option('--item <key>', 'the Rasd item key, when Rasd holds the content')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: AddFlags) => {
      const parsed = removalOrderInput.safeParse({
        authority: options.authority,
        reference: options.reference,
        itemLinks: options.link,
        ...(options.receivedAt !== undefined && { receivedAt: options.receivedAt }),
        ...(options.item !== undefined && { itemKey: options.item }),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`);
      }
      await using ctx = await createContext(configOverrides(options));
      const { created, order } = await recordRemovalOrder(ctx.store, parsed.data, cliActor());
      if (!created)
        throw new Error(`${order.authority}'s order ${order.reference} is recorded already as ${order.orderId}`);
      const clock = removalOrderClock(order, Date.now());
      process.stdout.write(`${order.orderId}\tdeadline ${clock.deadline}\t${formatRemovalClock(clock.remainingMs)}\n`);
    });
}
