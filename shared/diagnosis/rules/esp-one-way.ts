// ESP_ONE_WAY: ESP flows in one direction only, from the start or from some point on: one side
// keeps sending for seconds while nothing comes back, or the user's NAT moved the tunnel to
// another port and the MX keeps sending to the old one. Never from one packet or a burst with
// no time elapsed (GUIDE.md, contract v2).
import type { EspFlow } from '../esp-flows.js';
import { decline, type Rule, type RuleHit, type RuleOutcome } from '../rule-types.js';
import { espFilter, packets, type EspFacts } from '../session-facts.js';
import { RETRANSMISSION_INTERVAL_SECONDS } from '../capture-clock.js';
import { isoString, secondsBetween } from '../time.js';

/** A direction silent this long while the other keeps sending counts as lost. */
export const ONE_WAY_SECONDS = 5;
const MIN_PACKETS = 3;

function last(flows: EspFlow[]): EspFlow | undefined {
  return flows.reduce<EspFlow | undefined>((a, b) => (!a || b.lastFrame > a.lastFrame ? b : a), undefined);
}

/** ICMP errors refusing these flows' packets: how many, and the first (evidence, never the verdict alone). */
function refusals(flows: EspFlow[]): { refused: number; refusedFrame: number } | undefined {
  let refused = 0;
  let refusedFrame = Infinity;
  for (const x of flows)
    if (x.refused) {
      refused += x.refused.count;
      refusedFrame = Math.min(refusedFrame, x.refused.frame);
    }
  return refused > 0 ? { refused, refusedFrame } : undefined;
}

/** The evidence frames, with the first refusal of these flows' packets where there is one. */
function withRefusals(frames: number[], flows: EspFlow[]): number[] {
  const r = refusals(flows);
  return r ? [...new Set([...frames, r.refusedFrame])].sort((a, b) => a - b) : frames;
}

/** The flows' SPIs, and the ICMP errors when some refused them. */
function oneWayFilter(all: EspFlow[], refusedFlows: EspFlow[]): string {
  const esp = espFilter(all);
  return refusals(refusedFlows) ? `${esp} || icmp.type == 3 || icmpv6.type == 1` : esp;
}

/**
 * The user's NAT moved its mapping: the user's ESP-in-UDP comes from a new port while the MX's
 * still goes to the old one, refused there (ICMP, MIN_PACKETS times) or for ONE_WAY_SECONDS.
 * From the move on, ESP reaches the MX and none reaches the user, to the end of the capture.
 */
function mxSendsToOldPort(f: EspFacts): RuleHit | null {
  for (const up of f.espUp) {
    const move = up.moved;
    if (!move || move.srcPort === up.srcPort) continue;
    const stale = f.espDown.filter(
      (d) => d.udpEncapsulated && (d.moved ?? d).dstPort === up.srcPort && d.lastFrame > move.frame,
    );
    const lastStale = last(stale);
    // The MX's latest ESP must still go there: one that moved to the user (new SAs on the new
    // port, as a responder that learns the port from a DPD makes) is a tunnel that recovered.
    if (!lastStale || last(f.espDown) !== lastStale) continue;
    // Nor one whose IKE went to the new port after its last ESP to the old one (it learnt the
    // port, from a DPD say, and its next ESP goes there).
    const ike = f.mxLastIke;
    if (ike && ike.frame > lastStale.lastFrame && ike.dstPort === move.srcPort) continue;
    const refused = refusals(stale);
    const seconds = secondsBetween(move.sec, move.nsec, lastStale.lastSec, lastStale.lastNsec);
    if ((refused?.refused ?? 0) < MIN_PACKETS && seconds < ONE_WAY_SECONDS) continue;
    const upPackets = packets(f.espUp);
    const down = packets(f.espDown);
    return {
      code: 'ESP_ONE_WAY',
      detail: () => ({
        evidence: {
          frames: withRefusals([move.frame, lastStale.lastFrame], stale),
          details: {
            packetsClientToMx: upPackets,
            packetsMxToClient: down,
            clientPortBefore: up.srcPort,
            clientPortSince: move.srcPort,
            clientPortChangedAt: isoString(move.sec, move.nsec),
            secondsOneWay: Math.round(seconds * 10) / 10,
            ...(refused ? { refusedByIcmp: refused.refused } : {}),
          },
        },
        filter: oneWayFilter([...f.espUp, ...f.espDown], stale),
        values: {
          direction: 'client-to-mx',
          up: upPackets,
          down,
          since: move.frame,
          movedFrom: up.srcPort,
          movedTo: move.srcPort,
          ...refused,
        },
      }),
    };
  }
  return null;
}

export const espOneWay: Rule<EspFacts> = {
  name: 'esp-one-way',
  decide(f): RuleOutcome {
    const up = packets(f.espUp);
    const down = packets(f.espDown);
    if (up + down === 0) return decline('step-not-reached');
    const all = [...f.espUp, ...f.espDown];
    if (up === 0 || down === 0) {
      const flows = up ? f.espUp : f.espDown;
      if (up + down < MIN_PACKETS) return decline('too-few-packets');
      const first = flows.reduce((a, b) => (b.firstFrame < a.firstFrame ? b : a));
      return {
        code: 'ESP_ONE_WAY',
        detail: () => ({
          evidence: {
            frames: withRefusals(
              [...new Set(flows.flatMap((x) => [x.firstFrame, x.lastFrame]))].sort((a, b) => a - b),
              flows,
            ),
            details: { packetsClientToMx: up, packetsMxToClient: down, ...refusedDetail(flows) },
          },
          filter: oneWayFilter(all, flows),
          values: { direction: up ? 'client-to-mx' : 'mx-to-client', up, down, since: 0, ...refusals(flows) },
        }),
        // Nothing came back: proven once the capture ran a retransmission interval past the first packet.
        missing: {
          frame: first.firstFrame,
          sec: first.firstSec,
          nsec: first.firstNsec,
          repeated: false,
          unproven: 'not-enough-time',
        },
      };
    }
    const moved = mxSendsToOldPort(f);
    if (moved) return moved;
    const lu = last(f.espUp)!;
    const ld = last(f.espDown)!;
    const gap = secondsBetween(ld.lastSec, ld.lastNsec, lu.lastSec, lu.lastNsec);
    if (Math.abs(gap) < ONE_WAY_SECONDS) return decline('answered');
    const [alive, silent, direction] = gap > 0 ? [lu, ld, 'client-to-mx'] : [ld, lu, 'mx-to-client'];
    // Kept sending: two packets a retransmission interval after the silent side's last, not one
    // packet after a quiet spell that the capture stopped on.
    if (
      secondsBetween(silent.lastSec, silent.lastNsec, alive.prevSec, alive.prevNsec) < RETRANSMISSION_INTERVAL_SECONDS
    )
      return decline('answered');
    return {
      code: 'ESP_ONE_WAY',
      detail: () => ({
        evidence: {
          frames: withRefusals([silent.lastFrame, alive.lastFrame], [alive]),
          details: {
            packetsClientToMx: up,
            packetsMxToClient: down,
            silentSince: isoString(silent.lastSec, silent.lastNsec),
            secondsOneWay: Math.round(Math.abs(gap) * 10) / 10,
            ...refusedDetail([alive]),
          },
        },
        filter: oneWayFilter(all, [alive]),
        values: { direction, up, down, since: silent.lastFrame, ...refusals([alive]) },
      }),
    };
  },
};

function refusedDetail(flows: EspFlow[]): { refusedByIcmp?: number } {
  const r = refusals(flows);
  return r ? { refusedByIcmp: r.refused } : {};
}
