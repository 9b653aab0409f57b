// The dashboard in real Chromium against the real local twin (s3rver, dynalite, the API and
// analyze handlers, the real analyzer). Every expected value is read from the API's own answers
// for the captures uploaded through the page, never written down here.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { AnalysisReport } from '#shared/report/types.js';
import type { CaptureDetail, Page as ApiPage, DiagnosisItem } from '../../lambdas/dashboard/api-types.js';
import { revokeKey } from '../../lambdas/auth/key-admin.js';
import { TenantStore } from '../../lambdas/store/tenant-store.js';
import { withIkeIdentity, withRadiusText } from './craft-capture.js';
import { launchBrowser, repoPath, startHarness, type Harness } from './twin-harness.js';
import { isError as isErrorNotify } from '#shared/ike/notify-types.js';

const SCENARIOS = ['wrong-psk-nat', 'success-nat-t', 'phase1-mismatch', 'multi-client'] as const;
const ID_MARKUP = '<img src=x onerror=window.__xss=1>';
const RADIUS_MARKUP = '<img src=x onerror=window.__xss=3>';
const NAME_MARKUP = '<script>window.__xss=2</script>.pcap';

let h: Harness;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let page: Page;
/** Capture ids of the scenario uploads, by scenario. */
const ids = new Map<string, string>();

async function api<T>(path: string, key = h.operatorKey, tenant?: string): Promise<T> {
  const res = await fetch(`${h.url}${path}`, {
    headers: { authorization: `Bearer ${key}`, ...(tenant ? { 'x-tenant-id': tenant } : {}) },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

async function signIn(p: Page, key: string): Promise<void> {
  await p.goto(`${h.url}/`);
  await p.fill('#api-key', key);
  await p.click('form.signin button[type=submit]');
  await p.waitForSelector('#capture-file', { state: 'attached' });
}

/** Uploads through the file picker; resolves with the capture id once the page shows DONE. */
async function uploadThroughPage(p: Page, file: string | { name: string; buffer: Buffer }): Promise<string> {
  const before = await p.locator('li.upload').count();
  await p.setInputFiles(
    '#capture-file',
    typeof file === 'string' ? file : { ...file, mimeType: 'application/octet-stream' },
  );
  const row = p.locator('li.upload').first();
  await expect.poll(() => p.locator('li.upload').count()).toBe(before + 1);
  await row.locator('.upload-status [data-verdict], .upload-status .text-error').waitFor({ timeout: 30_000 });
  expect(await row.locator('.text-error').count()).toBe(0);
  expect(await row.locator('progress').evaluate((el) => (el as HTMLProgressElement).value)).toBe(100);
  return (await row.getAttribute('data-capture-id'))!;
}

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  context = browser.context;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.url });
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
}, 90_000);

