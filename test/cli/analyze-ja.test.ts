// `analyze --lang ja` speaks Japanese in the session block too: mode and NAT in words, the
// column header 経過時間, 送信回数 for how often a message was sent and 再送 for the
// retransmissions among them — counted from the ladder drawn above them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ladders } from '../report/ladder-lines.js';
import { runCli } from './run-cli.js';

const SC = join(import.meta.dirname, '../fixtures/scenarios');

describe('vpn-doctor analyze --lang ja, session block', () => {
  it('counts sends and retransmissions as the ladder shows them (wrong-psk-nat: MM5 four times)', async () => {
    const r = await runCli(['analyze', '--lang', 'ja', join(SC, 'wrong-psk-nat/capture.pcap')]);
    expect(r.code).toBe(0);
    const rows = ladders(r.stdout)[0].slice(1);
    const mm5 = rows.filter((l) => l.includes(' MM5 ') && l.includes('▶'));
    const retransmitted = mm5.filter((l) => l.includes('↻ 再送'));
    expect(mm5.length).toBe(4);
    expect(retransmitted.length).toBe(3);
    expect(r.stdout).toContain(`MM5 の送信回数 ${mm5.length} 回（クライアント、再送 ${retransmitted.length} 回）`);
    expect(r.stdout).not.toMatch(/再送: \S+ ×\d/);
  });

  it('names the mode, NAT and columns in Japanese', async () => {
    const r = await runCli(['analyze', '--lang', 'ja', join(SC, 'wrong-psk-nat/capture.pcap')]);
    const session = r.stdout.split('\n').find((l) => l.startsWith('セッション 1'))!;
    expect(session).toContain('IKEv1 メインモード');
    expect(session).toContain('NAT 配下: クライアント はい、MX いいえ');
    expect(session).not.toMatch(/\bmain\b|\bonly\b/);
    expect(ladders(r.stdout)[0][0]).toMatch(/フレーム\s+経過時間\s+クライアント\s+MX$/);
    expect(r.stdout).toContain('Wireshark 表示フィルター: ');
    expect(r.stdout).toContain('ESP: ESP は観測されていません');
  });

  it('gives the reason of an INCONCLUSIVE as a noun phrase in its parentheses, not a sentence', async () => {
    // cut-success-after-mm6: the capture stops right after main mode 6 (its expected.json).
    const r = await runCli(['analyze', '--lang', 'ja', join(SC, 'cut-success-after-mm6/capture.pcap')]);
    const line = r.stdout.split('\n').find((l) => l.startsWith('判定: '))!;
    expect(line).toMatch(/^判定: INCONCLUSIVE（理由: [^、）]+、可能性が高い判定: [^）]+）$/);
    expect(line).not.toMatch(/(ます|です)、/);
  });
});
