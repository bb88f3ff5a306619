import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase } from '../src/cli/testing/cli-database.js';
import {
  ARABIC_TITLE,
  CLOSED_AT,
  CLOSED_CHAT,
  NETWORK_ITEMS,
  SUCCESSOR_CHAT,
} from '../src/http/fixtures/network-items.js';
import buildOnce from './build-once.js';
import { launchChromium, PASSWORD, runRasd, SHOTS, screenshot, signIn as signInAs, startServe } from './web-support.js';

/**
 * The dashboard's Network page in Debian's Chromium against the real `rasd serve`: a small
 * structure-only network scanned by `rasd scan`, one chat closed with `rasd network close`, an
 * analyst made by `rasd user add`. The graph draws, the closed chat's successor is listed with
 * its reasons, unticking an edge kind redraws fewer edges, and the Arabic page shows the Arabic
 * title. Screenshots go to docs/screenshots/network*.png (from the SQLite run).
 */

const GRAPH = '[data-testid=network-graph]';

let dir: string;
/** The database every command and `rasd serve` use: `cliDatabase` for `rasd.db` in `dir`. */
let db: string;
let server: ChildProcess;
let url: string;
let browser: Browser;

const rasd = (args: string[], input?: string): string => runRasd(dir, [...args, '--db', db], input);
const signIn = (page: Page) => signInAs(page, url, 'nora');

/** What the graph drew, from the counts its container carries. */
async function drawn(page: Page): Promise<{ nodes: number; edges: number }> {
  const graph = page.locator(GRAPH);
  await graph.and(page.locator('[data-node-count]')).waitFor();
  return {
    nodes: Number(await graph.getAttribute('data-node-count')),
    edges: Number(await graph.getAttribute('data-edge-count')),
  };
}

beforeAll(async () => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'rasd-web-network-'));
  db = await cliDatabase(join(dir, 'rasd.db'));
  writeFileSync(join(dir, 'items.jsonl'), `${NETWORK_ITEMS.map((i) => JSON.stringify(i)).join('\n')}\n`);
  rasd(['scan', 'items.jsonl']);
  rasd(['user', 'add', 'nora', '--role', 'analyst'], `${PASSWORD}\n`);
  expect(rasd(['network', 'close', CLOSED_CHAT, '--at', CLOSED_AT])).toContain('closure recorded');
  ({ server, url } = await startServe(dir, db));
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the Network page in Chromium', () => {
  it('draws the graph, filters it by edge kind, and lists the closed chat’s successor with reasons', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page);
    await page.getByRole('link', { name: 'Network' }).click();
    const all = await drawn(page);
    // The four posting chats at least, plus whatever they point at.
    expect(all.nodes).toBeGreaterThanOrEqual(4);
    expect(all.edges).toBeGreaterThan(0);
    await expect(page.locator(`${GRAPH} canvas`).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByTestId('network-beacons').textContent()).resolves.toContain('chat:-1004');

    await page.getByTestId('edge-kinds').getByRole('checkbox', { name: 'forward' }).uncheck();
    await expect.poll(async () => (await drawn(page)).edges).toBeLessThan(all.edges);
    await page.getByTestId('edge-kinds').getByRole('checkbox', { name: 'forward' }).check();
    await expect.poll(async () => (await drawn(page)).edges).toBe(all.edges);

    await page.goto(`${url}/app/#/network/chat:${CLOSED_CHAT}`);
    const candidate = page.locator(`[data-testid=lineage-candidate][data-candidate="chat:${SUCCESSOR_CHAT}"]`);
    await candidate.waitFor();
    await expect(candidate.textContent()).resolves.toMatch(/name \d\.\d\d: /);
    await expect(page.getByTestId('network-panel').textContent()).resolves.toContain('Closed');
    await drawn(page);
    await screenshot(page, 'network.png', { fullPage: true });
    await page.close();
  });

  it('shows the Arabic title on the Arabic, right-to-left page', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page);
    await page.goto(`${url}/app/#/network/chat:-1002`);
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.evaluate('document.documentElement.dir')).toBe('rtl');
    await expect(page.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('الشبكة');
    await expect(page.getByTestId('network-panel').getByRole('heading', { level: 3 }).textContent()).resolves.toBe(
      ARABIC_TITLE,
    );
    expect((await drawn(page)).nodes).toBeGreaterThan(1);
    // Trends: Arabic headings, and the Hijri day named in Arabic (Umm al-Qura, from the browser's Intl).
    const trends = page.getByTestId('network-trends');
    await expect(trends.locator('th').first().textContent()).resolves.toBe('ميلادي');
    const hijriCell = await trends.locator('tbody tr').first().locator('td').nth(1).textContent();
    expect(hijriCell).toMatch(/[\u0600-\u06ff]/);
    expect(hijriCell).not.toMatch(/AH|[A-Za-z]/);
    await screenshot(page, 'network-ar.png', { fullPage: true });
    await page.getByTestId('language-switch').click();
    await page.close();
  });
});
