// ESP flows belong to the IKE session between the same two hosts. When a client negotiated
// several times, a flow goes to the latest session that started before it; flows with no IKE
// session at all become ESP-only sessions (captures that start after the negotiation). A phase 1
// renewed without a quick mode (strongSwan's reauthentication adopts the tunnel's SAs) carries on
// the flows that go on both ways after it completes: they are its tunnel too.
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
    const candidates = byHosts.get(k);
    if (!candidates) {
      const list = espOnly.get(k) ?? [];
      list.push(flow);
      espOnly.set(k, list);
      continue;
    }
    // A flow older than every session of its hosts (a capture that starts after the negotiation)
    // belongs to the earliest of them.
    let chosen = candidates.reduce((a, b) => (startsBefore(a, b.firstSec, b.firstNsec) ? a : b));
    for (const s of candidates) {
      if (startsBefore(s, flow.firstSec, flow.firstNsec) && (hasQuickMode(s) || !hasQuickMode(chosen))) chosen = s;
    }
    add(bySession, chosen, flow);
  }
  for (const candidates of byHosts.values()) for (const s of candidates) adoptFlows(s, bySession, candidates);
  return { bySession, espOnly };
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

function hasQuickMode(s: IkeSession): boolean {
  return s.version === 2 || s.labels.has('client:QM1') || s.labels.has('mx:QM2') || s.labels.has('mx:QM1');
}

/**
 * An IKEv1 phase 1 that completed (the MX's main mode 6, or the client's aggressive mode 3) with
 * no quick mode of its own, after which ESP between its hosts goes on both ways: it renewed the
 * phase 1 of a tunnel whose SAs it adopted, and takes the flows still going (they stay with the
 * session that made them too).
 */
function adoptFlows(s: IkeSession, bySession: Map<IkeSession, EspFlow[]>, samePair: IkeSession[]): void {
  if (hasQuickMode(s) || bySession.has(s)) return;
  const done = s.labels.get('mx:MM6') ?? s.labels.get('client:AM3');
  if (!done) return;
  const after = samePair
    .flatMap((other) => (other === s ? [] : (bySession.get(other) ?? [])))
    .filter((flow) => flow.lastFrame > done.firstFrame);
  const up = after.some((flow) => flow.src === s.clientIp);
  const down = after.some((flow) => flow.src !== s.clientIp);
  if (up && down) bySession.set(s, after);
}

/**
 * For an ESP-only pair, the client is the side on a NATed (non-4500) port when ESP is in UDP,
 * else the side that sent first.
 */
export function espOnlyClient(flows: EspFlow[]): {
  client: string;
  responder: string;
  clientPort: number;
  responderPort: number;
} {
  const natted = flows.find((f) => f.udpEncapsulated && f.srcPort !== 4500 && f.dstPort === 4500);
  const first = natted ?? flows.reduce((a, b) => (b.firstFrame < a.firstFrame ? b : a));
  return { client: first.src, responder: first.dst, clientPort: first.srcPort, responderPort: first.dstPort };
}
