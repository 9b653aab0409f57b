// An AnyConnect session as the session collector ranks and counts it (session-collector.ts): how
// far it got in AnyConnect's own step order, where it lies in the capture, and its shape, equal
// for identical tries (a crowd of users refused the same way is one line of a summary).
import { bookOutline } from '../diagnosis/client-book.js';
import type { OfferedSession } from '../diagnosis/session-collector.js';
import { isoMs } from '../diagnosis/time.js';
import { ANYCONNECT_STEPS, type AnyConnectSession } from './types.js';

export function anyConnectOutline(s: AnyConnectSession): OfferedSession {
  let firstFrame = 0;
  let lastFrame = 0;
  for (const e of s.timeline) {
    if (firstFrame === 0 || e.frame < firstFrame) firstFrame = e.frame;
    if (e.frame > lastFrame) lastFrame = e.frame;
  }
  return {
    ...bookOutline(s),
    progress: ANYCONNECT_STEPS.indexOf(s.stepReached),
    endMs: isoMs(s.end),
    firstFrame,
    lastFrame,
    shape: [
      s.verdict,
      s.reason ?? '',
      s.likelyVerdict ?? '',
      s.stepReached,
      s.recognizedBy,
      s.tcp.connections,
      s.dtls ? 'dtls' : '',
    ].join('|'),
  };
}
