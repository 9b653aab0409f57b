// ANYCONNECT_TCP_UNREACHABLE: the client's SYNs to the AnyConnect port are reset or go unanswered.
// A single unanswered SYN proves nothing unless the capture ran on past the retransmission time.
import { ANSWER_DUE_SECONDS, type AnyConnectFacts, noAnswerProven, ranOnAfter, stoppedEarly } from '../facts.js';
import { type Decision, frameList } from './decision.js';

export function tcpRule(f: AnyConnectFacts): Decision | undefined {
  if (f.main?.clientHello || f.dtlsHellos.length > 0 || f.syns.length === 0) return undefined;
  const port = f.raw.mxPort;
  if (f.refused) {
    return {
      verdict: 'ANYCONNECT_TCP_UNREACHABLE',
      step: 'TCP',
      frames: frameList(f.syns, f.refused),
      details: { syns: f.syns.length, answer: 'reset', port },
    };
  }
  if (f.synAnswered) {
    // The connection is up and the ClientHello not yet in the capture: it stopped too soon.
    const answer = f.raw.connections.find((c) => c.synAck)?.synAck;
    if (!answer || ranOnAfter(f, answer) >= ANSWER_DUE_SECONDS) return undefined;
    return {
      verdict: 'INCONCLUSIVE',
      step: 'TCP',
      frames: frameList(f.syns, answer),
      details: { secondsAfter: round(ranOnAfter(f, answer)), port },
      reason: stoppedEarly(f),
    };
  }
  const lastSyn = f.syns[f.syns.length - 1];
  if (noAnswerProven(f, lastSyn, f.syns.length >= 2)) {
    return {
      verdict: 'ANYCONNECT_TCP_UNREACHABLE',
      step: 'TCP',
      frames: frameList(f.syns),
      details: { syns: f.syns.length, answer: 'none', port },
    };
  }
  return {
    verdict: 'INCONCLUSIVE',
    step: 'TCP',
    frames: frameList(f.syns),
    details: { syns: f.syns.length, secondsAfter: round(ranOnAfter(f, lastSyn)), port },
    reason: stoppedEarly(f),
    likelyVerdict: 'ANYCONNECT_TCP_UNREACHABLE',
  };
}

export function round(s: number): number {
  return Math.round(s * 1000) / 1000;
}
