// When a sweep of idle sessions runs (IKE's session-tracker.ts, AnyConnect's sessions.ts): at
// most once per capture second, and only with more than MAX_LIVE_SESSIONS live. Sessions a sweep
// must leave (an IKE session with ESP between its hosts, AnyConnect's sole-server sessions) raise
// the bar by half of it, so they are not examined again every second: a day's capture of 5,000
// established tunnels took 12× decode checking each of them every second.
import { MAX_LIVE_SESSIONS } from './session-tracker.js';

export interface SweepGate {
  /** A sweep is due at this frame time with this many sessions live. */
  due(timeSec: number, live: number): boolean;
  /** A sweep ran at `timeSec` and left `live` sessions. */
  swept(timeSec: number, live: number): void;
}

export function createSweepGate(): SweepGate {
  let nextSec = 0;
  let above = MAX_LIVE_SESSIONS;
  return {
    due: (timeSec, live) => timeSec >= nextSec && live > above,
    swept(timeSec, live) {
      nextSec = timeSec + 1;
      above = Math.max(MAX_LIVE_SESSIONS, live + MAX_LIVE_SESSIONS / 2);
    },
  };
}
