import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLoggers } from './logger.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, root: createLoggers('info', sink).root };
}

describe('logger redaction', () => {
  it('hides Telegram secrets at the top level and one level down, and keeps ids', () => {
    const { lines, root } = capture();
    root.info(
      {
        chatId: '42',
        botToken: 'bot-secret-1',
        apiHash: 'hash-secret-2',
        sessionKey: 'key-secret-3',
        webhookSecret: 'hook-secret-4',
        secretToken: 'secret-5',
        token: 'token-secret-6',
        session: 'session-secret-7',
        telegram: { botToken: 'bot-secret-8', secret_token: 'secret-9' },
        req: { headers: { 'x-telegram-bot-api-secret-token': 'header-secret-10' } },
      },
      'telegram.started',
    );
    const out = lines.join('');
    expect(out).toContain('"chatId":"42"');
    expect(out).not.toMatch(/secret-\d+/);
    expect(out).toContain('[redacted]');
  });
});
