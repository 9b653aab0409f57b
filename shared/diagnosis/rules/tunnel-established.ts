// TUNNEL_ESTABLISHED: ESP in both directions (any kind of session), or from IKE's side quick
// mode completed (quick mode 3). Never without one of them. ESP_ONE_WAY outranks it by the
// table's order when ESP then flows one way only.
import { decline, type Rule, type RuleHit } from '../rule-types.js';
import { espFilter, framesFilter, framesOf, packets, seen, type EspFacts, type IkeFacts } from '../session-facts.js';

function espBothWays(f: EspFacts): RuleHit | null {
  const up = packets(f.espUp);
  const down = packets(f.espDown);
  if (up === 0 || down === 0) return null;
  const firstUp = Math.min(...f.espUp.map((x) => x.firstFrame));
  const firstDown = Math.min(...f.espDown.map((x) => x.firstFrame));
  return {
    code: 'TUNNEL_ESTABLISHED',
    detail: () => ({
      evidence: {
        frames: [firstUp, firstDown].sort((a, b) => a - b),
        details: { packetsClientToMx: up, packetsMxToClient: down },
      },
      filter: espFilter([...f.espUp, ...f.espDown]),
      values: { by: 'esp-both-ways', up, down },
    }),
  };
}

export const espEstablished: Rule<EspFacts> = {
  name: 'esp-both-ways',
  decide: (f) => espBothWays(f) ?? decline('step-not-reached'),
};

export const tunnelEstablished: Rule<IkeFacts> = {
  name: 'tunnel-established',
  decide(f) {
    const esp = espBothWays(f);
    if (esp) return esp;
    if (!seen(f, 'client', 'QM3')) return decline('step-not-reached');
    return {
      code: 'TUNNEL_ESTABLISHED',
      detail: () => {
        const frames = framesOf(f, ['client', 'QM1'], ['mx', 'QM2'], ['client', 'QM3']);
        const qm3 = f.session.labels.get('client:QM3')!.firstFrame;
        const up = packets(f.espUp);
        const down = packets(f.espDown);
        return {
          evidence: { frames, details: { quickModeCompleted: qm3, packetsClientToMx: up, packetsMxToClient: down } },
          filter: framesFilter(f, frames),
          values: { by: 'quick-mode', frame: qm3, up, down },
        };
      },
    };
  },
};
