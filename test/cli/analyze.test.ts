// `vpn-doctor analyze`: exit 0 whatever the verdict, 2 with one line when the file cannot be
// read or the options are wrong; --client keeps one client's sessions; --lang picks the words.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const SC = join(import.meta.dirname, '../fixtures/scenarios');

describe('vpn-doctor analyze', () => {
  it('keeps only the named client with --client', async () => {
    const all = JSON.parse((await runCli(['analyze', '--json', join(SC, 'multi-client/capture.pcap')])).stdout);
    expect(all.sessions.map((s: { clientIp: string }) => s.clientIp).sort()).toEqual(['192.0.2.20', '198.51.100.2']);
    const one = await runCli(['analyze', '--json', '--client', '198.51.100.2', join(SC, 'multi-client/capture.pcap')]);
    expect(one.code).toBe(0);
    const r = JSON.parse(one.stdout);
    expect(r.sessions.map((s: { clientIp: string; verdict: string }) => [s.clientIp, s.verdict])).toEqual([
      ['198.51.100.2', 'TUNNEL_ESTABLISHED'],
    ]);
    expect(r.verdict).toBe('TUNNEL_ESTABLISHED');
  });

  it('exits 0 on a failing negotiation and prints the ladder in the language asked', async () => {
    const en = await runCli(['analyze', join(SC, 'mx-no-answer/capture.pcap')]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Verdict: NO_RESPONSE_FROM_MX');
    const ja = await runCli(['analyze', '--lang', 'ja', join(SC, 'mx-no-answer/capture.pcap')]);
    expect(ja.stdout).toContain('判定: NO_RESPONSE_FROM_MX');
    expect(ja.stdout).toContain('MX でポート 500 に対してポートフォワーディングが設定されていないこと');
  });

  it('exits 2 with one line for a file that is not a capture, a missing file, and bad options', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-analyze-'));
    const html = join(dir, 'export.pcap');
    writeFileSync(html, '<html><body>Meraki login</body></html>');
    for (const argv of [
      ['analyze', html],
      ['analyze', join(dir, 'missing.pcap')],
      ['analyze', '--client', '1.2.3', html],
      ['analyze', '--lang', 'fr', html],
    ]) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    expect((await runCli(['analyze', html])).stderr).toMatch(
      /not a pcap or pcapng capture: first bytes 3c 68 74 6d 6c .*HTML/,
    );
  });

  it('exits 3 on a capture that breaks off, after printing the report the pipeline would mark FAILED', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-analyze-'));
    const whole = readFileSync(join(SC, 'wrong-psk-nat/capture.pcap'));
    // Cut inside record 8 (the MX's informational answer to main mode 5): the question stays open.
    let offset = 24;
    for (let i = 0; i < 7; i++) offset += 16 + whole.readUInt32LE(offset + 8);
    const cut = join(dir, 'cut.pcap');
    writeFileSync(cut, whole.subarray(0, offset + 20));
    const r = await runCli(['analyze', cut]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Verdict: INCONCLUSIVE (reason: capture-damaged; likely: PSK_MISMATCH)');
    expect(r.stderr).toMatch(/damaged \(truncated-record at frame 8\)/);
    const ja = await runCli(['analyze', '--lang', 'ja', cut]);
    expect(ja.code).toBe(3);
    expect(ja.stderr).toBe(
      `vpn-doctor: ${cut}: キャプチャが破損しています（truncated-record、フレーム 8）。7 フレームを読み込みました。` +
        'ダッシュボードからもう一度エクスポートしてください。\n',
    );
  });

  it('calls a capture of no packet INCONCLUSIVE (too few packets), not a client that sent nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vd-analyze-'));
    const empty = join(dir, 'header-only.pcap');
    // The 24-byte file header of a real capture, and no record after it.
    writeFileSync(empty, readFileSync(join(SC, 'wrong-psk-nat/capture.pcap')).subarray(0, 24));
    const r = await runCli(['analyze', '--json', empty]);
    expect(r.code).toBe(3);
    const json = JSON.parse(r.stdout);
    expect(json.capture.frames).toBe(0);
    expect(json).toMatchObject({ verdict: 'INCONCLUSIVE', reason: 'too-few-packets', likelyVerdict: null });
    expect(r.stderr).toMatch(/contains no packets/);
  });

  it('takes the MX from --mx and lists every client at the top', async () => {
    const r = await runCli(['analyze', '--mx', '198.51.100.1', join(SC, 'multi-client/capture.pcap')]);
    expect(r.code).toBe(0);
    const head = r.stdout.split('\n').slice(0, 6).join('\n');
    expect(head).toMatch(
      /Clients:\n {2}192\.0\.2\.20 +PSK_MISMATCH \(1 session\)\n {2}198\.51\.100\.2 +TUNNEL_ESTABLISHED/,
    );
    const json = JSON.parse(
      (await runCli(['analyze', '--json', '--mx', '198.51.100.1', join(SC, 'multi-client/capture.pcap')])).stdout,
    );
    expect(json.mxIp).toBe('198.51.100.1');
    expect(json.sessions.map((s: { roles: { decidedBy: string } }) => s.roles.decidedBy)).toEqual([
      // Main mode 1 is in the capture: the bytes tell the roles, --mx is for captures that cannot.
      'initiator-message',
      'initiator-message',
    ]);
  });

  it('takes the AnyConnect port from --anyconnect-port, and refuses one that is not a port', async () => {
    const capture = join(SC, 'anyconnect-port8443-wrong-password/capture.pcap');
    // TLS alone on 8443 is any HTTPS until something names it AnyConnect's (fixture README).
    const unnamed = JSON.parse((await runCli(['analyze', '--json', capture])).stdout);
    expect(unnamed.verdict).toBe('NO_IKE_FROM_CLIENT');
    // ... but the finding says where TLS went and which option would name it.
    expect(unnamed.findings[0].evidence.details.tlsOnOwnPort).toBe('192.0.2.50 → 198.51.100.10:8443');
    expect(unnamed.findings[0].explanation.en).toMatch(/--anyconnect-port/);
    // Another client's TLS is not this client's hint.
    const other = JSON.parse((await runCli(['analyze', '--json', '--client', '192.0.2.99', capture])).stdout);
    expect(other.verdict).toBe('NO_IKE_FROM_CLIENT');
    expect(other.findings[0].evidence.details).not.toHaveProperty('tlsOnOwnPort');
    const named = JSON.parse((await runCli(['analyze', '--json', '--anyconnect-port', '8443', capture])).stdout);
    expect(named.verdict).toBe('ANYCONNECT_AUTH_FAILED');
    expect(named.anyconnect[0].recognizedBy).toBe('configured-port');
    // Followed from the SYN once the port is known, not only from the ClientHello.
    expect(named.anyconnect[0].timeline[0]).toMatchObject({ frame: 3, kind: 'syn' });
    for (const bad of ['0', '65536', '0x10', '443x', '']) {
      const r = await runCli(['analyze', '--anyconnect-port', bad, capture]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `vpn-doctor: analyze: --anyconnect-port is a port number 1-65535, got ${JSON.stringify(bad)}\n`,
      );
    }
  });
});
