// Issue 10, points 9 and 10, in Chromium against the real twin: the captures list picks up a
// capture uploaded elsewhere while it is open (keeping focus and filters), rows are real links
// (a new tab opens the capture), delete asks first and removes the capture everywhere, filters
// go through the API, a long FAILED error stays on one line, and a multi-MB upload shows its
// progress on the way. Expected rows are the API's own answers.
import { readFile } from 'node:fs/promises';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaptureDetail, CaptureItem, DiagnosisItem, Page as ApiPage } from '../../lambdas/dashboard/api-types.js';
import { MAX_ERROR_LENGTH } from '../../lambdas/store/capture-store.js';
import { LIST_REFRESH_MS } from '../../lambdas/dashboard/views/captures.js';
import { apiGet, seed, seedScenario } from './seed.js';
import { repoPath, type Harness } from './twin-harness.js';
import { openSignedIn, type SignedIn } from './signed-in.js';

let h: Harness;
let browser: SignedIn['browser'];
let page: Page;
let session: SignedIn;
let ids: Record<string, string>;

const rowIds = (p: Page) =>
  p.locator('table.captures tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-capture-id')));
const listed = async (query = '') =>
  (await apiGet<ApiPage<CaptureItem>>(h, `/api/captures?limit=100${query}`)).items.map((c) => c.captureId);

beforeAll(async () => {
  session = await openSignedIn(['wrong-psk-nat', 'success-nat-t', 'multi-client']);
  ({ h, browser, page, ids } = session);
  // Not a capture at all: FAILED, with the analyzer's reason; then that reason made as long as a
  // stored error may be, the case that squeezed every column.
  ids.failed = await seed(h, 'notes-not-a-capture.pcap', await readFile(repoPath('README.md')));
  const failed = await apiGet<CaptureDetail>(h, `/api/captures/${ids.failed}`);
  expect(failed.capture.status).toBe('FAILED');
  const long = `${failed.capture.error} `.repeat(20).slice(0, MAX_ERROR_LENGTH);
  await h.twin.clients.dynamo.send(
    new UpdateItemCommand({
      TableName: h.twin.state.table,
      Key: { pk: { S: 'TENANT#local' }, sk: { S: `CAPTURE#${ids.failed}` } },
      UpdateExpression: 'SET #e = :e',
      ExpressionAttributeNames: { '#e': 'error' },
      ExpressionAttributeValues: { ':e': { S: long } },
    }),
  );
  await page.reload();
  await page.waitForSelector(`tr[data-capture-id="${ids.failed}"]`);
}, 90_000);

afterAll(async () => session?.close(), 60_000);

