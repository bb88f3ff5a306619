import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Secrets } from '../../config/index.js';
import { loadSession } from '../../connectors/telegram/mtproto/session-vault.js';
import type { AppContext } from '../context.js';
import { importTelegramSession, openSavedPort } from './telegram-session.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-tg-session-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const KEY = 'ab'.repeat(32);
/** Only config and secrets are read by these functions. */
const contextWith = (telegram: Secrets['telegram']): AppContext =>
  ({
    config: loadConfig({}, { telegram: { sessionFile: join(dir, 'tg.session') } }),
    secrets: telegram === undefined ? {} : { telegram },
  }) as AppContext;

describe('telegram session (app side)', () => {
  it('imports a session string sealed at rest (0600), readable only with the key', async () => {
    const session = `1${'A'.repeat(300)}=`;
    const file = await importTelegramSession(contextWith({ sessionKey: KEY }), session);
    expect(file).toBe(join(dir, 'tg.session'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).not.toContain(session.slice(0, 40));
    expect(await loadSession(file, KEY)).toBe(session);
  });

  it('refuses to import without the session key, naming the variable', async () => {
    await expect(importTelegramSession(contextWith(undefined), 'x')).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      detail: expect.stringContaining('RASD_TELEGRAM_SESSION_KEY'),
    });
  });

  it('says to log in first when no session is saved', async () => {
    await expect(
      openSavedPort(contextWith({ apiId: 1, apiHash: 'h'.repeat(32), sessionKey: KEY })),
    ).rejects.toMatchObject({
      code: 'TELEGRAM_SESSION_INVALID',
      detail: expect.stringContaining('rasd telegram login'),
    });
  });

  it('a wrong session key fails with a sentence that holds neither key nor session', async () => {
    const session = `1${'B'.repeat(300)}=`;
    await importTelegramSession(contextWith({ sessionKey: KEY }), session);
    const other = 'cd'.repeat(32);
    const error = await openSavedPort(contextWith({ apiId: 1, apiHash: 'h'.repeat(32), sessionKey: other })).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toMatchObject({ code: 'TELEGRAM_SESSION_INVALID' });
    const said = `${error?.message} ${JSON.stringify(error)}`;
    for (const secret of [KEY, other, session.slice(0, 40), 'h'.repeat(32)]) expect(said).not.toContain(secret);
  });
});
