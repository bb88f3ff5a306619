import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { outboxSettings } from './outbox-settings.js';

const dir = mkdtempSync(join(tmpdir(), 'rasd-outbox-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configWith(secretFile: string) {
  return loadConfig({}, { outbox: { targets: { telegram: { url: 'https://abuse.example/rasd', secretFile } } } });
}

describe('outboxSettings', () => {
  it('reads each target secret from its file, trimmed', () => {
    writeFileSync(join(dir, 'ok.secret'), '  0123456789abcdef-long \n');
    const settings = outboxSettings(configWith(join(dir, 'ok.secret')));
    expect(settings.targets.telegram).toEqual({ url: 'https://abuse.example/rasd', secret: '0123456789abcdef-long' });
    expect(settings.maxAttempts).toBe(8);
  });

  it('names the key to fix when the file is missing or the secret is weak', () => {
    expect(() => outboxSettings(configWith(join(dir, 'none.secret')))).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', pointer: 'outbox.targets.telegram.secretFile' }),
    );
    writeFileSync(join(dir, 'short.secret'), 'short\n');
    expect(() => outboxSettings(configWith(join(dir, 'short.secret')))).toThrow(/shorter than 16/);
  });

  it('has no targets by default, and refuses a target that is not http(s)', () => {
    expect(outboxSettings(loadConfig({})).targets).toEqual({});
    expect(() =>
      loadConfig({}, { outbox: { targets: { x: { url: 'file:///etc/passwd', secretFile: join(dir, 'ok.secret') } } } }),
    ).toThrow();
  });
});
