import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { readEnv } from './env.js';
import { loadSecrets } from './secrets.js';

describe('config', () => {
  it('has safe defaults: loopback, SQLite file, memory bus', () => {
    const config = loadConfig({});
    expect(config.http.host).toBe('127.0.0.1');
    expect(config.db.url).toBe('./rasd.db');
    expect(config.bus.url).toBe('memory');
    expect(config.scan.policyPath).toMatch(/data\/policy\/default\.yaml$/);
  });

  it('layers file < RASD_* < overrides', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasd-config-'));
    const file = join(dir, 'rasd.yaml');
    writeFileSync(file, 'db:\n  url: from-file.db\nhttp:\n  port: 9000\nscan:\n  batchSize: 10\n');
    const env = readEnv({ RASD_CONFIG: file, RASD_HTTP_PORT: '9100', RASD_DATABASE_URL: 'from-env.db', HOME: '/x' });
    expect(env).not.toHaveProperty('HOME');
    const config = loadConfig(env, { db: { url: 'from-flag.db' } });
    expect(config.db.url).toBe('from-flag.db');
    expect(config.http.port).toBe(9100);
    expect(config.scan.batchSize).toBe(10);
  });

  it('names the key of an invalid value and rejects unknown keys', () => {
    expect(() => loadConfig({ RASD_HTTP_PORT: 'eighty' })).toThrowError(
      expect.objectContaining({ code: 'CONFIG_INVALID', pointer: 'http.port' }),
    );
    expect(() => loadConfig({}, { nonsense: 1 } as never)).toThrowError(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => loadConfig({ RASD_CONFIG: '/nonexistent/rasd.yaml' })).toThrowError(/cannot read config file/);
  });

  it('reads the review cap and claim time from file and RASD_*, within bounds', () => {
    expect(loadConfig({}).review).toEqual({ graphicDailyCap: 20, claimMinutes: 15 });
    const env = { RASD_REVIEW_GRAPHIC_DAILY_CAP: '0', RASD_REVIEW_CLAIM_MINUTES: '30' };
    expect(loadConfig(readEnv(env)).review).toEqual({ graphicDailyCap: 0, claimMinutes: 30 });
    expect(loadConfig({}, { review: { claimMinutes: 5 } }).review.claimMinutes).toBe(5);
    for (const [name, value, pointer] of [
      ['RASD_REVIEW_GRAPHIC_DAILY_CAP', '-1', 'review.graphicDailyCap'],
      ['RASD_REVIEW_GRAPHIC_DAILY_CAP', '2.5', 'review.graphicDailyCap'],
      ['RASD_REVIEW_CLAIM_MINUTES', '0', 'review.claimMinutes'],
      ['RASD_REVIEW_CLAIM_MINUTES', '1441', 'review.claimMinutes'],
    ] as const) {
      expect(() => loadConfig({ [name]: value })).toThrowError(
        expect.objectContaining({ code: 'CONFIG_INVALID', pointer }),
      );
    }
  });

  it('keeps the API token in secrets, never in config', () => {
    const env = readEnv({ RASD_API_TOKEN: 's3cret' });
    expect(JSON.stringify(loadConfig(env))).not.toContain('s3cret');
    expect(loadSecrets(env).apiToken).toBe('s3cret');
  });

  it('accepts the example config file as shipped, media sections included', () => {
    const example = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../examples/config/embedded.yaml');
    const config = loadConfig({ RASD_CONFIG: example });
    expect(config.mediaBanks.pdqMaxDistance).toBe(31);
    expect(config.mediaText.videoFrames).toBe(3);
    expect(config.hma.roles).toEqual([]);
  });
});
