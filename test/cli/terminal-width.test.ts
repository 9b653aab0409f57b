// `analyze` lays the ladder out for the terminal it runs in: ambiguous characters two columns
// wide under a Japanese locale or --lang ja, one otherwise, VPN_DOCTOR_AMBIGUOUS_WIDE=1/0 to
// override; --ascii draws with ASCII only.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth, type AmbiguousWidth } from '#shared/report/display-width.js';
import { ambiguousWidth } from '../../cli/terminal-width.js';
import { ladders } from '../report/ladder-lines.js';
import { runCli } from './run-cli.js';

const CAPTURE = join(import.meta.dirname, '../fixtures/scenarios/wrong-psk-nat/capture.pcap');

describe('ambiguous width from the environment', () => {
  it('follows LC_ALL, then LC_CTYPE, then LANG, then --lang; the switch overrides all', () => {
    const cases: [Record<string, string>, 'en' | 'ja', AmbiguousWidth][] = [
      [{}, 'en', 'narrow'],
      [{}, 'ja', 'wide'],
      [{ LANG: 'ja_JP.UTF-8' }, 'en', 'wide'],
      [{ LANG: 'ja' }, 'en', 'wide'],
      [{ LANG: 'en_US.UTF-8', LC_CTYPE: 'ja_JP.eucJP' }, 'en', 'wide'],
      [{ LANG: 'ja_JP.UTF-8', LC_ALL: 'C.UTF-8' }, 'en', 'narrow'],
      [{ LC_ALL: 'ja_JP.UTF-8', LANG: 'C' }, 'en', 'wide'],
      [{ LANG: 'jam_JM' }, 'en', 'narrow'],
      [{ VPN_DOCTOR_AMBIGUOUS_WIDE: '1' }, 'en', 'wide'],
      [{ VPN_DOCTOR_AMBIGUOUS_WIDE: '0', LANG: 'ja_JP.UTF-8' }, 'ja', 'narrow'],
      [{ VPN_DOCTOR_AMBIGUOUS_WIDE: 'maybe' }, 'en', 'narrow'],
    ];
    for (const [env, lang, want] of cases) expect(ambiguousWidth(env, lang), JSON.stringify([env, lang])).toBe(want);
  });
});

describe('vpn-doctor analyze in a Japanese terminal', () => {
  async function ladder(argv: string[], env: Record<string, string>): Promise<string[]> {
    const r = await runCli(['analyze', ...argv, CAPTURE], env);
    expect(r.code).toBe(0);
    return ladders(r.stdout)[0];
  }

  it('aligns the ladder for two-column ambiguous characters under a ja locale, for one column otherwise', async () => {
    const wide = await ladder(['--lang', 'ja'], { LANG: 'ja_JP.UTF-8' });
    expect(new Set(wide.map((l) => displayWidth(l, 'wide'))).size).toBe(1);
    expect(new Set(wide.map((l) => displayWidth(l, 'narrow'))).size).toBeGreaterThan(1);
    const narrow = await ladder(['--lang', 'ja'], { VPN_DOCTOR_AMBIGUOUS_WIDE: '0' });
    expect(new Set(narrow.map((l) => displayWidth(l, 'narrow'))).size).toBe(1);
    const english = await ladder([], {});
    expect(new Set(english.map((l) => displayWidth(l, 'narrow'))).size).toBe(1);
    expect(await ladder([], { VPN_DOCTOR_AMBIGUOUS_WIDE: '1' })).not.toEqual(english);
  });

  it('draws an ASCII ladder and ASCII symbols with --ascii', async () => {
    const r = await runCli(['analyze', '--ascii', CAPTURE], { LANG: 'ja_JP.UTF-8' });
    const rows = ladders(r.stdout)[0];
    for (const line of rows) expect(line, line).toMatch(/^[\x20-\x7e]+$/);
    expect(new Set(rows.map((l) => l.length)).size).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^vpn-doctor \| capture\.pcap \| pcap \| 16 frames \| .* -> /);
  });
});
