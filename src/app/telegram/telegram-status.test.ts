import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { itemKey } from '../../core/index.js';
import { makeAction, makeAssessment, makeBatch, makeItem } from '../../storage/contract/fixtures.js';
import type { Store } from '../../storage/ports.js';
import type { AppContext } from '../context.js';
import { freshStore } from '../testing.js';
import { telegramStatus } from './telegram-status.js';

let dir: string;
let store: Store;
let ctx: AppContext;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-tg-status-'));
  store = await freshStore();
  ctx = {
    config: loadConfig({}, { telegram: { sessionFile: join(dir, 'tg.session') } }),
    store,
  } as unknown as AppContext;
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const AT = '2026-05-01T10:00:00.000Z';

describe('telegramStatus', () => {
  it('counts Telegram actions by status and deletions by remover, lists watches and chats, and sees the session file', async () => {
    expect((await telegramStatus(ctx)).session).toBe('missing');
    const items = ['1', '2', '3'].map((m) => makeItem({ chatId: '1234567890', messageId: m }));
    await store.saveBatch(makeBatch({ items, assessments: items.map((i) => makeAssessment(i)) }));
    const [a, b, c] = items.map((i) => makeAction(itemKey(i)));
    await store.requestAction(a!);
    await store.requestAction(b!);
    await store.recordAttempt(b!.id, { status: 'confirmed', attempts: 1, lastAttemptAt: AT, confirmedAt: AT });
    await store.requestAction({ ...c!, kind: 'refer', target: 'referral' });
    await store.recordDeletion({
      platform: 'telegram',
      chatId: '1234567890',
      messageId: '1',
      deletedAt: AT,
      source: 'mtproto',
      removedBy: 'author',
    });
    await store.recordDeletion({
      platform: 'telegram',
      chatId: '1234567890',
      messageId: '2',
      deletedAt: AT,
      source: 'mtproto',
      removedBy: 'rasd',
    });
    await store.saveWatch({
      ref: '@samplechannel',
      join: false,
      active: true,
      addedAt: AT,
      addedBy: 'cli:test',
      backfill: { state: 'pending', fetched: 0 },
      updatedAt: AT,
    });
    await store.saveModeratedChat({
      chatId: '1234567890',
      type: 'supergroup',
      rights: { status: 'administrator', canDeleteMessages: true, canRestrictMembers: false },
      checkedAt: AT,
    });
    await writeFile(join(dir, 'tg.session'), '{}');
    const status = await telegramStatus(ctx);
    expect(status.session).toBe('saved');
    expect(status.actions).toEqual({ requested: 1, sent: 0, confirmed: 1, failed: 0, cancelled: 0, 'dry-run': 0 });
    expect(status.deletions).toEqual({ author: 1, platform: 0, rasd: 1 });
    expect(status.watches.map((w) => w.ref)).toEqual(['@samplechannel']);
    expect(status.moderated.map((m) => [m.chatId, m.rights.canDeleteMessages])).toEqual([['1234567890', true]]);
  });
});
