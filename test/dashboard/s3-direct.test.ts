// Where the browser talks to S3 itself, in real Chromium against the twin, whose S3 carries the
// CDK bucket's CORS rule (lambdas/storage/browser-cors.ts) for the exact dashboard origin:
// - the upload form's optional MX address travels as a signed metadata header on the presigned PUT
//   (a non-simple header: the browser's CORS preflight must allow it), and the diagnosis uses it;
// - a report over 5 MB is not sent through the API (Lambda answers at most 6 MB): the API answers
//   302 to a presigned S3 GET, which the dashboard's fetch follows cross-origin (issue 9: the
//   bucket's CORS allowed only PUT, so the browser blocked it and the report parts went missing).
//   Reports are bounded now (shared/report/limits.ts) and rarely reach 5 MB, so this twin
//   redirects from REDIRECT_ABOVE bytes: the same route, headers and CORS, a smaller file.
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaptureDetail } from '../../lambdas/dashboard/api-types.js';
import { MAX_INLINE_REPORT_BYTES } from '../../lambdas/config.js';
import { MAX_ANYCONNECT_IN_FULL, MAX_SESSIONS_IN_FULL } from '#shared/report/limits.js';
import { ANYCONNECT_REAL_CLIENTS, generateAnyConnectSessions } from '../../scripts/bench/anyconnect-sessions.js';
import { generateManySessions } from '../../scripts/bench/many-sessions.js';
import { launchBrowser, repoPath, startHarness, type Harness } from './twin-harness.js';

let h: Harness;
const REDIRECT_ABOVE = 256 * 1024;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

/** A port free right now: the twin then lists its exact origin in the S3 CORS rule. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${h.operatorKey}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** Signs the tab in, unless it already is (the key lives in the tab's sessionStorage). */
async function signIn(): Promise<void> {
  await page.goto(`${h.url}/`);
  await page.waitForSelector('#api-key, #capture-file', { state: 'attached' });
  if ((await page.locator('#api-key').count()) === 0) return;
  await page.fill('#api-key', h.operatorKey);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('#capture-file', { state: 'attached' });
}

/** Uploads through the file picker; the capture id once the row shows a verdict. */
async function uploadThroughPage(file: { name: string; buffer: Buffer } | string): Promise<string> {
  const before = await page.locator('li.upload').count();
  await page.setInputFiles(
    '#capture-file',
    typeof file === 'string' ? file : { ...file, mimeType: 'application/octet-stream' },
  );
  await expect.poll(() => page.locator('li.upload').count()).toBe(before + 1);
  const row = page.locator('li.upload').first();
  await row.locator('.upload-status [data-verdict], .upload-status .text-error').waitFor({ timeout: 60_000 });
  expect(await row.locator('.text-error').count()).toBe(0);
  return (await row.getAttribute('data-capture-id'))!;
}

beforeAll(async () => {
  const port = await freePort();
  h = await startHarness({ httpPort: port, maxInlineReportBytes: REDIRECT_ABOVE });
  expect(h.url).toBe(`http://127.0.0.1:${port}`);
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
}, 60_000);

