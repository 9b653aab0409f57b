// The collector (shared/diagnosis/session-collector.ts) tells its caller which sessions will
// only be counted, so their per-message memory can be let go: the one offered when it says no
// more than those kept, or the kept one it displaces. A session kept in full is never named.
import { describe, expect, it } from 'vitest';
import { createSessionCollector, type OfferedSession } from '#shared/diagnosis/session-collector.js';
import { MAX_SESSIONS_IN_FULL } from '#shared/report/limits.js';

function session(n: number, overrides: Partial<OfferedSession> = {}): OfferedSession {
  return {
    id: `s${n}`,
    clientIp: `198.18.${n >> 8}.${n & 255}`,
    responderIp: '203.0.113.1',
    pair: `198.18.${n >> 8}.${n & 255}|203.0.113.1`,
    clientVpn: true,
    verdict: 'PSK_MISMATCH',
    mode: 'main',
    startMs: Date.parse(
      `2026-09-21T14:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}.000Z`,
    ),
    endMs: Date.parse('2026-09-21T15:00:00.000Z'),
    activeUntilMs: Date.parse('2026-09-21T15:00:00.000Z'),
    clientPort: 500,
    progress: 3,
    firstFrame: n * 10 + 1,
    lastFrame: n * 10 + 9,
    shape: 'wrong-psk',
    ...overrides,
  };
}

describe('session collector', () => {
  it('names no session while it keeps them all, then each identical later one', () => {
    const counted: string[] = [];
    const c = createSessionCollector<string>(MAX_SESSIONS_IN_FULL, (s) => counted.push(s.id));
    for (let n = 0; n < MAX_SESSIONS_IN_FULL; n++) expect(c.offer(`item${n}`, session(n))).toBeUndefined();
    expect(c.offer('late', session(MAX_SESSIONS_IN_FULL))).toBe('late');
    expect(counted).toEqual([`s${MAX_SESSIONS_IN_FULL}`]);
    expect(c.kept()).toHaveLength(MAX_SESSIONS_IN_FULL);
    expect(c.kept()).not.toContain('late');
  });

  it('names the kept session a later, more telling one displaces', () => {
    const c = createSessionCollector<string>(MAX_SESSIONS_IN_FULL);
    for (let n = 0; n < MAX_SESSIONS_IN_FULL; n++) c.offer(`item${n}`, session(n));
    // A new shape outranks a repeat; the lowest-ranked kept one is the latest repeat (repeats
    // rank below the first of their shape, and a later one below an earlier one).
    const dropped = c.offer('real', session(999, { shape: 'success', verdict: 'TUNNEL_ESTABLISHED', progress: 5 }));
    expect(dropped).toBe(`item${MAX_SESSIONS_IN_FULL - 1}`);
    expect(c.kept()).toContain('real');
    expect(c.kept()).not.toContain(dropped);
    expect(c.summaries().reduce((n, g) => n + g.sessions, 0)).toBe(1);
  });
});
