// The human form of analyze: one arrow per message, retransmissions marked, the verdict with
// its filter and checklist, in both languages; capture strings cannot drive the terminal.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '#shared/report/display-width.js';
import { renderReport, safe } from '#shared/report/ladder-text.js';
import { analyzeFile } from '../diagnosis/analyze-file.js';

const SC = join(__dirname, '../fixtures/scenarios');

describe('ladder text', () => {
  it('draws one arrow per message, marks the retransmissions and ends with the verdict', async () => {
    const r = await analyzeFile(join(SC, 'client-no-replies/capture.pcap'));
    const text = renderReport(r, 'en');
    const arrows = text.split('\n').filter((l) => l.includes('▶') || l.includes('◀'));
    const s = r.sessions[0];
    expect(arrows.length).toBe(s.timeline.length);
    expect(arrows.filter((l) => l.includes('↻ retransmission')).length).toBe(
      s.timeline.filter((t) => t.retransmission).length,
    );
    expect(arrows.filter((l) => l.includes('▶')).length).toBe(
      s.timeline.filter((t) => t.direction === 'client-to-mx').length,
    );
    expect(text).toContain('Verdict: SA_RETRANSMITTED');
    expect(text).toContain(`Wireshark filter: ${s.findings[0].filter}`);
    for (const item of s.findings[0].checklist.en) expect(text).toContain(item);
  });

  it('speaks Japanese with --lang ja, columns aligned for wide characters', async () => {
    const r = await analyzeFile(join(SC, 'udp4500-blocked/capture.pcap'));
    const text = renderReport(r, 'ja');
    expect(text).toContain('判定: NAT_T_BLOCKED');
    for (const item of r.sessions[0].findings[0].checklist.ja) expect(text).toContain(item);
    const lines = text.split('\n');
    const header = lines.find((l) => l.includes('経過時間') && l.includes('クライアント'))!;
    const firstArrow = lines.find((l) => l.includes('▶'))!;
    expect(displayWidth(header.slice(0, header.indexOf('MX')))).toBe(displayWidth(firstArrow) - 2);
  });

  it("marks another product's VPN peer in the client list, in both languages", async () => {
    // expected.json: 192.0.2.10 is a non-Meraki IKEv2 peer, 198.51.100.2 a Client VPN user.
    const r = await analyzeFile(join(SC, 'site-to-site-failing-beside-client/capture.pcap'));
    const row = (text: string, ip: string) => text.split('\n').find((l) => l.startsWith(`  ${ip} `))!;
    const en = renderReport(r, 'en');
    expect(en).toContain('Verdict: TUNNEL_ESTABLISHED');
    expect(row(en, '192.0.2.10')).toMatch(/PSK_MISMATCH \(1 session\) · not Client VPN \(NOT_CLIENT_VPN\)$/);
    expect(row(en, '198.51.100.2')).not.toContain('NOT_CLIENT_VPN');
    expect(row(renderReport(r, 'ja'), '192.0.2.10')).toContain('クライアント VPN 以外（NOT_CLIENT_VPN）');
  });

  it('names an IKEv2 session by its version alone, in both languages (IKEv2 has no modes)', async () => {
    const r = await analyzeFile(join(SC, 'ikev2-site-to-site/capture.pcap'));
    const en = renderReport(r, 'en')
      .split('\n')
      .find((l) => l.startsWith('Session 1'))!;
    expect(en).toContain(' · IKEv2 · ');
    expect(en).not.toMatch(/ikev2/);
    const ja = renderReport(r, 'ja')
      .split('\n')
      .find((l) => l.startsWith('セッション 1'))!;
    expect(ja).toContain(' · IKEv2 · ');
    const main = renderReport(await analyzeFile(join(SC, 'success-nat-t/capture.pcap')), 'en');
    expect(main).toContain(' · IKEv1 main · ');
  });

  it('says "frame" for one frame and "frames" for more', async () => {
    const r = await analyzeFile(join(SC, 'no-ike/capture.pcap'));
    const [f] = r.findings;
    expect(f.evidence.frames).toHaveLength(1);
    const text = renderReport(r, 'en');
    expect(text).toContain(`Evidence: frame ${f.evidence.frames[0]}\n`);
    expect(text.split('\n')[0]).toContain(` · ${r.capture.frames} frames · `);
  });

  it('shows control characters from a capture as \\xNN', () => {
    expect(safe('id\u001b[31mred\u0007')).toBe('id\\x1b[31mred\\x07');
  });
});
