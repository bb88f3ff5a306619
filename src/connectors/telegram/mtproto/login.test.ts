import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelegramClient } from 'telegram';
import { FloodWaitError, RPCError } from 'telegram/errors/index.js';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { AppError } from '../../../core/index.js';
import { type LoginClient, loginInteractive } from './login.js';
import { loadSession } from './session-vault.js';

const KEY = 'c3'.repeat(32);
const SESSION = '1BVtsOK-example-session-not-real';

/** A GramJS-like client: asks for the code, may fail once with `failure`, then is logged in. */
function fakeClient(failure?: Error): LoginClient & { asked: string[]; stopped?: boolean } {
  const asked: string[] = [];
  let session = '';
  const client = {
    asked,
    session: { save: () => session },
    async start(auth: Parameters<LoginClient['start']>[0]) {
      asked.push(typeof auth.phoneNumber === 'string' ? auth.phoneNumber : await auth.phoneNumber());
      asked.push(await auth.phoneCode());
      if (failure) {
        const stop = await auth.onError(failure);
        if (stop) {
          client.stopped = true;
          return;
        }
        asked.push(await auth.phoneCode());
      }
      asked.push(await (auth.password?.() ?? Promise.resolve('')));
      session = SESSION;
    },
  } as LoginClient & { asked: string[]; stopped?: boolean };
  return client;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rasd-login-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('loginInteractive', () => {
  it('takes GramJS’ TelegramClient as it is', () => {
    const accepts = (client: LoginClient) => client;
    expectTypeOf(accepts).toBeCallableWith({} as TelegramClient);
  });

  it('seals the session with the vault and never prints it', async () => {
    const printed: string[] = [];
    const capture = (chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => printed.push(args.join(' ')));
    }
    const client = fakeClient();
    const path = join(dir, 'session.json');
    const session = await loginInteractive(client, {
      phone: '+10000000000',
      code: async () => '12345',
      password: async () => 'two-step',
      onError: () => {},
      vault: { path, secret: KEY },
    });
    vi.restoreAllMocks();
    expect(session).toBe(SESSION);
    expect(client.asked).toEqual(['+10000000000', '12345', 'two-step']);
    expect(await readFile(path, 'utf8')).not.toContain(SESSION);
    await expect(loadSession(path, KEY)).resolves.toBe(SESSION);
    expect(printed.join('\n')).not.toContain(SESSION);
  });

  it('a wrong code is reported and asked again', async () => {
    const errors: AppError[] = [];
    const client = fakeClient(new RPCError('PHONE_CODE_INVALID', undefined as never, 400));
    await loginInteractive(client, {
      phone: '+10000000000',
      code: async () => '11111',
      password: async () => '',
      onError: (error) => errors.push(error),
    });
    expect(errors.map((e) => e.code)).toEqual(['TELEGRAM_SESSION_INVALID']);
    expect(errors[0]?.detail).toContain('PHONE_CODE_INVALID');
    expect(client.asked).toHaveLength(4);
  });

  it('a flood wait stops the login with the seconds, and no session is saved', async () => {
    const errors: AppError[] = [];
    const client = fakeClient(new FloodWaitError({ request: undefined, capture: 86_400 }));
    const path = join(dir, 'session.json');
    await expect(
      loginInteractive(client, {
        phone: '+10000000000',
        code: async () => '11111',
        password: async () => '',
        onError: (error) => errors.push(error),
        vault: { path, secret: KEY },
      }),
    ).rejects.toMatchObject({ code: 'TELEGRAM_SESSION_INVALID' });
    expect(client.stopped).toBe(true);
    expect(errors[0]).toMatchObject({ code: 'TELEGRAM_RATE_LIMITED' });
    expect(errors[0]?.detail).toContain('86400 seconds');
    await expect(loadSession(path, KEY)).resolves.toBeUndefined();
  });
});
