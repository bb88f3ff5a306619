import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase } from '../src/cli/testing/cli-database.js';
import buildOnce from './build-once.js';
import { launchChromium, PASSWORD, runRasd, SHOTS, screenshot, signIn as signInAs, startServe } from './web-support.js';

/**
 * The web dashboard in Debian's Chromium against the real `rasd serve` on a real SQLite file (a
 * real PostgreSQL database in the cli-on-postgres project), scanned by the real `rasd scan`,
 * with users made by `rasd user add`. Texts are Rasd's harmless test marker; the picture is a
 * synthetic pattern. Screenshots of the main screens are written to docs/screenshots for the
 * docs, from the SQLite run.
 */

/** The browser's `getComputedStyle`, typed here because the tests compile without the DOM library. */
type Styled = { getComputedStyle(el: unknown): Record<string, string> };

let dir: string;
/** The database every command and `rasd serve` use: `cliDatabase` for `rasd.db` in `dir`. */
let db: string;
let server: ChildProcess;
let url: string;
let browser: Browser;
/** The case the reviewer decided, which the partner then tries to open. */
let decidedCase = '';

function rasd(args: string[], input?: string): void {
  runRasd(dir, args, input);
}

function message(id: string, postedAt: string, text: string, media?: string) {
  return {
    platform: 'telegram',
    chat: { id: '-100777', title: 'Dashboard test channel', username: 'dash_test', type: 'channel' },
    messageId: id,
    postedAt,
    text,
    views: 1200,
    ...(media !== undefined && { media: [{ kind: 'photo', status: 'present', path: media, mime: 'image/png' }] }),
  };
}

const signIn = (page: Page, username: string) => signInAs(page, url, username);

