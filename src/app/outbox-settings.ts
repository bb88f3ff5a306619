import { readFileSync } from 'node:fs';
import type { OutboxSettings, OutboxTarget } from '../actions/index.js';
import { AppError } from '../core/index.js';
import type { AppContext } from './context.js';

/** Shorter than this is a placeholder or a typo, not an HMAC key a receiver should trust. */
const MIN_SECRET_LENGTH = 16;

/**
 * The outbox's delivery settings from `outbox.*` in the config, with each target's HMAC secret
 * read from its `secretFile` now, so a missing or weak secret stops the start with the key to
 * fix rather than failing every delivery later.
 */
export function outboxSettings(config: AppContext['config']): OutboxSettings {
  const targets: Record<string, OutboxTarget> = {};
  for (const [name, target] of Object.entries(config.outbox.targets)) {
    const pointer = `outbox.targets.${name}.secretFile`;
    let secret: string;
    try {
      secret = readFileSync(target.secretFile, 'utf8').trim();
    } catch (cause) {
      throw new AppError('CONFIG_INVALID', {
        detail: `cannot read the HMAC secret of outbox target "${name}" from ${target.secretFile} (${(cause as Error).message})`,
        pointer,
        cause,
      });
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new AppError('CONFIG_INVALID', {
        detail: `the HMAC secret of outbox target "${name}" in ${target.secretFile} is shorter than ${MIN_SECRET_LENGTH} characters`,
        pointer,
      });
    }
    targets[name] = { url: target.url, secret, ...(target.timeoutMs !== undefined && { timeoutMs: target.timeoutMs }) };
  }
  return { targets, maxAttempts: config.outbox.maxAttempts };
}
