// ESP flows belong to the IKE session between the same two hosts. When a client negotiated
// several times, a flow goes to the latest session that started before it; flows with no IKE
// session at all become ESP-only sessions (captures that start after the negotiation).
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
    let chosen = candidates[0];
    for (const s of candidates) {
      const startedBefore =
        s.firstSec < flow.firstSec || (s.firstSec === flow.firstSec && s.firstNsec <= flow.firstNsec);
      const quick = s.labels.has('client:QM1') || s.labels.has('mx:QM2') || s.version === 2;
      const chosenQuick = chosen.labels.has('client:QM1') || chosen.labels.has('mx:QM2') || chosen.version === 2;
      if (startedBefore && (quick || !chosenQuick)) chosen = s;
    }
    const list = bySession.get(chosen) ?? [];
    list.push(flow);
    bySession.set(chosen, list);
  }
  return { bySession, espOnly };
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
