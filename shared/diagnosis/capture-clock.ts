// The capture's span as the rules need it: when it started and ended (as Wireshark's frame
// times), and whether the file broke off (then its end says nothing about what came later).
import type { Question } from './rule-types.js';
import { secondsBetween } from './time.js';

/** GUIDE.md: the retransmission interval a missing answer must be waited for. */
export const RETRANSMISSION_INTERVAL_SECONDS = 2;

export interface CaptureClock {
  startSec: number;
  startNsec: number;
  endSec: number;
  endNsec: number;
  /** Reading stopped at a damaged record: the frame where it did. */
  damagedAtFrame?: number;
}

/** Seconds from a frame's time to the end of the capture. */
export function secondsToEnd(clock: CaptureClock, sec: number, nsec: number): number {
  return secondsBetween(sec, nsec, clock.endSec, clock.endNsec);
}

/**
 * Is the absence of an answer to `q` proven? By a retransmission of the question, or by the
 * capture running on a retransmission interval past it. A capture that broke off proves an
 * absence only by time within what could be read.
 */
export function absenceProven(clock: CaptureClock, q: Question): boolean {
  const ranOn = secondsToEnd(clock, q.sec, q.nsec) >= RETRANSMISSION_INTERVAL_SECONDS;
  if (clock.damagedAtFrame !== undefined) return ranOn;
  return q.repeated || ranOn;
}
