// Issue 10.12: on a phone (390×844) no page runs off the screen (no horizontal scrolling), tables
// become labelled stacked rows, and the ladder keeps both lanes in view; at 1280 px the ladder
// keeps its wide layout. Screenshots of each page go to a temporary directory for a look.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seed, seedScenario } from './seed.js';
import { launchBrowser, startHarness, type Harness } from './twin-harness.js';

const SCENARIOS = ['wrong-psk-nat', 'success-nat-t', 'phase1-mismatch', 'multi-client', 'radius-reject', 'no-ike'];

let h: Harness;
const ids: string[] = [];
let shots: string;

beforeAll(async () => {
  h = await startHarness();
  for (const s of SCENARIOS) ids.push(await seedScenario(h, s));
  ids.push(
    await seed(
      h,
      `a-very-long-export-name-from-the-meraki-dashboard-${'x'.repeat(60)}.pcap`,
      Buffer.from('nope\n'.repeat(50)),
    ),
  );
  shots = await mkdtemp(join(tmpdir(), 'vpnd-phone-'));
}, 90_000);

afterAll(async () => {
  await h?.stop();
}, 60_000);

async function signIn(page: Page): Promise<void> {
  await page.goto(`${h.url}/`);
  await page.fill('#api-key', h.operatorKey);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('table.captures tbody tr');
}

/** How far the page is wider than the viewport (0 when nothing runs off the screen). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function visit(page: Page, path: string, ready: string, name: string): Promise<number> {
  await page.goto(`${h.url}/${path}`);
  await page.waitForSelector(ready);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const px = await overflow(page);
  if (px > 0) {
    // Name the culprits in the failure message.
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .filter((el) => !el.closest('svg') || el.tagName === 'svg')
        .slice(-4)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} “${(el.textContent ?? '').slice(0, 40)}”`),
    );
    expect.soft(wide, name).toEqual([]);
  }
  return px;
}

it('fits every page in 390 px: no horizontal overflow, stacked table rows, both ladder lanes in view', async () => {
  const browser = await launchBrowser({ width: 390, height: 844 }, { isMobile: true });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${h.url}/`);
    await page.waitForSelector('#api-key');
    expect(await overflow(page)).toBe(0);
    await signIn(page);
    // After sign-in the focus is on the first useful control, not the page body.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('capture-file');
    const over: Record<string, number> = {};
    over.captures = await visit(page, '#/', 'table.captures tbody tr', 'captures');
    // Table rows are stacked: a row's cells sit one under the other, each labelled.
    const cells = page.locator('table.captures tbody tr').first().locator('td');
    const boxes = await cells.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().top));
    expect(boxes[1]!).toBeGreaterThan(boxes[0]!);
    expect(await cells.nth(1).getAttribute('data-label')).toBeTruthy();
    for (const [i, id] of ids.entries()) {
      over[`capture-${i}`] = await visit(page, `#/capture/${id}`, '.capture-head', `capture-${i}`);
      if (await page.locator('svg.ladder').count()) {
        const mx = await page.locator('svg.ladder .lane').nth(1).boundingBox();
        expect(mx!.x + mx!.width).toBeLessThanOrEqual(390);
        expect(mx!.x).toBeGreaterThan(0);
      }
    }
    over.history = await visit(page, '#/ip/198.51.100.2', 'table.history tbody tr', 'history');
    over.search = await visit(page, '#/ip/', '#client-ip', 'search');
    for (const [name, px] of Object.entries(over)) expect(px, name).toBe(0);
  } finally {
    await browser.close();
  }
}, 120_000);

it('keeps the wide layout at 1280 px', async () => {
  const browser = await launchBrowser({ width: 1280, height: 900 });
  try {
    const page = await browser.context.newPage();
    await signIn(page);
    expect(await visit(page, `#/capture/${ids[0]}`, 'svg.ladder', 'desktop-capture')).toBe(0);
    expect(await page.getAttribute('svg.ladder', 'width')).toBe('760');
    expect(await page.locator('table.sessions thead').isVisible()).toBe(true);
  } finally {
    await browser.close();
  }
}, 60_000);
