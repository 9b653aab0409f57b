// Issue 10.5 in Chromium: codes come with their titles, evidence details with words (never a raw
// key), one verdict badge per session heading, no "▸ Shown" column, "1 frame", vendor ID names
// without stray whitespace, and a mistyped client IP said in the UI language.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnalysisReport } from '#shared/report/types.js';
import { CATALOG_EN } from '#shared/diagnosis/catalog-en.js';
import { apiGet } from './seed.js';
import type { Harness } from './twin-harness.js';
import { openSignedIn, type SignedIn } from './signed-in.js';

let signedIn: SignedIn;
let h: Harness;
let page: Page;
let ids: Record<string, string>;

beforeAll(async () => {
  signedIn = await openSignedIn(['wrong-psk-nat', 'multi-client', 'no-ike']);
  ({ h, page, ids } = signedIn);
}, 60_000);

afterAll(() => signedIn?.close(), 60_000);

it('shows each code with its title in the captures list', async () => {
  await expect.poll(() => page.locator('table.captures tbody tr').count()).toBe(3);
  for (const id of Object.values(ids)) {
    const r = await apiGet<AnalysisReport>(h, `/api/captures/${id}/report`);
    const cell = page.locator(`tr[data-capture-id="${id}"] .verdict-with-title`).first();
    expect(await cell.locator('[data-verdict]').getAttribute('data-verdict')).toBe(r.verdict);
    expect(await cell.locator('.code-title').textContent()).toBe(CATALOG_EN[r.verdict].title);
  }
});

it('labels every evidence detail, shows one badge per session heading and no "Shown" column', async () => {
  const r = await apiGet<AnalysisReport>(h, `/api/captures/${ids['wrong-psk-nat']}/report`);
  await page.goto(`${h.url}/#/capture/${ids['wrong-psk-nat']}`);
  await page.waitForSelector('svg.ladder');
  const keys = r.sessions[0]!.findings.flatMap((f) => Object.keys(f.evidence.details ?? {}));
  expect(keys.length).toBeGreaterThan(0);
  const dts = await page.locator('.session dl.details dt').allTextContents();
  expect(dts.length).toBeGreaterThan(0);
  for (const dt of dts) {
    expect(keys).not.toContain(dt);
    expect(dt).not.toMatch(/^[a-z]+[A-Z0-9]\w*$/); // no camelCase key on screen
  }
  expect(await page.locator('.session h2 [data-verdict]').count()).toBe(0);
  expect(await page.locator('.verdict-block [data-verdict]').count()).toBe(1);
  expect(await page.locator('table.sessions').textContent()).not.toContain('▸');
  expect(await page.locator('table.sessions thead th').allTextContents()).not.toContain('');
  const vids = await page.locator('ul.vendor-ids li > span:first-child').allTextContents();
  expect(vids.length).toBeGreaterThan(0);
  for (const v of vids) expect(v).toBe(v.trim());
  expect(await page.locator('body').textContent()).not.toMatch(/\bmain \(IKEv1\)/);
});

it('counts frames in words ("1 frame", never "1 Frames")', async () => {
  const r = await apiGet<AnalysisReport>(h, `/api/captures/${ids['no-ike']}/report`);
  expect(r.hosts.length).toBeGreaterThan(0);
  await page.goto(`${h.url}/#/capture/${ids['no-ike']}`);
  await page.waitForSelector('.capture-head');
  await expect.poll(() => page.locator('main').textContent()).toContain(r.hosts[0]!.ip);
  const text = (await page.locator('main').textContent())!;
  expect(text).not.toMatch(/\b1 Frames\b/);
  for (const host of r.hosts) expect(text).toContain(`${host.frames} frame${host.frames === 1 ? '' : 's'}`);
});

it('says a mistyped client IP in the UI language instead of the API message', async () => {
  await page.goto(`${h.url}/#/ip/`);
  await page.fill('#client-ip', '198.51.100.300');
  await page.press('#client-ip', 'Enter');
  const alert = page.locator('.results [role=alert]');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('is not an IPv4 or IPv6 address');
  expect(await alert.textContent()).not.toContain('clientIp');
  await page.selectOption('#lang', 'ja');
  await expect.poll(() => page.locator('.results [role=alert]').textContent()).toContain('アドレスではありません');
  await page.selectOption('#lang', 'en');
});
