// Issue 13 (dashboard): an AnyConnect capture's detail shows its session as a ladder with a TLS
// and a DTLS lane (one arrow per timeline entry, each on its channel's lane), the verdict with
// its checklist, and the MX's certificate with the checks the capture can make, in English and
// Japanese; a client's history row names the AnyConnect session and opens it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { AnalysisReport } from '#shared/report/types.js';
import type { DiagnosisItem, Page as ApiPage } from '../../lambdas/dashboard/api-types.js';
import { apiGet } from './seed.js';
import { openSignedIn, type SignedIn } from './signed-in.js';

let app: SignedIn;
let h: SignedIn['h'];
let page: Page;
let blocked: string;
let expired: string;

beforeAll(async () => {
  app = await openSignedIn(['anyconnect-dtls-blocked', 'anyconnect-cert-expired']);
  ({ h, page } = app);
  blocked = app.ids['anyconnect-dtls-blocked']!;
  expired = app.ids['anyconnect-cert-expired']!;
}, 60_000);

afterAll(async () => app?.close(), 60_000);

it('draws the TLS and DTLS lanes of a blocked DTLS, with the certificate panel', async () => {
  const report = await apiGet<AnalysisReport>(h, `/api/captures/${blocked}/report`);
  const s = report.anyconnect![0]!;
  await page.goto(`${h.url}/#/capture/${blocked}`);
  await page.waitForSelector('svg.ac-ladder');
  const session = page.locator(`.anyconnect-session[data-session="${s.id}"]`);
  expect(await session.getAttribute('data-verdict')).toBe('ANYCONNECT_DTLS_BLOCKED');
  expect(await page.locator('.capture-verdict [data-verdict]').getAttribute('data-verdict')).toBe(
    'ANYCONNECT_DTLS_BLOCKED',
  );
  expect(await page.locator('svg.ac-ladder g.lane.lane-tls').count()).toBe(1);
  expect(await page.locator('svg.ac-ladder g.lane.lane-dtls').count()).toBe(1);

  // One arrow per timeline entry, each ending on its channel's lane.
  const arrows = await page.locator('svg.ac-ladder g.ac-arrow').evaluateAll((gs) =>
    gs.map((g) => {
      const line = g.querySelector('line')!;
      // The MX end of the arrow (an arrow to the MX stops 3 px short of the lane for its head).
      const c2m = g.getAttribute('data-direction') === 'client-to-mx';
      const far = c2m ? Number(line.getAttribute('x2')) + 3 : Number(line.getAttribute('x1'));
      return {
        frame: Number(g.getAttribute('data-frame')),
        channel: g.getAttribute('data-channel'),
        far,
        retx: g.getAttribute('data-retransmission') === 'true',
      };
    }),
  );
  expect(arrows.map((a) => [a.frame, a.channel])).toEqual(s.timeline.map((e) => [e.frame, e.channel]));
  const farOf = (channel: string) => new Set(arrows.filter((a) => a.channel === channel).map((a) => Math.round(a.far)));
  expect(farOf('dtls').size).toBe(1);
  expect(farOf('tls').size).toBe(1);
  expect([...farOf('dtls')][0]).toBeGreaterThan([...farOf('tls')][0]!);
  expect(arrows.filter((a) => a.channel === 'dtls').map((a) => a.frame)).toEqual([22, 24, 25, 28]);
  expect(arrows.filter((a) => a.retx).length).toBe(3);

  // The verdict with its checklist, and the certificate as sent.
  const verdict = session.locator('article.finding[data-code="ANYCONNECT_DTLS_BLOCKED"]');
  expect(await verdict.locator('.checklist li').count()).toBe(s.findings[0]!.checklist.en.length);
  const panel = session.locator('.certificate-panel');
  const text = await panel.textContent();
  expect(text).toContain('CN=vpn.example.com, O=Example Lab');
  expect(text).toContain('CN=Example Lab Issuing CA 1, O=Example Lab');
  expect(text).toContain('vpn.example.com');
  expect(text).toContain('2026-11-01T00:00:00Z – 2027-11-01T00:00:00Z');
  expect(text).toContain('RSA 2048');
  expect(await panel.locator('.cert-checks li[data-passed="true"]').count()).toBe(4);
  // Why it was taken for AnyConnect, in words with the report's code beside them.
  expect(s.recognizedBy).toBe('dtls');
  expect(await session.locator('dd', { hasText: '(dtls)' }).textContent()).toBe('DTLS on the TLS port (dtls)');
});

it('fails the validity check of an expired certificate, in Japanese too', async () => {
  await page.goto(`${h.url}/#/capture/${expired}`);
  await page.waitForSelector('.certificate-panel');
  const check = page.locator('.cert-checks li[data-check="acCheckValidity"]');
  expect(await check.getAttribute('data-passed')).toBe('false');
  expect(await check.locator('[data-verdict]').getAttribute('data-verdict')).toBe('ANYCONNECT_CERT_EXPIRED');
  await page.selectOption('#lang', 'ja');
  await page.waitForSelector('.certificate-panel h3:has-text("MX の証明書")');
  expect(await page.locator('.cert-checks li[data-check="acCheckValidity"]').textContent()).toContain(
    'キャプチャ時点で有効',
  );
  expect(await page.locator('.anyconnect-session article.finding h3').first().textContent()).toBe(
    'クライアントが MX の証明書を拒否',
  );
});

it("lists the AnyConnect session in the client's history and opens it", async () => {
  const items = (await apiGet<ApiPage<DiagnosisItem>>(h, '/api/diagnoses?clientIp=192.0.2.50')).items;
  const item = items.find((i) => i.captureId === blocked)!;
  expect(item).toMatchObject({ verdict: 'ANYCONNECT_DTLS_BLOCKED', stepReached: 'DTLS' });
  await page.goto(`${h.url}/#/ip/192.0.2.50`);
  const row = page.locator(`a[href*="${blocked}"]`).first();
  await row.waitFor();
  await row.click();
  await page.waitForSelector(`.anyconnect-session[data-session="${item.sessionId}"]`);
});
