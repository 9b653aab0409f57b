// Sessions with ESP and no IKE in the capture (it started after the negotiation): built from
// the flows by their own constructor, with roles from what the capture holds (the user's --mx,
// a Meraki MAC, the host with several peers, the NAT-T keepalive a client behind NAT sends, a
// NATed port, a negotiation between the same hosts that the capture holds from its start), and
// diagnosed by the ESP rules alone.
import type { SessionDiagnosis } from '../report/types.js';
import { NAT_T_PORT } from '../decode/ports.js';
import { secondsToEnd, type CaptureClock } from './capture-clock.js';
import { decide } from './decide.js';
import type { EspFlow } from './esp-flows.js';
import { fingerprintClient } from './fingerprint.js';
import { rolesFromHints, type RoleHints, type Roles } from './roles.js';
import { ESP_ONLY_RULES } from './rules/table.js';
import { espSummary } from './session-diagnosis.js';
import { espFilter, packets } from './session-facts.js';
import { verdictOf } from './session-result.js';
import { isoString, secondsBetween } from './time.js';

const MIN_PACKETS_WITHOUT_ROLES = 3;

/** Roles of an ESP-only pair, or null when nothing in the capture tells them. */
export function espOnlyRoles(flows: EspFlow[], hints: RoleHints): Roles | null {
  const a = flows[0].src;
  const b = flows[0].dst;
  const hinted = rolesFromHints(a, b, hints);
  if (hinted) return hinted;
  const ka = hints.keepaliveFrom.has(a);
  const kb = hints.keepaliveFrom.has(b);
  if (ka !== kb) return { client: ka ? a : b, mx: ka ? b : a, decidedBy: 'nat-keepalive' };
  // ESP in UDP between 4500 and another port: the other is a NAT's mapping, the client's side.
  const natted = flows.find((f) => f.udpEncapsulated && (f.srcPort === NAT_T_PORT) !== (f.dstPort === NAT_T_PORT));
  if (natted) {
    const fromClient = natted.dstPort === NAT_T_PORT;
    return {
      client: fromClient ? natted.src : natted.dst,
      mx: fromClient ? natted.dst : natted.src,
      decidedBy: 'nat-port',
    };
  }
  // A negotiation between the same two hosts whose first message the capture holds (another
  // user behind the same NAT): its opener is the client side.
  const opener = hints.openerBetween?.(a, b);
  if (opener) return { client: opener, mx: opener === a ? b : a, decidedBy: 'same-hosts-opener' };
  if (packets(flows) < MIN_PACKETS_WITHOUT_ROLES) return null;
  const first = flows.reduce((x, y) => (y.firstFrame < x.firstFrame ? y : x));
  return { client: first.src, mx: first.dst, decidedBy: 'first-sender' };
}

/**
 * The tunnels of one ESP-only pair of hosts: ESP in UDP apart by its two ports (users behind one
 * NAT share an address, each tunnel on its own mapping), ESP not in UDP together.
 */
export function espOnlyTunnels(flows: EspFlow[]): EspFlow[][] {
  const byPorts = new Map<string, EspFlow[]>();
  for (const f of flows) {
    const key = !f.udpEncapsulated
      ? ''
      : f.srcPort < f.dstPort
        ? `${f.srcPort}|${f.dstPort}`
        : `${f.dstPort}|${f.srcPort}`;
    const list = byPorts.get(key);
    if (list) list.push(f);
    else byPorts.set(key, [f]);
  }
  return [...byPorts.values()];
}

export function espOnlySession(flows: EspFlow[], roles: Roles, clock: CaptureClock): SessionDiagnosis {
  const espUp = flows.filter((x) => x.src === roles.client);
  const espDown = flows.filter((x) => x.src !== roles.client);
  const facts = { espUp, espDown, clock };
  const d = decide(ESP_ONLY_RULES, facts, clock);
  const first = flows.reduce((x, y) => (y.firstFrame < x.firstFrame ? y : x));
  const last = flows.reduce((x, y) => (y.lastFrame > x.lastFrame ? y : x));
  const up = espUp[0] ?? espDown[0];
  const coverage = {
    sawFirstMessage: false,
    firstFrame: first.firstFrame,
    lastFrame: last.lastFrame,
    secondsBefore: Math.max(0, secondsBetween(clock.startSec, clock.startNsec, first.firstSec, first.firstNsec)),
    secondsAfter: Math.max(0, secondsToEnd(clock, last.lastSec, last.lastNsec)),
  };
  const lastFrames = [...new Set(flows.flatMap((x) => [x.firstFrame, x.lastFrame]))].sort((a, b) => a - b);
  const v = verdictOf(
    d,
    clock,
    // ESP is not decoded past its header: a snap length cuts nothing the rules read.
    { ...coverage, packets: packets(flows), cutPackets: 0, lastStep: 'ESP', lastFrames },
    espFilter(flows),
  );
  return {
    id: `esp:${roles.client}`,
    clientIp: roles.client,
    clientPort: up.src === roles.client ? up.srcPort : up.dstPort,
    responderIp: roles.mx,
    responderPort: up.src === roles.client ? up.dstPort : up.srcPort,
    ikeVersion: null,
    mode: 'esp-only',
    natT: flows.some((x) => x.udpEncapsulated),
    nat: { client: null, responder: null },
    stepReached: 'ESP',
    verdict: v.verdict,
    ...(v.reason ? { reason: v.reason, likelyVerdict: v.likelyVerdict ?? null } : {}),
    roles: { decidedBy: roles.decidedBy },
    coverage,
    rules: d.trace,
    findings: v.findings,
    timeline: [],
    timelineTruncated: false,
    esp: flows.map((x) => espSummary(x, roles.client)),
    client: { fingerprint: fingerprintClient(undefined).fingerprint, vendorIds: [] },
    proposals: { phase1Offered: [] },
    start: isoString(first.firstSec, first.firstNsec),
    end: isoString(last.lastSec, last.lastNsec),
  };
}
