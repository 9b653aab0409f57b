// Packets of the protocols the diagnosis reads (IKE on 500/4500, DNS, RADIUS, L2TP, and the TLS
// of a directory server) that the snap length cut before their decoder could read them: a capture made with tcpdump's old
// 68-byte default keeps 26 bytes of an ISAKMP message (its header is 28) and no whole DNS
// question. The traffic flowed but says nothing; a verdict built as if it were absent
// (NO_IKE_FROM_CLIENT, or one client's tunnel up while another's negotiation went unread) would
// be confidently wrong. Unreadable IKE makes the capture's verdict INCONCLUSIVE
// (packets-truncated) unless a failure was read elsewhere; unreadable DNS, RADIUS, L2TP or
// directory TLS only where nothing else decides (a WAN capture's unrelated lookups must not undo a read verdict).
import type { DecodedFrame } from '../decode/types.js';
import type { Finding } from '../report/types.js';
import { udpApplication } from '../decode/ports.js';
import { buildFinding } from './finding.js';
import type { CaptureVerdict } from './capture-verdict.js';
import { DIRECTORY_PORTS } from './auth/directory-tls.js';
import { frameSetFilter } from './frame-filter.js';

/** Frames named as evidence (the count goes on past them). */
const MAX_FRAMES = 8;

export const UNREADABLE_VERDICT: CaptureVerdict = {
  verdict: 'INCONCLUSIVE',
  reason: 'packets-truncated',
  likelyVerdict: null,
};

export interface UnreadableTraffic {
  /** A frame with no ISAKMP message: counted if cut and nothing (ESP, DNS, RADIUS, L2TP) was read. */
  add(frame: DecodedFrame): void;
  /** Every unreadable datagram. */
  count(): number;
  /** Those on IKE's ports (500, 4500). */
  ike(): number;
  /** The INCONCLUSIVE finding that names them and what to capture instead. */
  finding(): Finding;
}

export function createUnreadableTraffic(): UnreadableTraffic {
  let count = 0;
  let ike = 0;
  const frames: number[] = [];
  return {
    add(frame) {
      if (frame.capturedLength >= frame.length) return;
      if (frame.esp || frame.natKeepalive || frame.radius || frame.l2tp) return;
      // A DNS header whose question the cut took names no lookup (dns-lookups.ts skips it).
      if (frame.dns && frame.dns.questions.length > 0) return;
      const udp = frame.udp;
      const tcp = frame.tcp;
      if (tcp) {
        // A directory's TLS segment with data: its records cannot be followed past the cut.
        if (tcp.payloadLength === 0 || frame.tls !== undefined) return;
        if (!DIRECTORY_PORTS.has(tcp.srcPort) && !DIRECTORY_PORTS.has(tcp.dstPort)) return;
      } else {
        if (!udp) return;
        const app = udpApplication(udp.srcPort, udp.dstPort);
        // UDP 443 is QUIC as often as DTLS: a cut datagram there tells nothing.
        if (app === undefined || app === 'dtls') return;
        if (app === 'isakmp' || app === 'udpencap') ike++;
      }
      count++;
      if (frames.length < MAX_FRAMES) frames.push(frame.number);
    },
    count: () => count,
    ike: () => ike,
    finding: () =>
      buildFinding(
        'INCONCLUSIVE',
        { frames, details: { reason: 'packets-truncated', packetsCut: count } },
        frameSetFilter(frames),
        { reason: 'packets-truncated', likely: '', cut: count, packets: count, after: '0.000', step: '', frame: 0 },
      ),
  };
}
