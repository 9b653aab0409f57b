// The sweep of idle sessions runs at most once per capture second, and not again over sessions a
// sweep had to leave (an IKE session with ESP between its hosts is never idle-retired): before,
// a capture of 5,000 established tunnels over 3 hours checked each of them every second.
import { describe, expect, it } from 'vitest';
import { createSweepGate } from '#shared/diagnosis/sweep-gate.js';
import { MAX_LIVE_SESSIONS } from '#shared/diagnosis/session-tracker.js';

describe('sweep gate', () => {
  it('waits for more than MAX_LIVE_SESSIONS live, then for the next capture second', () => {
    const g = createSweepGate();
    expect(g.due(100, MAX_LIVE_SESSIONS)).toBe(false);
    expect(g.due(100, MAX_LIVE_SESSIONS + 1)).toBe(true);
    g.swept(100, 10);
    expect(g.due(100, MAX_LIVE_SESSIONS + 1)).toBe(false);
    expect(g.due(101, MAX_LIVE_SESSIONS + 1)).toBe(true);
  });

  it('after a sweep that left many sessions, waits until half as many again have come', () => {
    const g = createSweepGate();
    g.swept(100, 5000);
    expect(g.due(200, 5000)).toBe(false);
    expect(g.due(200, 5000 + MAX_LIVE_SESSIONS / 2)).toBe(false);
    expect(g.due(200, 5001 + MAX_LIVE_SESSIONS / 2)).toBe(true);
  });
});
