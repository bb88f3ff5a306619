import { afterEach, beforeEach } from 'vitest';
import { type BotLog, createModeratorBot, type ModeratorBot, type ModeratorBotOptions } from '../bot-runner.js';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api.js';

/** What a moderator-bot test file shares: a fresh fake Bot API per test, the bots it started, what they logged. */
export interface ModeratorHarness {
  readonly fake: FakeBotApi;
  readonly logged: { level: string; fields: Record<string, unknown>; message: string }[];
  /** A polling bot against the fake, stopped after the test. */
  moderator(options: Partial<ModeratorBotOptions> & Pick<ModeratorBotOptions, 'sink'>): ModeratorBot;
}

/** Registers the per-test set-up and tear-down; read `fake` and `logged` inside tests only. */
export function moderatorHarness(defaults: Partial<ModeratorBotOptions> = {}): ModeratorHarness {
  let fake: FakeBotApi | undefined;
  let bots: ModeratorBot[] = [];
  const logged: ModeratorHarness['logged'] = [];
  const record =
    (level: string) =>
    (fields: object, message: string): void =>
      void logged.push({ level, fields: fields as Record<string, unknown>, message });
  const log: BotLog = { info: record('info'), warn: record('warn'), error: record('error') };
  beforeEach(async () => {
    fake = await startFakeBotApi();
    bots = [];
    logged.length = 0;
  });
  afterEach(async () => {
    for (const bot of bots) await bot.stop();
    await fake?.close();
  });
  const harness: ModeratorHarness = {
    get fake() {
      if (fake === undefined) throw new Error('the fake Bot API exists only inside a test');
      return fake;
    },
    logged,
    moderator(options) {
      const bot = createModeratorBot({
        token: harness.fake.token,
        apiRoot: harness.fake.url,
        mode: 'polling',
        pollTimeoutSeconds: 1,
        log,
        ...defaults,
        ...options,
      });
      bots.push(bot);
      return bot;
    },
  };
  return harness;
}

/** Polls `check` until it holds, failing after `ms`. */
export async function until(check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
