// TUNNEL_ESTABLISHED: ESP both ways.
import { espFilter, type SessionRule } from '../session-facts.js';

export const tunnelEstablished: SessionRule = (f) => {
  const up = f.espUp.reduce((n, x) => n + x.packets, 0);
  const down = f.espDown.reduce((n, x) => n + x.packets, 0);
  if (up === 0 || down === 0) return null;
  const firstUp = Math.min(...f.espUp.map((x) => x.firstFrame));
  const firstDown = Math.min(...f.espDown.map((x) => x.firstFrame));
  return {
    code: 'TUNNEL_ESTABLISHED',
    evidence: { frames: [firstUp, firstDown].sort((a, b) => a - b), details: { packetsClientToMx: up, packetsMxToClient: down } },
    filter: espFilter([...f.espUp, ...f.espDown]),
    vars: {
      how: `ESP flows in both directions (${up} packets client→MX, ${down} packets MX→client)`,
      howJa: `双方向の ESP（クライアント→MX ${up} パケット、MX→クライアント ${down} パケット）が確認でき`,
    },
  };
};
