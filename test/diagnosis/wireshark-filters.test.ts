// The Wireshark display filter of every verdict and auth finding on the real scenario
// captures (IKE, AnyConnect, authentication) is valid, and shows the evidence frames in tshark
// (the tool our users check with).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from './analyze-file.js';
// damaged-*: tshark exits non-zero at the corrupt record, so its filter cannot be checked this way;
// scenarios.test.ts checks their evidence frames.

const SC = join(__dirname, '../fixtures/scenarios');
const hasTshark = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
// CI installs tshark (.ci/run); elsewhere the test says why it did not run.
const run = hasTshark || process.env.CI ? describe : describe.skip;

function tsharkFrames(file: string, filter: string): Set<number> {
  const out = execFileSync(
    'tshark',
    [
      '-n',
      '-r',
      file,
      '-d',
      'tcp.port==3268,tls',
      '-d',
      'udp.port==443,dtls',
      '-Y',
      filter,
      '-T',
      'fields',
      '-e',
      'frame.number',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Set(out.split('\n').filter(Boolean).map(Number));
}

run('Wireshark filters show the evidence', () => {
  const cases = readdirSync(SC).filter((d) => existsSync(join(SC, d, 'capture.pcap')) && !d.startsWith('damaged-'));
  it.each(cases)(
    '%s',
    async (c) => {
      const file = join(SC, c, 'capture.pcap');
      const r = await analyzeFile(file);
      const findings = [
        ...r.sessions.map((s) => s.findings[0]),
        ...(r.anyconnect ?? []).map((s) => s.findings[0]),
        ...r.auth,
      ];
      for (const f of findings) {
        const shown = tsharkFrames(file, f.filter);
        expect(shown.size, `${c} ${f.code}: ${f.filter}`).toBeGreaterThan(0);
        for (const n of f.evidence.frames)
          expect(shown.has(n), `${c} ${f.code} frame ${n} under ${f.filter}`).toBe(true);
      }
    },
    30_000,
  );
});
