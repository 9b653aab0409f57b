// Issue 10.8 (dashboard): a multi-client capture shows every client's verdict, counted per
// verdict in the captures list and one line per client (linking to its session) in the detail.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaptureDetail } from '../../lambdas/dashboard/api-types.js';
import { apiGet } from './seed.js';
import type { Harness } from './twin-harness.js';
import { openSignedIn, type SignedIn } from './signed-in.js';

let signedIn: SignedIn;
let h: Harness;
let page: Page;
let id: string;
let single: string;
let beside: string;

beforeAll(async () => {
  signedIn = await openSignedIn(['multi-client', 'wrong-psk-nat', 'site-to-site-failing-beside-client']);
  ({ h, page } = signedIn);
  id = signedIn.ids['multi-client'];
  single = signedIn.ids['wrong-psk-nat'];
  beside = signedIn.ids['site-to-site-failing-beside-client'];
}, 60_000);

afterAll(() => signedIn?.close(), 60_000);

it('counts clients per verdict in the list row and lists every client in the detail', async () => {
  const d = await apiGet<CaptureDetail>(h, `/api/captures/${id}`);
  const byIp = new Map<string, string[]>();
  for (const s of d.sessions) byIp.set(s.clientIp, [...(byIp.get(s.clientIp) ?? []), s.verdict]);
  expect(byIp.size).toBeGreaterThanOrEqual(2);

  const counts = page.locator(`tr[data-capture-id="${id}"] .verdict-counts li`);
  await expect.poll(() => counts.count()).toBe(new Set(d.sessions.map((s) => s.verdict)).size);
  const shown = await counts.evaluateAll((lis) =>
    lis.map((li) => [li.querySelector('[data-verdict]')!.getAttribute('data-verdict'), li.getAttribute('data-count')]),
  );
  for (const [verdict, n] of shown)
    expect(Number(n)).toBe([...byIp.values()].filter((v) => v.includes(verdict!)).length);
  expect(await page.locator(`tr[data-capture-id="${single}"] .verdict-counts`).count()).toBe(0);

  await page.goto(`${h.url}/#/capture/${id}`);
  await page.waitForSelector('.clients-summary');
  for (const [ip, verdicts] of byIp) {
    const li = page.locator(`.clients-summary li[data-client-ip="${ip}"]`);
    expect(verdicts).toContain(await li.getAttribute('data-verdict'));
    await li.locator('a').click();
    // The click re-renders the page: wait for its ladder, not the one the last client showed.
    await expect
      .poll(async () => {
        const sid = await page.getAttribute('svg.ladder', 'data-session');
        return d.sessions.find((s) => s.id === sid)?.clientIp;
      })
      .toBe(ip);
  }
  await page.goto(`${h.url}/#/capture/${single}`);
  await page.waitForSelector('svg.ladder');
  expect(await page.locator('.clients-summary').count()).toBe(0);
});

it("marks the host that is another product's VPN peer, not a Client VPN client", async () => {
  // The fixture's expected.json: 192.0.2.10 is a non-Meraki IKEv2 peer (NOT_CLIENT_VPN) failing on
  // its key; 198.51.100.2 is a Client VPN user who connects.
  await page.goto(`${h.url}/#/capture/${beside}`);
  await page.waitForSelector('.clients-summary');
  const peer = page.locator('.clients-summary li[data-client-ip="192.0.2.10"]');
  expect(await peer.getAttribute('data-verdict')).toBe('PSK_MISMATCH');
  expect(await peer.locator('.not-client-vpn').textContent()).toContain('NOT_CLIENT_VPN');
  const user = page.locator('.clients-summary li[data-client-ip="198.51.100.2"]');
  expect(await user.getAttribute('data-verdict')).toBe('TUNNEL_ESTABLISHED');
  expect(await user.locator('.not-client-vpn').count()).toBe(0);
});
