import { type Logger, pino } from 'pino';

/**
 * Subsystem loggers, declared once. Never log message text, captions, media, tokens or session
 * strings: ids, hashes, counts, signal names and scores only. The redact list is a second net
 * for fields that should never have been passed in.
 */
const SECRET_KEYS = [
  'token',
  'apiToken',
  'botToken',
  'apiHash',
  'session',
  'sessionKey',
  'webhookSecret',
  'secretToken',
  'secret_token',
  'password',
  'authorization',
  '["x-telegram-bot-api-secret-token"]',
];

/** Secrets are caught at the top level and one level down (`{ telegram: { botToken } }`, `req.headers`). */
export const REDACTED_FIELDS = [
  'text',
  'caption',
  'item.text',
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => (key.startsWith('[') ? `*${key}` : `*.${key}`)),
  'req.headers.authorization',
  'req.headers["x-telegram-bot-api-secret-token"]',
];

export interface Loggers {
  root: Logger;
  scan: Logger;
  http: Logger;
  storage: Logger;
  ingest: Logger;
}

export function createLoggers(level: string, destination: NodeJS.WritableStream = process.stderr): Loggers {
  const root = pino({ level, redact: { paths: REDACTED_FIELDS, censor: '[redacted]' } }, destination);
  return {
    root,
    scan: root.child({ subsystem: 'scan' }),
    http: root.child({ subsystem: 'http' }),
    storage: root.child({ subsystem: 'storage' }),
    ingest: root.child({ subsystem: 'ingest' }),
  };
}
