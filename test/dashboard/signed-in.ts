// The setup most browser tests share: a twin with some scenario captures analysed, a Chromium
// page signed in with the operator key, waiting on the captures list. One place, so a change to
// the sign-in form is made once.
import type { Page } from 'playwright-core';
import { seedScenario } from './seed.js';
import { launchBrowser, startHarness, type Harness } from './twin-harness.js';

export interface SignedIn {
  h: Harness;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  page: Page;
  /** Capture id per seeded scenario name. */
  ids: Record<string, string>;
  close(): Promise<void>;
}

export async function openSignedIn(
  scenarios: string[],
  opts: {
    viewport?: { width: number; height: number };
    browser?: Parameters<typeof launchBrowser>[1];
    /** What shows that sign-in is done (default: a row in the captures list). */
    readySelector?: string;
  } = {},
): Promise<SignedIn> {
  const h = await startHarness();
  const ids: Record<string, string> = {};
  for (const s of scenarios) ids[s] = await seedScenario(h, s);
  const browser = await launchBrowser(opts.viewport, opts.browser);
  const page = await browser.context.newPage();
  await page.goto(`${h.url}/`);
  await page.fill('#api-key', h.operatorKey);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector(opts.readySelector ?? 'table.captures tbody tr', { state: 'attached' });
  return {
    h,
    browser,
    page,
    ids,
    close: async () => {
      await browser.close();
      await h.stop();
    },
  };
}
