// Screenshots of the dashboard's main pages for docs/screenshots/, taken in headless Chromium
// against the real local twin with real captures uploaded through the page.
// Run: npx tsx scripts/screenshots.ts
import { mkdir, readFile } from 'node:fs/promises';
import { launchBrowser, repoPath, startHarness } from '../test/dashboard/twin-harness.js';

const OUT = repoPath('docs/screenshots');
const SCENARIOS = [
  'success-no-nat',
  'esp-one-way',
  'phase1-mismatch',
  'mx-no-answer',
  'radius-reject',
  'udp4500-blocked',
  'success-nat-t',
  'multi-client',
  'wrong-psk-nat',
];

const h = await startHarness();
const browser = await launchBrowser({ width: 1280, height: 860 });
try {
  await mkdir(OUT, { recursive: true });
  const page = await browser.context.newPage();
  await page.goto(`${h.url}/`);
  await page.waitForSelector('#api-key');
  await page.screenshot({ path: `${OUT}/sign-in.png` });

  await page.fill('#api-key', h.operatorKey);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('#capture-file', { state: 'attached' });
  const ids: Record<string, string> = {};
  for (const s of SCENARIOS) {
    // Named after the scenario, as an engineer would name an export.
    const buffer = await readFile(repoPath('test/fixtures/scenarios', s, 'capture.pcap'));
    await page.setInputFiles('#capture-file', {
      name: `mx-wan-${s}.pcap`,
      mimeType: 'application/vnd.tcpdump.pcap',
      buffer,
    });
    const row = page.locator('li.upload').first();
    await row.locator('.upload-status [data-verdict], .upload-status .text-error').waitFor({ timeout: 30_000 });
    ids[s] = (await row.getAttribute('data-capture-id'))!;
  }
  await page.goto(`${h.url}/#/`);
  await page.waitForSelector('table.captures tbody tr');
  await page.screenshot({ path: `${OUT}/captures.png` });

  for (const [s, file] of [
    ['wrong-psk-nat', 'capture-detail-ladder.png'],
    ['success-nat-t', 'capture-detail-esp.png'],
  ] as const) {
    await page.goto(`${h.url}/#/capture/${ids[s]}`);
    await page.waitForSelector('svg.ladder');
    await page.screenshot({ path: `${OUT}/${file}`, fullPage: true });
  }

  // Just the ladder: an error notification in clear, and the MX never answering.
  for (const [s, file] of [
    ['phase1-mismatch', 'ladder-error-notify.png'],
    ['mx-no-answer', 'ladder-retransmissions.png'],
    ['esp-one-way', 'ladder-esp-one-way.png'],
  ] as const) {
    await page.goto(`${h.url}/#/capture/${ids[s]}`);
    await page.locator('svg.ladder').screenshot({ path: `${OUT}/${file}` });
  }

  await page.goto(`${h.url}/#/ip/198.51.100.2`);
  await page.waitForSelector('svg.strip');
  await page.screenshot({ path: `${OUT}/client-ip-history.png` });

  // Japanese needs a CJK font on the machine taking the picture (Debian: fonts-noto-cjk). The
  // PSK mismatch behind NAT: the capture of README's Japanese CLI example, as issue 14 asks.
  await page.goto(`${h.url}/#/capture/${ids['wrong-psk-nat']}`);
  await page.waitForSelector('svg.ladder');
  await page.selectOption('#lang', 'ja');
  await page.waitForFunction(() => document.documentElement.lang === 'ja');
  await page.waitForSelector('svg.ladder');
  await page.screenshot({ path: `${OUT}/capture-detail-ja.png`, fullPage: true });
  await page.selectOption('#lang', 'en');

  // A ladder message opened (decoded payloads), desktop.
  await page.goto(`${h.url}/#/capture/${ids['wrong-psk-nat']}`);
  await page.waitForSelector('svg.ladder');
  await page.locator('svg.ladder [data-arrow]').first().dispatchEvent('click');
  await page.waitForSelector('.frame-detail ul.tree');
  await page.locator('.ladder-figure').screenshot({ path: `${OUT}/ladder-payloads.png` });

  // The phone (390x844), in English and Japanese.
  const phone = await launchBrowser({ width: 390, height: 844 }, { isMobile: true });
  try {
    const p = await phone.context.newPage();
    await p.goto(`${h.url}/`);
    await p.fill('#api-key', h.operatorKey);
    await p.click('form.signin button[type=submit]');
    await p.waitForSelector('table.captures tbody tr');
    for (const lang of ['en', 'ja'] as const) {
      await p.selectOption('#lang', lang);
      await p.goto(`${h.url}/#/`);
      await p.waitForSelector('table.captures tbody tr');
      await p.screenshot({ path: `${OUT}/phone-captures-${lang}.png` });
      await p.goto(`${h.url}/#/capture/${ids['wrong-psk-nat']}`);
      await p.waitForSelector('svg.ladder');
      await p.screenshot({ path: `${OUT}/phone-capture-detail-${lang}.png` });
    }
  } finally {
    await phone.close();
  }
  process.stdout.write(`screenshots written to ${OUT}\n`);
} finally {
  await browser.close();
  await h.stop();
}
