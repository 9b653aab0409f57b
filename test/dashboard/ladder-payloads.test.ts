// Issue 10.11: a ladder message opens its decoded payloads like Wireshark's packet details (SA
// proposals and transforms, vendor IDs, NAT-D hashes with the report's computed match, notify),
// with its frame number; a message the verdict says was due is drawn "expected, not seen".
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnalysisReport } from '#shared/report/types.js';
import { apiGet } from './seed.js';
import type { Harness } from './twin-harness.js';
import { openSignedIn, type SignedIn } from './signed-in.js';

let signedIn: SignedIn;
let h: Harness;
let page: Page;
let ids: Record<string, string>;

beforeAll(async () => {
  signedIn = await openSignedIn(['wrong-psk-nat', 'phase1-mismatch', 'udp4500-blocked']);
  ({ h, page, ids } = signedIn);
}, 60_000);

afterAll(() => signedIn?.close(), 60_000);

it('opens MM1 with its SA proposals, transforms and vendor IDs, and MM3 with NAT-D and the computed match', async () => {
  const r = await apiGet<AnalysisReport>(h, `/api/captures/${ids['wrong-psk-nat']}/report`);
  const sd = r.sessions[0]!;
  await page.goto(`${h.url}/#/capture/${ids['wrong-psk-nat']}`);
  await page.waitForSelector('svg.ladder');

  const mm1 = sd.timeline.find((e) => e.label.startsWith('MM1'))!;
  await page.locator(`svg.ladder [data-frame="${mm1.frame}"]`).first().dispatchEvent('click');
  const panel = page.locator(`.frame-detail[data-frame="${mm1.frame}"]`);
  await panel.locator('ul.tree').first().waitFor();
  expect(await panel.locator('h4').textContent()).toContain(String(mm1.frame));
  expect(await panel.locator('code.filter').textContent()).toBe(`frame.number == ${mm1.frame}`);
  const transforms = await panel.locator('li[data-kind="transform"]').count();
  expect(transforms).toBe(sd.proposals.phase1Offered.length);
  expect(await panel.locator('li[data-kind="attribute"]').count()).toBeGreaterThan(transforms);
  const vids = await panel.locator('li[data-kind="vendor-id"] .tree-value').allTextContents();
  expect(vids.length).toBe(sd.client.vendorIds.length);
  for (const v of sd.client.vendorIds) expect(vids.some((x) => x.endsWith(v.hex))).toBe(true);

  // MM3 by keyboard: its NAT-D hashes, each with the match the analysis computed.
  const details = Object.assign({}, ...sd.findings.map((f) => f.evidence.details ?? {})) as Record<string, unknown>;
  const mm3 = sd.timeline.find((e) => e.label.startsWith('MM3'))!;
  await page.locator(`svg.ladder [data-frame="${mm3.frame}"]`).first().focus();
  await page.keyboard.press('Enter');
  const p3 = page.locator(`.frame-detail[data-frame="${mm3.frame}"]`);
  await p3.locator('ul.tree').first().waitFor();
  const natd = await p3.locator('li[data-kind="natd"]').count();
  expect(natd).toBeGreaterThanOrEqual(2);
  const matches = await p3
    .locator('[data-natd-match]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-natd-match')));
  expect(matches[0]).toBe(String(details[`frame${mm3.frame}PeerHashMatches`]));
  expect(matches[1]).toBe(String(details[`frame${mm3.frame}OwnHashMatches`]));
  expect(matches).toContain('false'); // behind NAT: one hash differs
}, 60_000);

it('opens a notify with its type, and draws the message a verdict says was due as expected, not seen', async () => {
  const r = await apiGet<AnalysisReport>(h, `/api/captures/${ids['phase1-mismatch']}/report`);
  const withNotify = r.sessions[0]!.timeline.find((e) => e.notifies.length > 0)!;
  await page.goto(`${h.url}/#/capture/${ids['phase1-mismatch']}`);
  await page.waitForSelector('svg.ladder');
  await page.locator(`svg.ladder [data-frame="${withNotify.frame}"]`).first().click();
  const notify = page.locator(`.frame-detail[data-frame="${withNotify.frame}"] li[data-kind="notify"]`);
  await notify.first().waitFor();
  expect(await notify.first().textContent()).toContain(`(${withNotify.notifies[0]})`);

  const psk = await apiGet<AnalysisReport>(h, `/api/captures/${ids['wrong-psk-nat']}/report`);
  expect(psk.sessions[0]!.verdict).toBe('PSK_MISMATCH');
  await page.goto(`${h.url}/#/capture/${ids['wrong-psk-nat']}`);
  const mm6 = page.locator('svg.ladder [data-expected="MM6 ID"]');
  await mm6.waitFor();
  expect(await mm6.getAttribute('data-direction')).toBe('mx-to-client');
  expect(await mm6.textContent()).toContain('expected, not seen');

  const blocked = await apiGet<AnalysisReport>(h, `/api/captures/${ids['udp4500-blocked']}/report`);
  await page.goto(`${h.url}/#/capture/${ids['udp4500-blocked']}`);
  await page.waitForSelector('svg.ladder');
  if (blocked.sessions[0]!.verdict === 'NAT_T_BLOCKED')
    expect(await page.locator('svg.ladder [data-expected="MM5 ID"]').textContent()).toContain('UDP 4500');
}, 60_000);
