// Issue 10.7: times carry their zone, the user chooses local time or UTC (remembered), and
// "Hosts seen" says which host is the MX, the client, or an authentication server.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnalysisReport } from '#shared/report/types.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiGet, seed } from './seed.js';
import type { Harness } from './twin-harness.js';
import { openSignedIn, type SignedIn } from './signed-in.js';

let signedIn: SignedIn;
let h: Harness;
let page: Page;
let ids: Record<string, string>;

beforeAll(async () => {
  signedIn = await openSignedIn(['wrong-psk-nat', 'dns-fail'], { browser: { timezoneId: 'Asia/Tokyo' } });
  ({ h, page, ids } = signedIn);
}, 60_000);

afterAll(() => signedIn?.close(), 60_000);

it('shows the zone with every time and switches between local time and UTC', async () => {
  const r = await apiGet<AnalysisReport>(h, `/api/captures/${ids['wrong-psk-nat']}/report`);
  const start = new Date(r.capture.start!);
  await page.goto(`${h.url}/#/capture/${ids['wrong-psk-nat']}`);
  await page.waitForSelector('.capture-head');
  const span = () => page.locator('.capture-head dd').nth(3).textContent();
  const tokyo = new Date(start.getTime() + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
  expect(await span()).toContain(`${tokyo} UTC+09:00`);
  await page.selectOption('#zone', 'utc');
  const utc = start.toISOString().slice(0, 19).replace('T', ' ');
  await expect.poll(span).toContain(`${utc} UTC`);
  await page.reload();
  await page.waitForSelector('.capture-head');
  expect(await span()).toContain(`${utc} UTC`);
  expect(await page.locator('#zone').inputValue()).toBe('utc');
});

it('says which host is the MX, the client and the DNS server', async () => {
  const psk = await apiGet<AnalysisReport>(h, `/api/captures/${ids['wrong-psk-nat']}/report`);
  await page.goto(`${h.url}/#/capture/${ids['wrong-psk-nat']}`);
  await page.waitForSelector('.hosts-card');
  const s = psk.sessions[0]!;
  expect(await page.locator(`.hosts [data-host="${s.responderIp}"] .host-role`).textContent()).toContain('MX');
  expect(await page.locator(`.hosts [data-host="${s.clientIp}"] .host-role`).textContent()).toContain('client');

  const dns = await apiGet<AnalysisReport>(h, `/api/captures/${ids['dns-fail']}/report`);
  const server = String(dns.auth[0]!.evidence.details!.server).replace(/:\d+$/, '');
  await page.goto(`${h.url}/#/capture/${ids['dns-fail']}`);
  await page.waitForSelector('.hosts-card');
  expect(await page.locator(`.hosts [data-host="${server}"] .host-role`).textContent()).toBe('DNS server');
});

it('says when nothing in the capture told the MX from the client', async () => {
  // tcpdump's espudp1: ESP-in-UDP one way between two hosts, no IKE, no NAT-T keepalive, no
  // Meraki MAC: only who sent first can name the client.
  const body = await readFile(join(__dirname, '../fixtures/public/tcpdump__espudp1.pcap'));
  const id = await seed(h, 'espudp1.pcap', body);
  const r = await apiGet<AnalysisReport>(h, `/api/captures/${id}/report`);
  const s = r.sessions[0]!;
  expect(s.roles.decidedBy).toBe('first-sender');
  await page.goto(`${h.url}/#/capture/${id}`);
  await page.waitForSelector('section.session');
  const note = await page.locator('section.session > p.note').first().textContent();
  expect(note).toContain('Roles guessed');
  expect(note).toContain(s.clientIp);
  // A session whose roles the capture tells carries no such note.
  await page.goto(`${h.url}/#/capture/${ids['wrong-psk-nat']}`);
  await page.waitForSelector('section.session');
  expect(await page.locator('section.session > p.note', { hasText: 'Roles guessed' }).count()).toBe(0);
});

it('says when the MX opened the negotiation (renewing a user’s phase 1)', async () => {
  // known-limits late-mx-renews-client-phase1-no-nat: 198.51.100.1 answers user 2 (frame 7 -> 8)
  // and itself opens user 1's main mode (frame 1, UDP 4500).
  const body = await readFile(
    join(__dirname, '../fixtures/known-limits/late-mx-renews-client-phase1-no-nat/capture.pcap'),
  );
  const id = await seed(h, 'renewal.pcap', body);
  await page.goto(`${h.url}/#/capture/${id}`);
  await page.waitForSelector('section.session');
  const notes = page.locator('section.session > p.note', { hasText: 'opened this negotiation' });
  expect(await notes.count()).toBe(1);
  expect(await notes.first().textContent()).toContain('The MX 198.51.100.1 opened this negotiation');
});
