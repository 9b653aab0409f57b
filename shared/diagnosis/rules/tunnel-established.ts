// TUNNEL_ESTABLISHED: ESP both ways — or, from IKE's side, quick mode completed (quick mode 3),
// which is what GUIDE.md's "ESP_ONE_WAY over TUNNEL_ESTABLISHED" presumes: the tunnel came up
// even when ESP then flows one way only (ESP_ONE_WAY wins by the rule order).
import { espFilter, framesFilter, framesOf, seen, type RuleHit, type SessionRule } from '../session-facts.js';

export const tunnelEstablished: SessionRule = (f): RuleHit | null => {
  const up = f.espUp.reduce((n, x) => n + x.packets, 0);
  const down = f.espDown.reduce((n, x) => n + x.packets, 0);
  if (up > 0 && down > 0) {
    const firstUp = Math.min(...f.espUp.map((x) => x.firstFrame));
    const firstDown = Math.min(...f.espDown.map((x) => x.firstFrame));
    return {
      code: 'TUNNEL_ESTABLISHED',
      evidence: {
        frames: [firstUp, firstDown].sort((a, b) => a - b),
        details: { packetsClientToMx: up, packetsMxToClient: down },
      },
      filter: espFilter([...f.espUp, ...f.espDown]),
      vars: {
        how: `ESP flows in both directions (${up} packets client→MX, ${down} packets MX→client)`,
        howJa: `双方向の ESP（クライアント→MX ${up} パケット、MX→クライアント ${down} パケット）が確認でき`,
      },
    };
  }
  if (!seen(f, 'client', 'QM3')) return null;
  const frames = framesOf(f, ['client', 'QM1'], ['mx', 'QM2'], ['client', 'QM3']);
  const qm3 = f.session.labels.get('client:QM3')!.firstFrame;
  return {
    code: 'TUNNEL_ESTABLISHED',
    evidence: { frames, details: { quickModeCompleted: qm3, packetsClientToMx: up, packetsMxToClient: down } },
    filter: framesFilter(f, frames),
    vars: {
      how: `Quick mode completed (frame ${qm3}); ESP seen client→MX ${up}, MX→client ${down}`,
      howJa: `クイックモードが完了し（フレーム ${qm3}）、ESP はクライアント→MX ${up}、MX→クライアント ${down} パケット`,
    },
  };
};
