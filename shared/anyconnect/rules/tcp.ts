// ANYCONNECT_TCP_UNREACHABLE: the client's SYNs to the AnyConnect port are reset or go unanswered.
// A single unanswered SYN proves nothing unless the capture ran on past the retransmission time.
import { ANSWER_DUE_SECONDS, type AnyConnectFacts, ranOnAfter, stoppedEarly } from '../facts.js';
import { type Decision, frameList, onceNoAnswerProven, round } from './decision.js';

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
    const lost = synAnswersLost(f);
    if (lost) return lost;
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
  return onceNoAnswerProven(f, lastSyn, f.syns.length >= 2, {
    verdict: 'ANYCONNECT_TCP_UNREACHABLE',
    step: 'TCP',
    frames: frameList(f.syns),
    details: { syns: f.syns.length, answer: 'none', port },
  });
}

/**
 * The MX answered a SYN (SYN/ACK) and the client sent it again, never completing the handshake: the
 * answers do not reach the client (TCP from the port dropped on the way back). Unreachable from
 * where the client stands; proven as an unanswered SYN is (a repeat, or time, within what was read).
 */
function synAnswersLost(f: AnyConnectFacts): Decision | undefined {
  if (f.raw.connections.some((c) => c.clientHello)) return undefined;
  const c = f.raw.connections.find((x) => x.synAck && x.syns.some((syn) => syn.frame > x.synAck!.frame));
  if (!c?.synAck) return undefined;
  const answer = c.synAck;
  const again = c.syns.filter((syn) => syn.frame > answer.frame);
  const last = again[again.length - 1];
  return onceNoAnswerProven(f, last, true, {
    verdict: 'ANYCONNECT_TCP_UNREACHABLE',
    step: 'TCP',
    frames: frameList(c.syns[0], answer, again),
    details: { syns: f.syns.length, answer: 'lost', port: f.raw.mxPort },
  });
}
