// The Meraki page in real Chromium against the real twin and the fake Meraki cloud: connect a key
// (never shown again), import a cloud capture, and "Capture and diagnose" an MX with its
// countdown to the verdict.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { analyzeCapture } from '#shared/analyze.js';
import { startTwin, type Twin } from '../../lambdas/local/twin.js';
import { silentLogger } from '../../lambdas/log.js';
import { WORLD } from '../../lambdas/local/meraki-fake/world.js';
import type { FakeMeraki } from '../../lambdas/local/meraki-fake/server.js';
// @ts-expect-error plain ESM build script without types
import { buildDashboard } from '../../scripts/build-dashboard.mjs';
import { startFake } from '../meraki/fake-harness.js';
import { launchBrowser } from './twin-harness.js';

let fake: FakeMeraki;
let twin: Twin;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const dirs: string[] = [];

beforeAll(async () => {
  fake = await startFake();
  const dashboardDir = await buildDashboard(await mkdtemp(join(tmpdir(), 'vpnd-dash-')));
  const dataDir = await mkdtemp(join(tmpdir(), 'vpnd-twin-'));
  dirs.push(dashboardDir, dataDir);
  twin = await startTwin({
    analyze: analyzeCapture,
    dataDir,
    httpPort: 0,
    s3Port: 0,
    dynamoPort: 0,
    dashboardDir,
    retryDelaysMs: [200],
    log: silentLogger,
    meraki: { baseUrl: fake.baseUrl },
  });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(`${twin.apiUrl}/`);
  await page.fill('#api-key', twin.firstKey as string);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('#capture-file', { state: 'attached' });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await twin?.stop();
  await fake?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('the Meraki page', () => {
  it('connects a key and then shows only its last 4 characters', async () => {
    await page.click('nav a[href="#/meraki"]');
    await page.fill('#meraki-key', WORLD.fullKey);
    await page.fill('#meraki-orgs', WORLD.orgId);
    await page.click('form.meraki-connect button[type=submit]');
    await page.waitForSelector('.meraki-key-hint');
    expect(await page.textContent('.meraki-key-hint')).toMatch(/^Key …0001 · connected /);
    expect(await page.content()).not.toContain(WORLD.fullKey);
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(WORLD.fullKey);
  });

  it('lists the cloud captures and imports one', async () => {
    await page.waitForSelector('table.meraki-captures tbody tr');
    expect(await page.locator('table.meraki-captures tbody tr').count()).toBe(10);
    const first = page.locator('button[data-import]').first();
    const merakiId = await first.getAttribute('data-import');
    await first.click();
    const link = page.locator(`tr[data-meraki-capture="${merakiId}"] a[data-imported]`);
    await link.waitFor();
    const captureId = await link.getAttribute('data-imported');
    const res = await fetch(`${twin.apiUrl}/api/captures/${captureId}`, {
      headers: { authorization: `Bearer ${twin.firstKey}` },
    });
    expect((await res.json()).capture).toMatchObject({ merakiCaptureId: merakiId, mxIp: WORLD.mxIp });
  });

  it('captures and diagnoses an MX with a countdown, then shows the verdict', async () => {
    const row = page.locator(`tr[data-mx="${WORLD.mx}"]`);
    expect(await row.locator('td').nth(3).textContent()).toBe(WORLD.mxIp);
    await row.locator('input.meraki-seconds').fill('3');
    const t0 = performance.now();
    await row.locator('button[data-capture-serial]').click();
    await row.locator('.meraki-job[data-state="CAPTURING"]').waitFor();
    expect(await row.locator('.meraki-job').textContent()).toMatch(
      /^Capturing on Q2MX-VPND-0001: [1-3] s left\. Have the user connect now\.$/,
    );
    if (process.env.MERAKI_SCREENSHOT) await page.screenshot({ path: process.env.MERAKI_SCREENSHOT, fullPage: true });
    await row.locator('.meraki-job[data-state="DONE"]').waitFor({ timeout: 30_000 });
    console.log(
      `dashboard capture and diagnose, 3 s capture: ${Math.round(performance.now() - t0)} ms from the click to the verdict`,
    );
    expect(await row.locator('.meraki-verdict [data-verdict]').getAttribute('data-verdict')).toBe('PSK_MISMATCH');
    await row.locator('.meraki-verdict').click();
    await page.waitForURL(/#\/capture\//);
  }, 40_000);
});
