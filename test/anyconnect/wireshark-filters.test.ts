// The Wireshark display filter of every AnyConnect finding on the real captures is valid and
// shows its evidence frames in tshark (what our users check with).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anyConnectSessions } from '#shared/anyconnect/sessions.js';
import { ANYCONNECT_CASES, decodeFile } from './fixtures.js';

const SC = join(import.meta.dirname, '../fixtures/scenarios');
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
    ['-n', '-r', file, '-d', 'udp.port==443,dtls', '-Y', filter, '-T', 'fields', '-e', 'frame.number'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Set(out.split('\n').filter(Boolean).map(Number));
}

run('AnyConnect Wireshark filters show the evidence', () => {
  it.each(ANYCONNECT_CASES)(
    '%s',
    async (c) => {
      const file = join(SC, c, 'capture.pcap');
      const sessions = anyConnectSessions(await decodeFile(file));
      for (const f of sessions.flatMap((s) => s.findings)) {
        if (f.evidence.frames.length === 0) continue;
        const shown = tsharkFrames(file, f.filter);
        expect(
          [...shown].sort((a, b) => a - b),
          `${c} ${f.code}: ${f.filter}`,
        ).toEqual(f.evidence.frames);
      }
    },
    30_000,
  );
});
