import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliDatabase, openTestStore } from '../testing/cli-database.js';
import { commandRunner } from './command-runner.js';
import { registerRemovalOrder } from './removal-order.js';

/** `rasd removal-order add`, in-process, on a temporary SQLite file (or PostgreSQL database). */

const dir = mkdtempSync(join(tmpdir(), 'rasd-removal-order-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rasd = commandRunner(registerRemovalOrder);

describe('rasd removal-order add', () => {
  it('records an order once, audited, and prints its deadline', async () => {
    const db = await cliDatabase(join(dir, 'orders.db'));
    const receivedAt = new Date(Date.now() - 15 * 60_000).toISOString();
    const args = ['removal-order', 'add', '--authority', 'Test Authority', '--reference', 'TCO-9'];
    const link = ['--link', 'https://t.me/synthetic_channel/1', '--link', 'https://t.me/synthetic_channel/2'];
    const said = await rasd([...args, ...link, '--received-at', receivedAt, '--db', db]);
    const deadline = new Date(Date.parse(receivedAt) + 3_600_000).toISOString();
    expect(said).toMatch(new RegExp(`^tco_[0-9a-f]{32}\\tdeadline ${deadline}\\t(45|46) min left\\n$`));
    await expect(rasd([...args, ...link, '--db', db])).rejects.toThrow(/recorded already/);
    await expect(rasd([...args, '--db', db])).rejects.toThrow(/item link or an item key/);
    await expect(rasd([...args, '--link', 'nope', '--db', db])).rejects.toThrow(/itemLinks/);

    const store = await openTestStore(db);
    const [order] = await store.listRemovalOrders({ limit: 10 });
    expect(order).toMatchObject({
      orderId: said.split('\t')[0],
      status: 'open',
      receivedAt,
      itemLinks: ['https://t.me/synthetic_channel/1', 'https://t.me/synthetic_channel/2'],
      recordedBy: expect.stringMatching(/^cli:/),
    });
    const audit = (await store.listAudit({ limit: 10 })).rows.filter((e) => e.action === 'removal-order.received');
    expect(audit).toMatchObject([{ target: order?.orderId, details: { reference: 'TCO-9' } }]);
    await store.close();
  });
});