describe('captures list', () => {
  it('shows a capture uploaded from elsewhere while open, keeping focus and filters', async () => {
    await expect.poll(() => rowIds(page)).toEqual(await listed());
    // A filter that keeps scenario captures, and the focus on a row's link.
    await page.fill('#filter-name', 'NAT');
    await expect.poll(() => rowIds(page)).toEqual(await listed('&q=nat'));
    const focused = ids['wrong-psk-nat']!;
    await page.focus(`tr[data-capture-id="${focused}"] a.capture-link`);
    const newId = await seedScenario(h, 'esp-one-way'); // the name does not match "NAT"
    const newNat = await seed(
      h,
      'second-nat-capture.pcap',
      await readFile(repoPath('test/fixtures/scenarios/wrong-psk-nat/capture.pcap')),
    );
    await expect.poll(() => rowIds(page), { timeout: LIST_REFRESH_MS * 3 }).toContain(newNat);
    expect(await rowIds(page)).toEqual(await listed('&q=nat'));
    expect(await rowIds(page)).not.toContain(newId);
    expect(await page.inputValue('#filter-name')).toBe('NAT');
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-capture-id'))).toBe(
      focused,
    );
    await page.fill('#filter-name', '');
    await expect.poll(() => rowIds(page)).toEqual(await listed());
    ids.esp = newId;
    ids.nat2 = newNat;
  }, 60_000);

  it('filters by verdict, status and upload date through the API', async () => {
    const d = await apiGet<CaptureDetail>(h, `/api/captures/${ids['wrong-psk-nat']}`);
    const verdict = d.capture.verdict!;
    await page.selectOption('#filter-verdict', verdict);
    const want = await listed(`&verdict=${verdict}`);
    expect(want).toContain(ids['wrong-psk-nat']);
    await expect.poll(() => rowIds(page)).toEqual(want);
    await page.selectOption('#filter-verdict', 'status:FAILED');
    await expect.poll(() => rowIds(page)).toEqual([ids.failed]);
    await page.selectOption('#filter-verdict', '');
    // Times are shown in UTC (the browser's zone here): upload days are UTC days.
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.fill('#filter-from', tomorrow);
    await expect.poll(() => rowIds(page)).toEqual([]);
    expect(await page.textContent('.captures-view .card p.muted')).toContain('No capture matches');
    await page.fill('#filter-from', today);
    await page.fill('#filter-to', today);
    await expect.poll(() => rowIds(page)).toEqual(await listed());
    await page.click('.capture-filters button');
    expect(await page.inputValue('#filter-from')).toBe('');
  }, 60_000);

  it('keeps a long FAILED error on one line, full text on hover and on click', async () => {
    const row = page.locator(`tr[data-capture-id="${ids.failed}"]`);
    const error = row.locator('.error-text');
    const full = (await apiGet<CaptureDetail>(h, `/api/captures/${ids.failed}`)).capture.error!;
    expect(full.length).toBe(MAX_ERROR_LENGTH);
    expect(await error.getAttribute('title')).toBe(full);
    const box = async () =>
      error.evaluate((el) => ({ h: el.getBoundingClientRect().height, cut: el.scrollWidth > el.clientWidth }));
    const other = await page.locator(`tr[data-capture-id="${ids['wrong-psk-nat']}"]`).boundingBox();
    const collapsed = await box();
    expect(collapsed.cut).toBe(true);
    expect((await row.boundingBox())!.height).toBeLessThanOrEqual(other!.height + 4);
    // The file name column is not squeezed: the same width as without the error shown whole.
    const nameWidth = await row.locator('td.filename').evaluate((td) => td.getBoundingClientRect().width);
    expect(nameWidth).toBeGreaterThan(120);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await error.click();
    expect(await error.getAttribute('aria-expanded')).toBe('true');
    expect((await box()).h).toBeGreaterThan(collapsed.h * 2);
    expect(await page.evaluate(() => location.hash)).not.toContain('capture'); // the click did not open the row
  });

  it('rows are links: the href opens the capture, also in a new tab', async () => {
    const id = ids['success-nat-t']!;
    const link = page.locator(`tr[data-capture-id="${id}"] a.capture-link`);
    expect(await link.getAttribute('href')).toBe(`#/capture/${id}`);
    const [tab] = await Promise.all([browser.context.waitForEvent('page'), link.click({ modifiers: ['Control'] })]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${h.url}/#/capture/${id}`);
    // A new tab may not share the key (sessionStorage): then it signs in and lands on the capture.
    await tab.waitForSelector('.capture-head, #api-key');
    if (await tab.locator('#api-key').count()) {
      await tab.fill('#api-key', h.operatorKey);
      await tab.click('form.signin button[type=submit]');
    }
    await tab.waitForSelector('.capture-head');
    expect(await tab.textContent('.capture-head')).toContain('success-nat-t.pcap');
    await tab.close();
    expect(await page.evaluate(() => location.hash)).not.toContain('capture');
  }, 30_000);

  it('deletes a capture after confirmation: gone from the list, the API and the client IP history', async () => {
    const id = ids['wrong-psk-nat']!;
    const d = await apiGet<CaptureDetail>(h, `/api/captures/${id}`);
    const ip = d.sessions[0]!.clientIp;
    const history = async () =>
      (await apiGet<ApiPage<DiagnosisItem>>(h, `/api/diagnoses?clientIp=${ip}`)).items.map((i) => i.captureId);
    expect(await history()).toContain(id);
    const button = page.locator(`tr[data-capture-id="${id}"] button.delete`);
    await button.click();
    const dialog = page.locator('dialog.confirm');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('wrong-psk-nat.pcap');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await rowIds(page)).toContain(id);
    expect((await apiGet<CaptureDetail>(h, `/api/captures/${id}`)).capture.captureId).toBe(id);

    await button.click();
    await dialog.locator('button.danger').click();
    await expect.poll(() => rowIds(page)).not.toContain(id);
    expect(await rowIds(page)).toEqual(await listed());
    await expect(apiGet(h, `/api/captures/${id}`)).rejects.toThrow('404');
    expect(await history()).not.toContain(id);
    expect(await page.textContent('.list-notice')).toContain('wrong-psk-nat.pcap');
  }, 30_000);
});

/** A pcap of `mb` MB: the scenario's packets repeated (a real capture, only longer). */
async function bigCapture(mb: number): Promise<Buffer> {
  const pcap = await readFile(repoPath('test/fixtures/scenarios/wrong-psk-nat/capture.pcap'));
  const records = pcap.subarray(24);
  const parts = [pcap.subarray(0, 24)];
  for (let size = 24; size < mb * 1e6; size += records.length) parts.push(records);
  return Buffer.concat(parts);
}

it('shows real upload progress for a multi-MB capture (intermediate values, then 100)', async () => {
  const body = await bigCapture(6);
  await page.goto(`${h.url}/#/`);
  await page.waitForSelector('#capture-file', { state: 'attached' });
  // Every value the progress bar takes, recorded in the page.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __progress: number[] }).__progress = seen;
    new MutationObserver((records) => {
      for (const r of records)
        if (r.target instanceof HTMLProgressElement) seen.push(r.target.value);
        else
          for (const n of Array.from(r.addedNodes))
            if (n instanceof Element) n.querySelectorAll('progress').forEach((p) => seen.push(p.value));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  // Loopback is too fast to see anything move: the upload is throttled to 4 MB/s as on a real link.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 4 * 1024 * 1024,
  });
  await page.setInputFiles('#capture-file', { name: 'big.pcap', mimeType: 'application/octet-stream', buffer: body });
  const row = page.locator('li.upload').first();
  await row.locator('.upload-status [data-verdict], .upload-status .text-error').waitFor({ timeout: 60_000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  const seen = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
  const between = seen.filter((v) => v > 0 && v < 100);
  expect(between.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
  expect(seen.at(-1)).toBe(100);
  expect(await row.locator('.text-error').count()).toBe(0);
}, 90_000);
