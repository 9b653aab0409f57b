// ESP_ONE_WAY: the tunnel came up but ESP flows in one direction only, from the start or from
// some point on (one side keeps sending for seconds while nothing comes back).
import { espFilter, type RuleHit, type SessionRule } from '../session-facts.js';
import type { EspFlow } from '../esp-flows.js';
import { secondsBetween, isoString } from '../time.js';

/** A direction silent this long while the other keeps sending counts as lost. */
export const ONE_WAY_SECONDS = 5;
const MIN_PACKETS = 3;

function last(flows: EspFlow[]): EspFlow | undefined {
  return flows.reduce<EspFlow | undefined>((a, b) => (!a || b.lastFrame > a.lastFrame ? b : a), undefined);
}

export const espOneWay: SessionRule = (f): RuleHit | null => {
  const up = f.espUp.reduce((n, x) => n + x.packets, 0);
  const down = f.espDown.reduce((n, x) => n + x.packets, 0);
  if (up + down < MIN_PACKETS) return null;
  const all = [...f.espUp, ...f.espDown];
  if (up === 0 || down === 0) {
    const flows = up ? f.espUp : f.espDown;
    return {
      code: 'ESP_ONE_WAY',
      evidence: {
        frames: flows.flatMap((x) => [x.firstFrame, x.lastFrame]),
        details: { packetsClientToMx: up, packetsMxToClient: down },
      },
      filter: espFilter(all),
      vars: {
        direction: up ? 'client→MX' : 'MX→client',
        directionJa: up ? 'クライアント→MX' : 'MX→クライアント',
        when: '',
        whenJa: '',
        up,
        down,
      },
    };
  }
  const lu = last(f.espUp)!;
  const ld = last(f.espDown)!;
  const gap = secondsBetween(ld.lastSec, ld.lastNsec, lu.lastSec, lu.lastNsec);
  if (Math.abs(gap) < ONE_WAY_SECONDS) return null;
  const [alive, silent, dir] = gap > 0 ? [lu, ld, 'client→MX'] : [ld, lu, 'MX→client'];
  return {
    code: 'ESP_ONE_WAY',
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
    vars: {
      direction: dir,
      directionJa: dir === 'client→MX' ? 'クライアント→MX' : 'MX→クライアント',
      when: ` after frame ${silent.lastFrame}`,
      whenJa: `（フレーム ${silent.lastFrame} 以降）`,
      up,
      down,
    },
  };
};
