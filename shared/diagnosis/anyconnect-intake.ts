// The AnyConnect sessions the report takes (shared/anyconnect decides them): each weighs in its
// client's verdict (the client book), and the report lists MAX_ANYCONNECT_IN_FULL of them and
// counts the others, as it does IKE's. Offered as they are decided: while the capture streams
// (sessions retired idle) and at its end (the rest).
import { anyConnectOutline, type AnyConnectOutlined, type RetiredAnyConnect } from '../anyconnect/outline.js';
import type { AnyConnectSession } from '../anyconnect/types.js';
import { MAX_ANYCONNECT_IN_FULL } from '../report/limits.js';
import type { SessionSummary } from '../report/types.js';
import { bookOutline, type ClientBook } from './client-book.js';
import type { PeerCounter } from './peers.js';
import { createSessionCollector } from './session-collector.js';

export interface AnyConnectIntake {
  /** A session decided at the capture's end, or retired while it streamed. */
  offer(s: AnyConnectSession | RetiredAnyConnect): void;
  /** The sessions listed in full, in the order they were offered (retired ones made full by `complete`). */
  kept(complete: (s: RetiredAnyConnect) => AnyConnectSession): AnyConnectSession[];
  summaries(): SessionSummary[];
  /** The MX of the first session taken. */
  firstResponder(): string | undefined;
}

export function createAnyConnectIntake(
  wanted: (clientIp: string) => boolean,
  peers: PeerCounter,
  book: ClientBook,
): AnyConnectIntake {
  const collector = createSessionCollector<AnyConnectSession | RetiredAnyConnect>(MAX_ANYCONNECT_IN_FULL);
  let firstResponder: string | undefined;
  const vpnHost = (ip: string) => peers.count(ip) > 0;

  /**
   * A flow taken for AnyConnect only because its server is the port's sole one is other traffic of
   * a client that speaks IKE, ESP or L2TP to the same host: the capture was taken for that VPN
   * (GUIDE.md: not AnyConnect without the port or --mx saying so). Caught mid-stream, with no
   * hello to name it, it is also left alone when either end speaks a VPN to anyone (the MX's own
   * HTTPS beside an L2TP client's negotiation). Such sessions are offered at the capture's end
   * only (shared/anyconnect retires no sole-server session early), when the peers are all known.
   */
  const otherTraffic = (s: AnyConnectOutlined) =>
    s.recognizedBy === 'sole-server' &&
    (peers.knows(s.clientIp, s.responderIp) ||
      (s.tcp.beganBeforeCapture === s.tcp.connections &&
        s.dtls === undefined &&
        (vpnHost(s.clientIp) || vpnHost(s.responderIp))));

  return {
    offer(s) {
      if (!wanted(s.clientIp) || otherTraffic(s)) return;
      firstResponder ??= s.responderIp;
      book.add(bookOutline(s));
      collector.offer(s, anyConnectOutline(s));
    },
    kept: (complete) => collector.kept().map((s) => ('raw' in s ? complete(s) : s)),
    summaries: () => collector.summaries(),
    firstResponder: () => firstResponder,
  };
}
