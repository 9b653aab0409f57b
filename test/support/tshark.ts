// tshark as the tests' independent reader: whether it is installed, and the frames a display
// filter shows (what our users check the evidence with).
import { execFileSync, spawnSync } from 'node:child_process';
import { describe } from 'vitest';

export const hasTshark = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** CI installs tshark (.ci/run); elsewhere a suite that needs it says why it did not run. */
export const describeWithTshark = hasTshark || process.env.CI ? describe : describe.skip;

/**
 * The frames `filter` shows in `file`, with `decodeAs` (`-d` arguments such as
 * 'udp.port==443,dtls'). A damaged file's readable frames count: tshark prints them, says the file
 * "appears to be damaged or corrupt" and exits 2.
 */
export function tsharkFrames(file: string, filter: string, decodeAs: readonly string[]): Set<number> {
  const r = spawnSync(
    'tshark',
    ['-n', '-r', file, ...decodeAs.flatMap((d) => ['-d', d]), '-Y', filter, '-T', 'fields', '-e', 'frame.number'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (r.status !== 0 && !(r.status === 2 && r.stderr.includes('appears to be damaged or corrupt')))
    throw new Error(`tshark failed (${String(r.status)}): ${r.stderr}`);
  return new Set(r.stdout.split('\n').filter(Boolean).map(Number));
}
