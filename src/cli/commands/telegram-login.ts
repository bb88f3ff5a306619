import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createContext, importTelegramSession, requireTelegramSecrets, telegramLogin } from '../../app/index.js';
import { appendAudit } from '../../review/audit-log.js';
import { cliActor } from '../cli-actor.js';
import { type CommonOptions, configOverrides } from '../options.js';

interface LoginFlags extends CommonOptions {
  phone?: string;
  sessionStringStdin?: boolean;
}

/** A GramJS session string is a few hundred characters; anything far longer is not one. */
const MAX_SESSION_CHARS = 4096;

/**
 * `rasd telegram login`: signs the monitor's user account in once (phone, the code Telegram
 * sends, the two-step password if set) and saves the session sealed with RASD_TELEGRAM_SESSION_KEY
 * in `telegram.sessionFile`. Prompts go to stderr and answers come from stdin, so the code and
 * password never reach argv or shell history; the session itself is never printed.
 */
export function registerTelegramLogin(group: Command): void {
  group
    .command('login')
    .description('sign the monitor’s Telegram account in and save the session encrypted (audited)')
    .option('--phone <number>', 'the account’s phone number in international form, e.g. +4915…')
    .option('--session-string-stdin', 'seal an existing GramJS session string read from stdin instead of signing in')
    .option('--db <path>', 'SQLite file (default ./rasd.db or RASD_DATABASE_URL)')
    .action(async (options: LoginFlags) => {
      await using ctx = await createContext(configOverrides(options));
      requireTelegramSecrets(ctx, ['apiId', 'apiHash', 'sessionKey']);
      let file: string;
      if (options.sessionStringStdin) {
        file = await importTelegramSession(ctx, await readSessionString(process.stdin));
      } else {
        const prompt = new Prompt();
        try {
          const phone = options.phone ?? (await prompt.ask('phone number (international, e.g. +4915…): '));
          file = await telegramLogin(ctx, {
            phone: phone.trim(),
            code: () => prompt.ask('the code Telegram sent to the account: '),
            password: () => prompt.ask('two-step verification password: ', { hidden: true }),
          });
        } finally {
          prompt.close();
        }
      }
      await appendAudit(ctx.store, {
        actor: cliActor(),
        action: 'telegram.login',
        target: ctx.config.telegram.account,
        reason: options.sessionStringStdin ? 'existing session imported' : 'signed in',
        details: { sessionFile: file },
      });
      process.stdout.write(`session saved to ${file}\n`);
    });
}

/** The first non-empty line of stdin, bounded; never echoed. */
async function readSessionString(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.length > MAX_SESSION_CHARS + 2) break;
  }
  const session = text.trim().split(/\r?\n/)[0]?.trim() ?? '';
  if (session === '' || session.length > MAX_SESSION_CHARS || !/^[A-Za-z0-9+/=_-]+$/.test(session)) {
    throw new Error('standard input must hold one GramJS session string (base64, one line)');
  }
  return session;
}

/**
 * Questions on stderr, answers from stdin, one line each. A hidden answer is not echoed on a
 * terminal (the readline output is muted while it is typed); piped input is never echoed anyway.
 */
class Prompt {
  private muted = false;
  private readonly lines: Interface;

  constructor() {
    const output = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (!this.muted) process.stderr.write(chunk);
        done();
      },
    });
    this.lines = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  }

  ask(question: string, options: { hidden?: boolean } = {}): Promise<string> {
    process.stderr.write(question);
    return new Promise((resolve, reject) => {
      const closed = () => reject(new Error('standard input ended before the answer'));
      this.lines.once('close', closed);
      this.muted = options.hidden === true;
      this.lines.question('', (answer) => {
        this.lines.off('close', closed);
        if (this.muted) process.stderr.write('\n');
        this.muted = false;
        resolve(answer.trim());
      });
    });
  }

  close(): void {
    this.lines.close();
  }
}