async function stat(page: Page, id: string): Promise<number> {
  const text = await page.getByTestId(id).locator('.stat-value').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

beforeAll(async () => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), 'rasd-web-'));
  db = await cliDatabase(join(dir, 'rasd.db'));
  mkdirSync(join(dir, 'export', 'photos'), { recursive: true });
  // A synthetic picture: colour bands, so blurred and revealed renders differ visibly.
  const bands = Buffer.alloc(320 * 240 * 3);
  for (let i = 0; i < 320 * 240; i++) {
    const x = i % 320;
    bands.set(x < 107 ? [200, 40, 40] : x < 214 ? [40, 160, 60] : [40, 60, 200], i * 3);
  }
  await sharp(bands, { raw: { width: 320, height: 240, channels: 3 } })
    .png()
    .toFile(join(dir, 'export', 'photos', 'p1.png'));
  const today = new Date().toISOString().slice(0, 10);
  const rows = [
    message('1', `${today}T08:00:00Z`, 'Marked for review: RASD-TEST-MARKER:praise:0.6', 'photos/p1.png'),
    message('2', `${today}T08:05:00Z`, 'RASD-TEST-MARKER:incitement:0.6 second test post'),
    message('3', `${today}T08:10:00Z`, 'good morning, the weather is fine'),
  ];
  writeFileSync(join(dir, 'export', 'items.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  rasd(['scan', join('export', 'items.jsonl'), '--db', db]);
  rasd(['user', 'add', 'rima', '--role', 'reviewer', '--db', db], `${PASSWORD}\n`);
  rasd(['user', 'add', 'platform', '--role', 'partner', '--partner', 'telegram', '--db', db], `${PASSWORD}\n`);
  // Removal orders: one received 90 minutes ago (overdue), one 10 minutes ago (ticking).
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  for (const [reference, minutes] of [
    ['TCO-LATE', 90],
    ['TCO-NOW', 10],
  ] as const) {
    const order = ['--authority', 'Test Authority', '--reference', reference, '--received-at', ago(minutes)];
    rasd(['removal-order', 'add', ...order, '--link', `https://t.me/dash_test/${minutes}`, '--db', db]);
  }
  ({ server, url } = await startServe(dir, db));
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the web dashboard in Chromium', () => {
  it('refuses a wrong password and shows why', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/app/`);
    await page.getByLabel(/user name/i).fill('rima');
    await page.getByLabel(/password/i).fill('not the password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/wrong user name or password/i);
    await page.close();
  });

  it('lets a reviewer take a case, reveal its blurred picture, decide by key, and see the overview change', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'rima');
    await screenshot(page, 'queue.png');

    await page.goto(`${url}/app/#/overview`);
    await page.getByTestId('stat-removed').waitFor();
    const removedBefore = await stat(page, 'stat-removed');
    expect(await stat(page, 'stat-scanned')).toBe(3);
    expect(await stat(page, 'stat-flagged')).toBe(2);
    await page.locator('.chart canvas').first().waitFor();
    await screenshot(page, 'overview.png', { fullPage: true });

    await page.goto(`${url}/app/#/queue`);
    await page.getByRole('button', { name: /take next case/i }).click();
    await page.getByTestId('case-status').waitFor();
    await expect(page.getByTestId('case-status').innerText()).resolves.toBe('assigned');

    // The highest-priority case is the one with the picture (more signals, same reach): find it either way.
    let img = page.locator('.media-img');
    if ((await img.count()) === 0) {
      await page.goto(`${url}/app/#/queue`);
      await page
        .getByRole('link', { name: /^case_/ })
        .first()
        .waitFor();
      const ids = await page.getByRole('link', { name: /^case_/ }).allInnerTexts();
      for (const id of ids) {
        await page.goto(`${url}/app/#/case/${id}`);
        await page.getByTestId('case-status').waitFor();
        if ((await page.locator('.media-img').count()) > 0) break;
      }
      await page.getByRole('button', { name: /^claim$/i }).click();
      await expect.poll(() => page.getByTestId('case-status').innerText()).toBe('assigned');
      img = page.locator('.media-img');
    }

    // Blurred and greyscale until revealed.
    await img.waitFor();
    const filterOf = () => img.evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).filter);
    expect(await filterOf()).toMatch(/blur\(\d+px\) grayscale\(1\)/);
    // The evidence span is highlighted in the text.
    await expect(page.locator('mark').first().innerText()).resolves.toContain('RASD-TEST-MARKER');
    await expect(page.locator('.signals li').first().innerText()).resolves.toMatch(/test marker/i);
    await screenshot(page, 'case-blurred.png');
    await page.locator('.media-frame').click();
    await expect.poll(filterOf).toBe('none');
    await expect(page.locator('.media-frame').getAttribute('aria-pressed')).resolves.toBe('true');
    // The picture is the server's preview, not the export's file: a re-encoded JPEG.
    const src = (await img.getAttribute('src')) as string;
    const preview = await page.request.get(`${url}${src}`);
    expect(preview.headers()['content-type']).toBe('image/jpeg');

    decidedCase = page.url().split('#/case/')[1] ?? '';
    // One key decides.
    await page.keyboard.press('r');
    await expect.poll(() => page.getByTestId('case-status').innerText()).toBe('remove');
    await expect(page.getByTestId('decision').innerText()).resolves.toMatch(/remove/i);

    await page.goto(`${url}/app/#/overview`);
    await expect.poll(() => stat(page, 'stat-removed')).toBe(removedBefore + 1);
    await page.close();
  });

  it('switches to Arabic and lays the page out right to left', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'rima');
    await page.goto(`${url}/app/#/overview`);
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.evaluate('document.documentElement.dir')).toBe('rtl');
    expect(await page.evaluate('document.documentElement.lang')).toBe('ar');
    await expect(page.getByRole('heading', { level: 2 }).innerText()).resolves.toBe('نظرة عامة');
    // Mirrored: the brand sits at the right edge and the navigation runs leftwards from it.
    const brand = await page.locator('.brand').boundingBox();
    const firstLink = await page.locator('nav a').first().boundingBox();
    expect(brand !== null && firstLink !== null).toBe(true);
    expect(brand!.x).toBeGreaterThan(683);
    expect(firstLink!.x).toBeLessThan(brand!.x);
    expect(
      await page.locator('.content').evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).direction),
    ).toBe('rtl');
    await page.locator('.chart canvas').first().waitFor();
    await screenshot(page, 'overview-ar.png', { fullPage: true });
    await page.goto(`${url}/app/#/queue`);
    await page.locator('select[name=status]').selectOption('');
    await page.getByTestId('queue-table').waitFor();
    await screenshot(page, 'queue-ar.png');
    // The choice is remembered for the next visit.
    await page.reload();
    await expect.poll(() => page.evaluate('document.documentElement.dir')).toBe('rtl');
    await page.getByTestId('language-switch').click();
    await page.close();
  });

  it('shows removal orders with a ticking clock, red once overdue, and met or missed once done', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'rima');
    await page.getByRole('link', { name: 'Removal orders' }).click();
    const row = (reference: string) => page.locator('tr', { hasText: reference });
    const clock = (reference: string) => row(reference).getByTestId('order-clock');
    await clock('TCO-NOW').waitFor();
    // A reviewer may complete orders but not record them: no form.
    expect(await page.getByRole('form', { name: 'Record order' }).count()).toBe(0);
    const first = await clock('TCO-NOW').innerText();
    expect(first).toMatch(/^0:(49|50):\d\d left$/);
    await expect.poll(() => clock('TCO-NOW').innerText(), { timeout: 5000 }).not.toBe(first);
    await expect(clock('TCO-LATE').innerText()).resolves.toMatch(/^Overdue by 0:(29|30):\d\d$/);
    const background = (reference: string) =>
      clock(reference).evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).backgroundColor);
    expect(await background('TCO-LATE')).toBe('rgb(164, 38, 44)');
    expect(await background('TCO-NOW')).not.toBe('rgb(164, 38, 44)');
    await row('TCO-NOW').getByRole('button', { name: 'Mark removed' }).click();
    await expect.poll(() => clock('TCO-NOW').innerText()).toBe('Hour met');
    await row('TCO-LATE').getByRole('button', { name: 'Mark removed' }).click();
    await expect.poll(() => clock('TCO-LATE').innerText()).toBe('Hour missed');
    await page.close();
  });

  it('does not let a partner open a case', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(page, 'platform');
    // A partner lands on its referrals and is offered nothing else.
    await expect(page.locator('nav a').allInnerTexts()).resolves.toEqual(['Referrals']);
    const cases = await page.request.get(`${url}/api/cases`);
    expect(cases.status()).toBe(403);
    expect(decidedCase).toMatch(/^case_/);
    const one = await page.request.get(`${url}/api/cases/${decidedCase}`);
    expect(one.status()).toBe(403);
    await page.goto(`${url}/app/#/case/${decidedCase}`);
    await expect(page.getByRole('alert').getAttribute('data-status')).resolves.toBe('403');
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/role cannot open/i);
    await screenshot(page, 'partner-refused.png');
    await page.close();
  });
});