describe('the upload form with an MX address', () => {
  // Frames 2-13 of the real late-esp-one-way: without its frame 1 (the client's NAT-T keepalive)
  // nothing in the bytes tells the roles, and the MX sends first (see that scenario's README).
  const CLIENT = '198.51.100.2';
  const MX = '198.51.100.1';

  async function lateEspCut(): Promise<Buffer> {
    const buf = await readFile(repoPath('test/fixtures/scenarios/late-esp-one-way/capture.pcap'));
    const records: Buffer[] = [];
    for (let at = 24, n = 1; at + 16 <= buf.length; n++) {
      const end = at + 16 + buf.readUInt32LE(at + 8);
      if (n >= 2) records.push(buf.subarray(at, end));
      at = end;
    }
    return Buffer.concat([buf.subarray(0, 24), ...records]);
  }

  it('says a wrong address in the UI language and uploads nothing', async () => {
    await page.addInitScript(() => localStorage.setItem('vpn-doctor.lang', 'ja'));
    await signIn();
    expect(await page.textContent('label[for=mx-ip]')).toBe('MX の IP アドレス（任意）');
    await page.fill('#mx-ip', '198.51.100');
    await page.setInputFiles('#capture-file', {
      name: 'x.pcap',
      mimeType: 'application/octet-stream',
      buffer: await lateEspCut(),
    });
    await expect
      .poll(() => page.textContent('#mx-ip-error'))
      .toBe('「198.51.100」は IPv4 / IPv6 アドレスではありません。');
    expect(await page.getAttribute('#mx-ip', 'aria-invalid')).toBe('true');
    expect(await page.locator('li.upload').count()).toBe(0);
    // Back to English for the rest of the file.
    await page.evaluate(() => localStorage.setItem('vpn-doctor.lang', 'en'));
  }, 60_000);

  it('sends the address with the file, and the diagnosis takes that MX', async () => {
    const en = await browser.context.newPage();
    await page.close();
    page = en;
    await page.addInitScript(() => localStorage.setItem('vpn-doctor.lang', 'en'));
    await signIn();
    expect(await page.textContent('label[for=mx-ip]')).toBe('MX IP address (optional)');
    await page.fill('#mx-ip', MX);
    const id = await uploadThroughPage({ name: 'late-esp-cut.pcap', buffer: await lateEspCut() });
    const d = await api<CaptureDetail>(`/api/captures/${id}`);
    expect(d.capture).toMatchObject({ status: 'DONE', verdict: 'ESP_ONE_WAY', mxIp: MX });
    expect(d.sessions[0]).toMatchObject({ clientIp: CLIENT, responderIp: MX, roles: { decidedBy: 'user-mx-ip' } });
    await page.fill('#mx-ip', '');
  }, 90_000);
});

