// Issue 10.6: every page of the dashboard in Japanese, walked in Chromium: no English UI string
// may remain. Text the capture or the user brought (file names, addresses, vendor IDs, decoder
// messages: marked translate="no", or set in monospace) is data, not UI, and is skipped;
// protocol, product and message names (GLOSSARY-JA keeps them in Latin letters) are allowed.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seed, seedScenario } from './seed.js';
import { launchBrowser, repoPath, startHarness, type Harness } from './twin-harness.js';

const SCENARIOS = [
  'wrong-psk-nat',
  'success-nat-t',
  'phase1-mismatch',
  'multi-client',
  'radius-reject',
  'ad-tls-fail',
  'dns-fail',
  'no-ike',
  'aggressive-mode',
  'ikev2-attempt',
  'esp-one-way',
  'udp4500-blocked',
];

/** Names that stay in Latin letters in Japanese text (protocols, products, message names). */
const ALLOWED = new Set(
  `
  vpn doctor meraki wireshark strongswan windows macos ios android linux cisco anyconnect
  isakmp ike ikev1 ikev2 esp udp tcp tls dtls dns radius nat nat-t psk xauth dpd spi modp aes cbc sha sha1 sha2 md5 des 3des
  security association key exchange identification hash informational info quick mode main aggressive transaction
  identity protection notify vendor id ids payload proposal transform
  access-request access-accept access-reject accounting-request reply-message user-name
  no-proposal-chosen invalid-payload-type payload-malformed
  active directory ldap ldaps kerberos json pcap pcapng api mx mm qm
  english bearer ipsec l2tp kib mib gib ipv4 ipv6 notification com
  `
    .trim()
    .split(/\s+/),
);

let h: Harness;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const ids: string[] = [];

/** The UI text of the page: text nodes outside data (translate="no", monospace, code). */
function uiText(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // The report's own sentences (finding titles, explanations, checklists) come localized
      // from the core's catalog; this test is about the dashboard's strings.
      if (!el || el.closest('[translate="no"], [data-report-text], .mono, code, script, style, noscript')) continue;
      const text = n.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder]')) {
      if (el.closest('[translate="no"]')) continue;
      for (const a of ['aria-label', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v && !/^[\d.:]+$/.test(v)) out.push(v);
      }
    }
    return out;
  });
}

/** English words left in Japanese UI text. */
function english(texts: string[]): string[] {
  const found: string[] = [];
  for (const text of texts)
    for (const word of text.match(/[A-Za-z][A-Za-z0-9'-]*/g) ?? []) {
      const w = word.toLowerCase().replace(/[-']+$/, '');
      if (/^[A-Z0-9_-]+$/.test(word)) continue; // codes and acronyms: PSK_MISMATCH, MM5, UDP
      if (/\d/.test(word) && /^[0-9a-f]+$/i.test(word)) continue; // hex: message IDs, SPIs
      if (w.length < 3 && !/^(is|of|to|in|on|at|by|or|no|an|as)$/.test(w)) continue;
      if (ALLOWED.has(w) || w.split('-').every((x) => ALLOWED.has(x) || /^\d+$/.test(x))) continue;
      found.push(`${word} — in “${text.slice(0, 80)}”`);
    }
  return found;
}

async function walk(path: string, ready: string): Promise<string[]> {
  await page.goto(`${h.url}/${path}`);
  await page.waitForSelector(ready);
  await page.waitForFunction(() => !document.body.textContent?.includes('読み込み中'));
  // Open every closed part so its text is checked too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  return english(await uiText(page)).map((w) => `${path}: ${w}`);
}

beforeAll(async () => {
  h = await startHarness();
  for (const s of SCENARIOS) ids.push(await seedScenario(h, s));
  ids.push(await seed(h, 'notes.txt', Buffer.from('not a capture\n'.repeat(40))));
  ids.push(
    await seed(
      h,
      'aggressive.pcap',
      await readFile(repoPath('test/fixtures/public/zeek-spicy-ipsec__ipsec-ikev1-isakmp-aggressive-mode.pcap')),
    ),
  );
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.addInitScript(() => localStorage.setItem('vpn-doctor.lang', 'ja'));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await h?.stop();
}, 60_000);

it('leaves no English UI string on any page in Japanese', async () => {
  const left: string[] = [];
  left.push(...(await walk('', '#api-key')));
  await page.fill('#api-key', h.operatorKey);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('table.captures tbody tr');
  expect(await page.getAttribute('html', 'lang')).toBe('ja');
  left.push(...(await walk('#/', 'table.captures tbody tr')));
  for (const id of ids) left.push(...(await walk(`#/capture/${id}`, '.capture-head')));
  left.push(...(await walk('#/ip/', '#client-ip')));
  left.push(...(await walk('#/ip/198.51.100.2', 'table.history tbody tr')));
  left.push(...(await walk('#/ip/192.0.2.99', '.results [role=status]')));
  left.push(...(await walk('#/ip/not-an-ip', '.results [role=alert]')));
  expect(left).toEqual([]);
}, 120_000);
