// Issue 10.1: a row of the client IP history names one session of one capture; opening it must
// show that session, also in a multi-client capture whose capture verdict is another client's.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaptureDetail, DiagnosisItem, Page as ApiPage } from '../../lambdas/dashboard/api-types.js';
import { apiGet } from './seed.js';
import type { Harness } from './twin-harness.js';
import { openSignedIn, type SignedIn } from './signed-in.js';

let signedIn: SignedIn;
let h: Harness;
let page: Page;
let captureId: string;

beforeAll(async () => {
  signedIn = await openSignedIn(['multi-client'], { readySelector: '#capture-file' });
  ({ h, page } = signedIn);
  captureId = signedIn.ids['multi-client'];
}, 60_000);

afterAll(() => signedIn?.close(), 60_000);

it('opens the session a history row names, for every client of a multi-client capture', async () => {
  const d = await apiGet<CaptureDetail>(h, `/api/captures/${captureId}`);
  const clients = [...new Set(d.sessions.map((s) => s.clientIp))];
  expect(clients.length).toBeGreaterThanOrEqual(2);
  // At least one client's sessions disagree with the capture verdict: the case that went wrong.
  expect(d.sessions.some((s) => s.verdict !== d.capture.verdict)).toBe(true);
  for (const ip of clients) {
    const items = (await apiGet<ApiPage<DiagnosisItem>>(h, `/api/diagnoses?clientIp=${encodeURIComponent(ip)}`)).items;
    expect(items.length).toBeGreaterThan(0);
    for (const [i, item] of items.entries()) {
      await page.goto(`${h.url}/#/ip/${encodeURIComponent(ip)}`);
      const row = page.locator('table.history tbody tr').nth(i);
      await row.waitFor();
      expect(await row.getAttribute('data-session-id')).toBe(item.sessionId);
      const href = await row.locator('a').getAttribute('href');
      await row.locator('td').first().click();
      await expect.poll(() => page.getAttribute('svg.ladder', 'data-session')).toBe(item.sessionId);
      expect(await page.getAttribute('section.session', 'data-session-id')).toBe(item.sessionId);
      const shown = d.sessions.find((s) => s.id === item.sessionId)!;
      expect(shown.clientIp).toBe(ip);
      expect(await page.locator('.session-holder [data-verdict]').first().getAttribute('data-verdict')).toBe(
        item.verdict,
      );
      // The file name is a real link to the same place (open in a new tab works).
      expect(page.url().endsWith(href!)).toBe(true);
    }
  }
}, 90_000);