describe('a report over the inline limit (5 MB on AWS)', () => {
  it('is fetched by the dashboard from S3 after the API redirect (CORS GET from the dashboard origin)', async () => {
    // The bench's many-sessions capture (a real wrong-PSK negotiation repeated from new clients):
    // 1.25 MB of capture, far more sessions than a report holds in full.
    const file = join(h.dataDir, 'many-sessions.pcap');
    const meta = await generateManySessions(file, 1.25, repoPath('test/fixtures/scenarios'));
    await signIn();
    const id = await uploadThroughPage(file);

    // Every client counted per verdict on the capture item, those the report only counts too: the
    // generator's scanners get their negotiation's verdict, each real client its fixture's.
    const { scannerSessions, realClients } = meta.details as {
      scannerSessions: number;
      realClients: { case: string }[];
    };
    const verdictOf = async (scenario: string) =>
      (
        JSON.parse(await readFile(repoPath(`test/fixtures/scenarios/${scenario}/expected.json`), 'utf8')) as {
          verdict: string;
        }
      ).verdict;
    const expectedCounts = new Map([[await verdictOf('wrong-psk-nat'), scannerSessions]]);
    for (const r of realClients) {
      const v = await verdictOf(r.case);
      expectedCounts.set(v, (expectedCounts.get(v) ?? 0) + 1);
    }
    const item = (await api<CaptureDetail>(`/api/captures/${id}?limit=1`)).capture;
    expect(new Map(item.clientVerdicts!.map((x) => [x.verdict as string, x.clients]))).toEqual(expectedCounts);
    const rowCounts = page.locator(`tr[data-capture-id="${id}"] .verdict-counts li`);
    await expect.poll(() => rowCounts.count(), { timeout: 15_000 }).toBe(expectedCounts.size);
    expect(await rowCounts.first().getAttribute('data-count')).toBe(String(scannerSessions));

    const res = await fetch(`${h.url}/api/captures/${id}/report`, {
      headers: { authorization: `Bearer ${h.operatorKey}` },
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location.startsWith(h.twin.state.s3Endpoint)).toBe(true);
    const reportBuffer = Buffer.from(await (await fetch(location)).arrayBuffer());
    const reportBytes = reportBuffer.byteLength;
    const stored = JSON.parse(reportBuffer.toString('utf8')) as {
      sessions: { id: string; clientIp: string }[];
      clients: { ip: string; sessions: string[] }[];
    };
    expect(reportBytes).toBeGreaterThan(REDIRECT_ABOVE);
    expect(REDIRECT_ABOVE).toBeLessThan(MAX_INLINE_REPORT_BYTES);

    const fromS3: { status: number; allowOrigin?: string }[] = [];
    const blocked: string[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(h.twin.state.s3Endpoint) && r.request().method() === 'GET')
        fromS3.push({ status: r.status(), allowOrigin: r.headers()['access-control-allow-origin'] });
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /CORS/i.test(m.text())) blocked.push(m.text());
    });
    await page.goto(`${h.url}/#/capture/${id}`);
    await page.waitForSelector('table.sessions tbody tr', { timeout: 60_000 });
    // The parts drawn from the report only: the hosts and the authentication section.
    await page.waitForSelector('section.auth', { timeout: 30_000 });
    expect(blocked).toEqual([]);
    expect(fromS3).toContainEqual({ status: 200, allowOrigin: h.url });

    // Every session the report keeps in full is listed (the dashboard reads every page of them).
    expect(await page.locator('table.sessions tbody tr').count()).toBe(stored.sessions.length);
    // A client links to its own session; one whose sessions are only counted says so instead of
    // opening another client's session.
    const inFull = new Map(stored.sessions.map((x) => [x.id, x.clientIp]));
    const listed = page.locator('.clients-summary li');
    expect(await listed.count()).toBe(stored.clients.length);
    const counted = stored.clients.filter((c) => !c.sessions.some((x) => inFull.has(x)));
    expect(counted.length).toBeGreaterThan(0);
    expect(await page.locator('.clients-summary li[data-counted]').count()).toBe(counted.length);
    const linked = stored.clients.filter((c) => !counted.includes(c));
    for (const c of [linked[0]!, linked[linked.length - 1]!]) {
      await page.locator(`.clients-summary li[data-client-ip="${c.ip}"] a`).first().click();
      await expect
        .poll(() => page.getAttribute('svg.ladder', 'data-session'))
        .toSatisfy((sid) => inFull.get(sid as string) === c.ip);
    }
    const before = page.url();
    const summariesTop = () =>
      page.locator('#summaries-title').evaluate((e) => e.getBoundingClientRect().top / window.innerHeight);
    expect(await summariesTop()).toBeGreaterThan(1);
    await page.locator(`.clients-summary li[data-client-ip="${counted[0]!.ip}"] a`).click();
    await expect.poll(summariesTop).toBeLessThan(1);
    expect(await summariesTop()).toBeGreaterThanOrEqual(0);
    expect(page.url()).toBe(before);

    // The download goes the same way and carries every byte.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON report' }).click(),
    ]);
    const saved = join(h.dataDir, 'downloaded.json');
    await download.saveAs(saved);
    const text = await readFile(saved, 'utf8');
    expect(Buffer.byteLength(text)).toBe(reportBytes);
    const report = JSON.parse(text) as { sessions: unknown[]; sessionSummaries?: unknown[] };
    expect(report.sessions.length).toBe(MAX_SESSIONS_IN_FULL);
    expect(report.sessionSummaries?.length).toBeGreaterThan(0);
    await writeFile(saved, '');
  }, 180_000);
});

describe('a crowd of AnyConnect logins', () => {
  it('lists the sessions the report keeps in full and counts the others in the summaries', async () => {
    // One real refused login (ocserv/openconnect) repeated from 250 addresses, two real clients among them.
    const refused = 250;
    const file = join(h.dataDir, 'anyconnect-crowd.pcap');
    await generateAnyConnectSessions(file, refused, repoPath('test/fixtures/scenarios'));
    await signIn();
    const id = await uploadThroughPage(file);
    await page.goto(`${h.url}/#/capture/${id}`);
    const section = page.locator('section.summaries');
    await section.waitFor({ timeout: 60_000 });
    // The help names how many are listed in full: AnyConnect's, there being no IKE session.
    expect(await section.locator('p').first().textContent()).toContain(String(MAX_ANYCONNECT_IN_FULL));
    const rows = section.locator('table.summaries').first().locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('[data-verdict]').getAttribute('data-verdict')).toBe('ANYCONNECT_AUTH_FAILED');
    const counted = refused + ANYCONNECT_REAL_CLIENTS.length - MAX_ANYCONNECT_IN_FULL;
    expect(await rows.first().locator('td.num').first().textContent()).toBe(String(counted));
  }, 120_000);
});
