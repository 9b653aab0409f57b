// ESP flows belong to the IKE session between the same two hosts that could have made their
// SAs: one whose quick mode (IKEv2: IKE_AUTH or CREATE_CHILD_SA) the capture holds, or that it
// saw from the middle (that came before the capture). A negotiation the capture holds from its
// first message and that negotiated no SAs made none. ESP in UDP also keeps to its session's
// ports: users behind one NAT share an address, and only the ports the NAT gave them tell their
// tunnels apart. When several sessions could, a flow goes to the latest that started before it; flows no session could have
// made become ESP-only sessions (captures that start after the negotiation). A phase 1 renewed
// without a quick mode (strongSwan's reauthentication adopts the tunnel's SAs) carries on the
// flows that go on both ways after it completes: they are its tunnel too.
import { EXCHANGE } from '../ike/exchange-types.js';
import type { EspFlow } from './esp-flows.js';
import { hostPair } from './host-pair.js';
import type { IkeSession } from './ike-session.js';

export interface Paired {
  bySession: Map<IkeSession, EspFlow[]>;
  /** Unpaired flows grouped by unordered host pair. */
  espOnly: Map<string, EspFlow[]>;
}

export function pairEsp(sessions: IkeSession[], flows: EspFlow[]): Paired {
  const byHosts = new Map<string, IkeSession[]>();
  for (const s of sessions) {
    const k = s.pair;
    const list = byHosts.get(k) ?? [];
    list.push(s);
    byHosts.set(k, list);
  }
  const bySession = new Map<IkeSession, EspFlow[]>();
  const espOnly = new Map<string, EspFlow[]>();
  for (const flow of flows) {
    const k = hostPair(flow.src, flow.dst);
    const candidates = (byHosts.get(k) ?? []).filter((s) => couldCarry(s, flow));
    if (candidates.length === 0) {
      const list = espOnly.get(k) ?? [];
      list.push(flow);
      espOnly.set(k, list);
      continue;
    }
    const chosen = choose(candidates, flow);
    add(bySession, chosen, flow);
  }
  for (const [k, candidates] of byHosts) for (const s of candidates) adoptFlows(s, bySession, candidates, espOnly, k);
  return { bySession, espOnly };
}

/** Could `s` have made the SAs of `flow` (the flow is between its hosts)? */
function couldCarry(s: IkeSession, flow: EspFlow): boolean {
  // A negotiation the capture holds from its start and that made no SAs in it made none.
  return (!s.sawOpener || negotiatedSas(s)) && onPorts(s, flow);
}

/**
 * Of the sessions that could carry `flow`, the latest that started before it, those that
 * negotiated SAs in the capture first; a flow older than all of them (a capture that starts
 * after the negotiation) belongs to the earliest. Sessions come in the order the capture
 * introduced them, which is not their order in time when its frames are not.
 */
function choose(candidates: IkeSession[], flow: EspFlow): IkeSession {
  const before = candidates.filter((s) => startsBefore(s, flow.firstSec, flow.firstNsec));
  if (before.length === 0) return candidates.reduce((a, b) => (startsBefore(a, b.firstSec, b.firstNsec) ? a : b));
  const made = before.filter(negotiatedSas);
  return (made.length > 0 ? made : before).reduce((a, b) => (startsBefore(b, a.firstSec, a.firstNsec) ? a : b));
}

/** `s` started at or before (sec, nsec). */
function startsBefore(s: IkeSession, sec: number, nsec: number): boolean {
  return s.firstSec < sec || (s.firstSec === sec && s.firstNsec <= nsec);
}

function add(bySession: Map<IkeSession, EspFlow[]>, s: IkeSession, flow: EspFlow): void {
  const list = bySession.get(s);
  if (list) list.push(flow);
  else bySession.set(s, [flow]);
}

/** The capture holds a negotiation of IPsec SAs in it: a quick mode, or IKEv2's IKE_AUTH or CREATE_CHILD_SA. */
function negotiatedSas(s: IkeSession): boolean {
  if (s.version === 2)
    return s.exchangeTypes.includes(EXCHANGE.IKE_AUTH) || s.exchangeTypes.includes(EXCHANGE.CREATE_CHILD_SA);
  return s.labels.has('client:QM1') || s.labels.has('mx:QM2') || s.labels.has('mx:QM1');
}

/**
 * An IKEv1 phase 1 that completed (the MX's main mode 6, or the client's aggressive mode 3) with
 * no quick mode of its own, after which ESP between its hosts (on its ports) goes on both ways:
 * it renewed the phase 1 of a tunnel whose SAs it adopted, and takes the flows still going. They
 * stay with the session that made them too; flows no session made are its alone.
 */
function adoptFlows(
  s: IkeSession,
  bySession: Map<IkeSession, EspFlow[]>,
  samePair: IkeSession[],
  espOnly: Map<string, EspFlow[]>,
  pair: string,
): void {
  if (negotiatedSas(s) || bySession.has(s)) return;
  const done = s.labels.get('mx:MM6') ?? s.labels.get('client:AM3');
  if (!done) return;
  const going = (flow: EspFlow) => flow.lastFrame > done.firstFrame && onPorts(s, flow);
  const made = samePair.flatMap((other) => (other === s ? [] : (bySession.get(other) ?? []))).filter(going);
  const unmade = (espOnly.get(pair) ?? []).filter(going);
  const after = [...made, ...unmade];
  const up = after.some((flow) => flow.src === s.clientIp);
  const down = after.some((flow) => flow.src !== s.clientIp);
  if (!up || !down) return;
  bySession.set(s, after);
  if (unmade.length === 0) return;
  const taken = new Set(unmade);
  const left = espOnly.get(pair)!.filter((flow) => !taken.has(flow));
  if (left.length > 0) espOnly.set(pair, left);
  else espOnly.delete(pair);
}

/** ESP in UDP on one of the session's client ports (or ESP not in UDP). */
function onPorts(s: IkeSession, flow: EspFlow): boolean {
  return !flow.udpEncapsulated || s.clientPorts.includes(flow.src === s.clientIp ? flow.srcPort : flow.dstPort);
}
