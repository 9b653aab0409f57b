// Which host is the MX (the responder) and which the client, from any starting point
// (GUIDE.md, contract v2 "Roles"). The strongest evidence wins: the user's --mx, the
// negotiation's first message, a Meraki MAC address, the host that answers several clients,
// a NATed port, then what the messages themselves say, then who opened another negotiation
// between the same two hosts; the first sender only as a last resort.
import { IKE_PORT, NAT_T_PORT } from '../decode/ports.js';
import { EXCHANGE } from '../ike/exchange-types.js';
import { PAYLOAD } from '../ike/payload-types.js';
import type { RoleEvidence } from '../report/types.js';
import { secondsBetween } from './time.js';

/** Facts about the capture as a whole that help tell roles. */
export interface RoleHints {
  mxIp?: string;
  /** Hosts seen sending from a MAC address with one of Meraki's OUIs. */
  merakiIps: ReadonlySet<string>;
  /** How many different peers a host has in VPN traffic. */
  peers(ip: string): number;
  /** Hosts that sent NAT-T keepalives (RFC 3948): only a peer behind a NAT sends them. */
  keepaliveFrom: ReadonlySet<string>;
  /**
   * Of two hosts, the one the capture shows opening another negotiation towards the other (its
   * first message in the capture), when only one of them did.
   */
  openerBetween?(a: string, b: string): string | undefined;
}

export interface RoleMessage {
  src: string;
  srcPort: number;
  dstPort: number;
  exchangeType: number;
  nextPayload: number;
  encrypted: boolean;
  sec: number;
  nsec: number;
}

export interface Roles {
  mx: string;
  client: string;
  decidedBy: RoleEvidence;
}

const IKE_PORTS = new Set([IKE_PORT, NAT_T_PORT]);
/** An answer comes within this many seconds of what it answers. */
export const ANSWER_SECONDS = 1;

/** Evidence outside the messages: the user, the MAC vendor, the host with several clients. */
export function rolesFromHints(a: string, b: string, hints: RoleHints): Roles | null {
  const as = (mx: string, decidedBy: RoleEvidence): Roles => ({ mx, client: mx === a ? b : a, decidedBy });
  if (hints.mxIp === a || hints.mxIp === b) return as(hints.mxIp, 'user-mx-ip');
  const ma = hints.merakiIps.has(a);
  const mb = hints.merakiIps.has(b);
  if (ma !== mb) return as(ma ? a : b, 'meraki-mac');
  const pa = hints.peers(a);
  const pb = hints.peers(b);
  if (pa >= 2 && pb < 2) return as(a, 'answers-several-clients');
  if (pb >= 2 && pa < 2) return as(b, 'answers-several-clients');
  return null;
}

/**
 * IKE messages of a negotiation seen from the middle. Votes: a host answering the other's
 * cleartext Key Exchange with its own is the responder; a host whose cleartext Key Exchange the
 * other answers with encrypted main mode is the responder (main mode 4, then the initiator's
 * main mode 5); a host answering the other's encrypted main mode with an informational, or still
 * sending cleartext Key Exchange while the other sends encrypted main mode, is the responder (it
 * could not move on); a host on a port other than 500/4500 is a NATed client.
 */
export function rolesFromMessages(a: string, b: string, msgs: readonly RoleMessage[], hints: RoleHints): Roles {
  const hinted = rolesFromHints(a, b, hints);
  if (hinted) return hinted;
  const as = (mx: string, decidedBy: RoleEvidence): Roles => ({ mx, client: mx === a ? b : a, decidedBy });
  const natted = msgs.find((m) => !IKE_PORTS.has(m.srcPort));
  if (natted) return as(natted.src === a ? b : a, 'nat-port');
  const ka = hints.keepaliveFrom.has(a);
  if (ka !== hints.keepaliveFrom.has(b)) return as(ka ? b : a, 'nat-keepalive');
  let voteA = 0;
  const vote = (responder: string) => (voteA += responder === a ? 1 : -1);
  const isKe = (m: RoleMessage) =>
    m.exchangeType === EXCHANGE.MAIN_MODE && !m.encrypted && m.nextPayload === PAYLOAD.KE;
  const isEncMain = (m: RoleMessage) => m.exchangeType === EXCHANGE.MAIN_MODE && m.encrypted;
  const isInfo = (m: RoleMessage) => m.exchangeType === EXCHANGE.INFORMATIONAL_V1;
  const sendsKe = new Set<string>();
  const sendsEnc = new Set<string>();
  for (let i = 0; i < msgs.length; i++) {
    const m = msgs[i];
    if (isKe(m)) sendsKe.add(m.src);
    if (isEncMain(m)) sendsEnc.add(m.src);
    const prev = msgs[i - 1];
    if (!prev || prev.src === m.src) continue;
    if (secondsBetween(prev.sec, prev.nsec, m.sec, m.nsec) > ANSWER_SECONDS) continue;
    if (isKe(m) && isKe(prev)) vote(m.src);
    else if (isEncMain(m) && isKe(prev)) vote(prev.src);
    else if (isInfo(m) && isEncMain(prev)) vote(m.src);
  }
  for (const h of sendsKe) if (!sendsEnc.has(h) && [...sendsEnc].some((x) => x !== h)) vote(h);
  if (voteA !== 0) return as(voteA > 0 ? a : b, 'message-contents');
  // Another negotiation between the same two hosts, whose first message the capture holds.
  const opener = hints.openerBetween?.(a, b);
  if (opener) return as(opener === a ? b : a, 'same-hosts-opener');
  return as(msgs[0]?.src === a ? b : a, 'first-sender');
}
