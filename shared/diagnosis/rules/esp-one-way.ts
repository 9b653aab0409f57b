// ESP_ONE_WAY: ESP flows in one direction only, from the start or from some point on: one side
// keeps sending for seconds while nothing comes back. Never from one packet or a burst with no
// time elapsed (GUIDE.md, contract v2).
import type { EspFlow } from '../esp-flows.js';
import { decline, type Rule, type RuleOutcome } from '../rule-types.js';
import { espFilter, packets, type EspFacts } from '../session-facts.js';
import { isoString, secondsBetween } from '../time.js';

/** A direction silent this long while the other keeps sending counts as lost. */
export const ONE_WAY_SECONDS = 5;
const MIN_PACKETS = 3;

function last(flows: EspFlow[]): EspFlow | undefined {
  return flows.reduce<EspFlow | undefined>((a, b) => (!a || b.lastFrame > a.lastFrame ? b : a), undefined);
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
            frames: [...new Set(flows.flatMap((x) => [x.firstFrame, x.lastFrame]))].sort((a, b) => a - b),
            details: { packetsClientToMx: up, packetsMxToClient: down },
          },
          filter: espFilter(all),
          values: { direction: up ? 'client-to-mx' : 'mx-to-client', up, down, since: 0 },
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
    const lu = last(f.espUp)!;
    const ld = last(f.espDown)!;
    const gap = secondsBetween(ld.lastSec, ld.lastNsec, lu.lastSec, lu.lastNsec);
    if (Math.abs(gap) < ONE_WAY_SECONDS) return decline('answered');
    const [alive, silent, direction] = gap > 0 ? [lu, ld, 'client-to-mx'] : [ld, lu, 'mx-to-client'];
    return {
      code: 'ESP_ONE_WAY',
      detail: () => ({
        evidence: {
          frames: [silent.lastFrame, alive.lastFrame],
          details: {
            packetsClientToMx: up,
            packetsMxToClient: down,
            silentSince: isoString(silent.lastSec, silent.lastNsec),
            secondsOneWay: Math.round(Math.abs(gap) * 10) / 10,
          },
        },
        filter: espFilter(all),
        values: { direction, up, down, since: silent.lastFrame },
      }),
    };
  },
};