describe('dashboard against the local twin', () => {
  it('refuses a wrong key with a message, and keeps the key out of the URL', async () => {
    await page.goto(`${h.url}/`);
    await page.fill('#api-key', 'vd_not-a-real-key');
    await page.click('form.signin button[type=submit]');
    await expect.poll(() => page.textContent('#signin-error')).toContain('401');
    expect(await page.locator('#capture-file').count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await signIn(page, h.operatorKey);
    expect(page.url()).not.toContain(h.operatorKey);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(h.operatorKey);
  }, 60_000);

  it('uploads captures through the page and shows each verdict as the analysis finishes', async () => {
    for (const s of SCENARIOS)
      ids.set(s, await uploadThroughPage(page, repoPath('test/fixtures/scenarios', s, 'capture.pcap')));
    for (const [s, id] of ids) {
      const d = await api<CaptureDetail>(`/api/captures/${id}`);
      expect(d.capture.status, s).toBe('DONE');
      const row = page.locator(`li.upload[data-capture-id="${id}"]`);
      expect(await row.locator('[data-verdict]').getAttribute('data-verdict')).toBe(d.capture.verdict);
      // The badge carries the code as text, not only a colour.
      expect(await row.locator('[data-verdict]').textContent()).toContain(d.capture.verdict!);
    }
    // The list, newest first, shows the same verdicts.
    const listed: ApiPage<{ captureId: string; verdict?: string }> = await api('/api/captures');
    await expect.poll(() => page.locator('table.captures tbody tr').count()).toBe(listed.items.length);
    const rowIds = await page
      .locator('table.captures tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-capture-id')));
    expect(rowIds).toEqual(listed.items.map((c) => c.captureId));
    expect(rowIds[0]).toBe(ids.get('multi-client'));
  }, 60_000);

  it('draws one ladder arrow per timeline message, with retransmissions marked in text and ESP bands', async () => {
    for (const s of ['wrong-psk-nat', 'success-nat-t', 'phase1-mismatch'] as const) {
      const id = ids.get(s)!;
      await page.goto(`${h.url}/#/`);
      // Rows open with the keyboard: the file name is the row's link.
      await page.locator(`table.captures tr[data-capture-id="${id}"] a.capture-link`).focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('svg.ladder');
      const d = await api<CaptureDetail>(`/api/captures/${id}`);
      const sessionId = await page.getAttribute('svg.ladder', 'data-session');
      const sd = d.sessions.find((x) => x.id === sessionId)!;
      expect(sd, s).toBeDefined();
      expect(sd.timeline.length).toBeGreaterThan(0);
      expect(await page.locator('svg.ladder [data-arrow]').count()).toBe(sd.timeline.length);
      const arrows = await page.locator('svg.ladder [data-arrow]').evaluateAll((els) =>
        els.map((e) => ({
          frame: Number(e.getAttribute('data-frame')),
          retx: e.hasAttribute('data-retransmission'),
          text: e.textContent ?? '',
        })),
      );
      sd.timeline.forEach((t, i) => {
        expect(arrows[i]!.frame).toBe(t.frame);
        expect(arrows[i]!.text).toContain(`UDP ${t.srcPort} → ${t.dstPort}`);
        expect(arrows[i]!.text).toContain(t.label);
        expect(arrows[i]!.retx).toBe(t.retransmission);
        expect(arrows[i]!.text.includes('↻')).toBe(t.retransmission);
        expect(arrows[i]!.text.includes('⚠')).toBe(t.notifies.some(isErrorNotify));
      });
      for (const dir of ['client-to-mx', 'mx-to-client'] as const) {
        const packets = sd.esp.filter((f) => f.direction === dir).reduce((a, f) => a + f.packets, 0);
        const band = page.locator(`svg.ladder [data-esp="${dir}"]`);
        if (sd.esp.length === 0) expect(await band.count()).toBe(0);
        else expect(await band.getAttribute('data-packets')).toBe(String(packets));
      }
      if (s === 'wrong-psk-nat') expect(sd.timeline.some((t) => t.retransmission)).toBe(true);
      if (s === 'success-nat-t') expect(sd.esp.length).toBeGreaterThan(0);
      if (s === 'phase1-mismatch') expect(sd.timeline.some((t) => t.notifies.some(isErrorNotify))).toBe(true);
      // Client fingerprint and the proposals offered and chosen.
      expect(await page.locator('.session .facet .mono').first().textContent()).toBe(sd.client.fingerprint);
      const proposals = await page.locator('.session ul.proposals li > .mono').allTextContents();
      expect(proposals).toEqual(
        [...sd.proposals.phase1Offered, ...(sd.proposals.phase1Chosen ? [sd.proposals.phase1Chosen] : [])].map(
          (p) => p.text,
        ),
      );
      // The verdict with its explanation and checklist.
      const main = sd.findings.find((f) => f.code === sd.verdict)!;
      expect(await page.locator('.verdict-block .explanation').textContent()).toBe(main.explanation.en);
      expect(await page.locator('.verdict-block .checklist li').allTextContents()).toEqual(main.checklist.en);
    }
  }, 90_000);

  it('copies the filter, downloads the JSON report, and switches language (remembered)', async () => {
    const id = ids.get('wrong-psk-nat')!;
    await page.goto(`${h.url}/#/capture/${id}`);
    await page.waitForSelector('svg.ladder');
    const report = await api<AnalysisReport>(`/api/captures/${id}/report`);
    const main = report.sessions[0]!.findings.find((f) => f.code === report.sessions[0]!.verdict)!;

    await page.locator('.verdict-block button.copy').click();
    await expect.poll(() => page.locator('.verdict-block button.copy').textContent()).toContain('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(main.filter);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
    const downloaded = JSON.parse(await readFile((await download.path())!, 'utf8')) as AnalysisReport;
    expect(downloaded).toEqual(report);

    expect(main.checklist.ja[0]).not.toBe(main.checklist.en[0]);
    await page.selectOption('#lang', 'ja');
    await expect
      .poll(() => page.locator('.verdict-block .checklist li').first().textContent())
      .toBe(main.checklist.ja[0]);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    await page.reload();
    await page.waitForSelector('svg.ladder');
    expect(await page.locator('.verdict-block .checklist li').allTextContents()).toEqual(main.checklist.ja);
    await page.selectOption('#lang', 'en');
    await expect
      .poll(() => page.locator('.verdict-block .checklist li').first().textContent())
      .toBe(main.checklist.en[0]);
  }, 90_000);

  it('searches a client IP and shows every diagnosis of it, newest first, with a verdict strip', async () => {
    const report = await api<CaptureDetail>(`/api/captures/${ids.get('success-nat-t')}`);
    const ip = report.sessions[0]!.clientIp;
    const expected = await api<ApiPage<DiagnosisItem>>(`/api/diagnoses?clientIp=${encodeURIComponent(ip)}`);
    expect(new Set(expected.items.map((d) => d.captureId)).size).toBeGreaterThanOrEqual(3);

    await page.click('nav a[href="#/ip/"]');
    await page.fill('#client-ip', ip);
    await page.press('#client-ip', 'Enter');
    await page.waitForSelector('table.history tbody tr');
    const rows = await page.locator('table.history tbody tr').evaluateAll((rs) =>
      rs.map((r) => ({
        id: r.getAttribute('data-capture-id'),
        verdict: r.querySelector('[data-verdict]')?.getAttribute('data-verdict'),
      })),
    );
    expect(rows).toEqual(expected.items.map((d) => ({ id: d.captureId, verdict: d.verdict })));
    expect(await page.locator('svg.strip [data-mark]').count()).toBe(expected.items.length);

    await page.fill('#client-ip', 'not-an-ip');
    await page.press('#client-ip', 'Enter');
    await expect.poll(() => page.locator('.results [role=alert]').count()).toBe(1);
  }, 60_000);

  it('lets an operator switch tenants; a tenant key gets no switcher and sees only its captures', async () => {
    await page.goto(`${h.url}/#/`);
    await page.waitForSelector('table.captures tbody tr');
    expect(await page.locator('#tenant option').allTextContents()).toEqual(
      expect.arrayContaining(['Acme Corp', 'Local tenant']),
    );
    await page.selectOption('#tenant', 'acme');
    await expect.poll(() => page.locator('table.captures tbody tr').count()).toBe(0);
    await page.selectOption('#tenant', 'local');
    await expect.poll(() => page.locator('table.captures tbody tr').count()).toBe(SCENARIOS.length);

    const other = await context.newPage();
    await signIn(other, h.acmeKey);
    expect(await other.locator('#tenant').count()).toBe(0);
    expect(await other.locator('table.captures tbody tr').count()).toBe(0);
    await other.close();
  }, 60_000);

  it('uploads by drag and drop, and shows a failed analysis with its reason', async () => {
    await page.goto(`${h.url}/#/`);
    await page.waitForSelector('.dropzone');
    const before = await page.locator('li.upload').count();
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(
        new File(['this is not a packet capture, just notes\n'.repeat(20)], 'notes.txt', { type: 'text/plain' }),
      );
      return dt;
    });
    await page.dispatchEvent('.dropzone', 'drop', { dataTransfer });
    await expect.poll(() => page.locator('li.upload').count()).toBe(before + 1);
    const row = page.locator('li.upload').first();
    await row.locator('.upload-status .text-error').waitFor({ timeout: 30_000 });
    const id = (await row.getAttribute('data-capture-id'))!;
    const d = await api<CaptureDetail>(`/api/captures/${id}`);
    expect(d.capture.status).toBe('FAILED');
    expect(d.capture.error).toBeTruthy();
    expect(await row.locator('.upload-status').textContent()).toContain(d.capture.error!);
    await page.click(`table.captures tr[data-capture-id="${id}"] a.capture-link`);
    await expect.poll(() => page.locator('.capture-head [role=alert]').textContent()).toContain(d.capture.error!);
  }, 40_000);

  it('pages through a long captures list with More, newest first', async () => {
    const small = await readFile(repoPath('test/fixtures/scenarios/radius-reject/capture.pcap'));
    for (let i = 0; i < 27; i++) {
      const res = await fetch(`${h.url}/api/uploads`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${h.operatorKey}`,
          'x-tenant-id': 'acme',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ fileName: `bulk-${String(i).padStart(2, '0')}.pcap`, size: small.length }),
      });
      const ticket = (await res.json()) as { uploadUrl: string; headers: Record<string, string> };
      expect((await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: small })).ok).toBe(true);
    }
    const first = await api<ApiPage<{ captureId: string }>>('/api/captures?limit=25', h.operatorKey, 'acme');
    const second = await api<ApiPage<{ captureId: string }>>(
      `/api/captures?limit=25&cursor=${encodeURIComponent(first.cursor!)}`,
      h.operatorKey,
      'acme',
    );
    await page.goto(`${h.url}/#/`);
    await page.selectOption('#tenant', 'acme');
    await expect.poll(() => page.locator('table.captures tbody tr').count()).toBe(25);
    await page.click('button:has-text("More")');
    await expect.poll(() => page.locator('table.captures tbody tr').count()).toBe(27);
    expect(await page.locator('button:has-text("More")').isVisible()).toBe(false);
    const rowIds = await page
      .locator('table.captures tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-capture-id')));
    expect(rowIds).toEqual([...first.items, ...second.items].map((c) => c.captureId));
    await page.selectOption('#tenant', 'local');
    await expect.poll(() => page.locator('table.captures tbody tr').count()).toBeLessThan(25);
  }, 40_000);

  it('shows markup from a capture and from a file name as text and runs none of it', async () => {
    const aggressive = withIkeIdentity(
      await readFile(repoPath('test/fixtures/public/zeek-spicy-ipsec__ipsec-ikev1-isakmp-aggressive-mode.pcap')),
      ID_MARKUP,
    );
    const radius = withRadiusText(
      await readFile(repoPath('test/fixtures/scenarios/radius-reject/capture.pcap')),
      RADIUS_MARKUP,
    );
    await page.goto(`${h.url}/#/`);
    await page.waitForSelector('#capture-file', { state: 'attached' });
    const idCapture = await uploadThroughPage(page, { name: NAME_MARKUP, buffer: aggressive });
    expect(await page.locator(`li.upload[data-capture-id="${idCapture}"] .upload-name`).textContent()).toBe(
      NAME_MARKUP,
    );
    const radiusCapture = await uploadThroughPage(page, { name: NAME_MARKUP.replace('2', '4'), buffer: radius });

    // The RADIUS User-Name / Reply-Message reach the report, so they must show, as text.
    const radiusReport = await api<AnalysisReport>(`/api/captures/${radiusCapture}/report`);
    expect(JSON.stringify(radiusReport.auth)).toContain(RADIUS_MARKUP);
    await page.goto(`${h.url}/#/capture/${radiusCapture}`);
    await page.waitForSelector('section.auth .finding');
    await expect.poll(() => page.getByText(RADIUS_MARKUP).first().isVisible()).toBe(true);

    const idReport = await api<AnalysisReport>(`/api/captures/${idCapture}/report`);
    await page.goto(`${h.url}/#/capture/${idCapture}`);
    await page.waitForSelector('svg.ladder');
    expect(await page.locator('.capture-head [data-verdict]').getAttribute('data-verdict')).toBe(idReport.verdict);
    if (JSON.stringify(idReport).includes(ID_MARKUP))
      await expect.poll(() => page.getByText(ID_MARKUP).first().isVisible()).toBe(true);

    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1); // the app bundle only
  }, 60_000);

  it('goes back to sign-in with a message when the key is revoked mid-session', async () => {
    const other = await context.newPage();
    await signIn(other, h.acmeKey);
    await revokeKey(new TenantStore(h.twin.clients.dynamo, h.twin.state.table), { keyOrId: h.acmeKey }, new Date());
    await other.click('nav a[href="#/ip/"]');
    await other.fill('#client-ip', '192.0.2.10');
    await other.press('#client-ip', 'Enter');
    await other.waitForSelector('#api-key');
    expect(await other.textContent('#signin-error')).toContain('401');
    expect(await other.evaluate(() => sessionStorage.length)).toBe(0);
    await other.close();
  }, 60_000);
});
