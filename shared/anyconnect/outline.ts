// An AnyConnect session as the session collector ranks and counts it (session-collector.ts): how
// far it got in AnyConnect's own step order, where it lies in the capture, and its shape, equal
// for identical tries (a crowd of users refused the same way is one line of a summary).
import { bookOutline } from '../diagnosis/client-book.js';
import type { OfferedSession } from '../diagnosis/session-collector.js';
import { isoMs } from '../diagnosis/time.js';
import type { RawSession } from './raw-session.js';
import { ANYCONNECT_STEPS, type AnyConnectSession } from './types.js';

/** What ranking and counting read of a session: a full diagnosis has it all. */
export type AnyConnectOutlined = Pick<
  AnyConnectSession,
  | 'id'
  | 'mode'
  | 'clientIp'
  | 'responderIp'
  | 'responderPort'
  | 'recognizedBy'
  | 'stepReached'
  | 'verdict'
  | 'reason'
  | 'likelyVerdict'
  | 'timeline'
  | 'start'
  | 'end'
> & {
  tcp: Pick<AnyConnectSession['tcp'], 'connections' | 'beganBeforeCapture'>;
  dtls?: unknown;
};

/**
 * A session decided while the capture streamed, its verdict alone: the full diagnosis (findings
 * in both languages, TLS and DTLS details) is made only if the report lists it
 * (AnyConnectResult.complete), at the capture's end and against it.
 */
export interface RetiredAnyConnect extends AnyConnectOutlined {
  raw: RawSession;
}

export function anyConnectOutline(s: AnyConnectOutlined): OfferedSession {
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
