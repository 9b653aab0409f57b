// The human form of an AnyConnect session: one arrow per timeline entry, TLS and TCP drawn ─ and
// DTLS drawn ═, the repeats marked, the MX's certificate as the capture shows it, the verdict with
// its filter and checklist and the certificate checks, in both languages.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '#shared/report/display-width.js';
import { renderReport } from '#shared/report/ladder-text.js';
import { analyzeFile } from '../diagnosis/analyze-file.js';
import { ladders } from './ladder-lines.js';

const SC = join(__dirname, '../fixtures/scenarios');
const arrowsOf = (text: string) => text.split('\n').filter((l) => /^\s+\d+\s+\d+\.\d{3}\s+[─═◀]/.test(l));

describe('AnyConnect ladder text', () => {
  it('draws the TLS and DTLS messages of a blocked DTLS as two kinds of arrow', async () => {
    const r = await analyzeFile(join(SC, 'anyconnect-dtls-blocked/capture.pcap'));
    const s = r.anyconnect![0];
    const text = renderReport(r, 'en');
    const arrows = arrowsOf(text);
    expect(arrows.length).toBe(s.timeline.length);
    const dtls = arrows.filter((l) => l.includes('═'));
    expect(dtls.length).toBe(s.timeline.filter((e) => e.channel === 'dtls').length);
    expect(dtls.every((l) => l.includes('DTLS ClientHello') && l.endsWith('▶'))).toBe(true);
    expect(dtls.filter((l) => l.includes('↻ retransmission')).length).toBe(3);
    expect(arrows.find((l) => l.includes('TLS ClientHello (SNI vpn.example.com)'))).toMatch(/^\s+6\s+0\.0\d\d\s+─/);
    expect(text).toContain('Verdict: ANYCONNECT_DTLS_BLOCKED');
    expect(text).toContain('subject: CN=vpn.example.com, O=Example Lab');
    expect(text).toContain('valid: 2026-11-01T00:00:00Z → 2027-11-01T00:00:00Z');
    expect(text).toContain('chain: 2 certificates');
    expect(text).toContain(`Wireshark filter: ${s.findings[0].filter}`);
    for (const item of s.findings[0].checklist.en) expect(text).toContain(item);
  });

  it('names the certificate check beside the rejection, in Japanese too', async () => {
    const r = await analyzeFile(join(SC, 'anyconnect-cert-expired/capture.pcap'));
    const text = renderReport(r, 'ja');
    expect(text).toContain('判定: ANYCONNECT_CERT_REJECTED');
    expect(text).toContain('証明書の確認結果:');
    expect(text).toContain('ANYCONNECT_CERT_EXPIRED — MX の証明書の有効期限切れ');
    expect(text).toContain('有効期間: 2025-06-01T00:00:00Z → 2026-06-01T00:00:00Z');
    expect(text).not.toMatch(/suites|records|subject/);
  });

  it('shows a refused TCP connection without a certificate block', async () => {
    const r = await analyzeFile(join(SC, 'anyconnect-tcp-unreachable/capture.pcap'));
    const text = renderReport(r, 'en');
    expect(arrowsOf(text).filter((l) => l.includes('TCP SYN')).length).toBe(7);
    expect(text).not.toContain('Certificate');
    expect(text).toContain('Verdict: ANYCONNECT_TCP_UNREACHABLE');
  });

  it('keeps its columns in a Japanese terminal and draws DTLS with = in ASCII', async () => {
    const r = await analyzeFile(join(SC, 'anyconnect-dtls-blocked/capture.pcap'));
    const s = r.anyconnect![0];
    const [wide] = ladders(renderReport(r, 'ja', { ambiguous: 'wide' }));
    expect(wide[0]).toMatch(/^\s*フレーム\s+経過時間\s+クライアント\s+MX$/);
    expect(new Set(wide.map((l) => displayWidth(l, 'wide'))).size).toBe(1);
    const text = renderReport(r, 'en', { ascii: true });
    const [ascii] = ladders(text);
    expect(ascii).toHaveLength(s.timeline.length + 1);
    const dtls = ascii.filter((l) => l.includes('DTLS ClientHello'));
    expect(dtls.length).toBe(s.timeline.filter((e) => e.channel === 'dtls').length);
    expect(dtls.every((l) => /=+ DTLS ClientHello .*=>$/.test(l))).toBe(true);
    expect(dtls.filter((l) => l.includes(' retransmission ')).length).toBe(3);
    // Said in words, as the Japanese text does; the JSON keeps the code.
    expect(s.recognizedBy).toBe('dtls');
    expect(text).toMatch(/^AnyConnect session 1 \| client \S+ <-> MX \S+:443 \| recognised by: DTLS on the TLS port$/m);
    expect(text).not.toMatch(/[^\x00-\x7f]/);
  });
});
