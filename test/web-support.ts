import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { onPostgres } from '../src/cli/testing/cli-database.js';

/**
 * What the browser tests share (not a test): the built CLI run in a folder, `rasd serve` started
 * on a free port, Debian's Chromium, and signing in through the login form.
 */

export const ROOT = resolve(import.meta.dirname, '..');
export const SHOTS = join(ROOT, 'docs', 'screenshots');
export const PASSWORD = 'correct horse battery staple';
const BIN = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const ENV = { ...process.env, RASD_LOG_LEVEL: 'silent' };

/** Runs `rasd ARGS…` in `dir`; throws with its stderr when it fails; returns its stdout. */
export function runRasd(dir: string, args: string[], input?: string): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input, encoding: 'utf8', env: ENV });
  if (r.status !== 0) throw new Error(`rasd ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/**
 * `rasd serve` in `dir` on the database `db` (a `cliDatabase` value), on a free loopback port;
 * resolves once it serves.
 */
export async function startServe(dir: string, db: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], { cwd: dir, env: ENV });
  const url = await new Promise<string>((done, fail) => {
    let err = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m?.[1]) done(m[1]);
    });
    server.on('exit', () => fail(new Error(`serve exited: ${err}`)));
  });
  return { server, url };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** Signs in through the form, as a person would, and waits for the signed-in header. */
export async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/app/`);
  await page.getByLabel(/user name/i).fill(username);
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Writes docs/screenshots/NAME for the docs, from the SQLite run only. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  // One set of docs pictures: the PostgreSQL run shows the same screens, and the two test
  // projects run side by side, so both writing would race on the same files.
  if (!onPostgres) await page.screenshot({ path: join(SHOTS, name), ...options });
}
