// The order in which the session rules decide — written down once. The first rule that hits
// gives the session's verdict; GUIDE.md's output rules fix the order: the most specific cause
// wins (IKEv2 and aggressive mode over everything, a proposal rejection over retransmissions,
// ESP_ONE_WAY over TUNNEL_ESTABLISHED, PSK_MISMATCH / NAT_T_BLOCKED over KE_RETRANSMITTED).
import type { SessionRule } from '../session-facts.js';
import { aggressiveMode } from './aggressive-mode.js';
import { espOneWay } from './esp-one-way.js';
import { ikev2Attempt } from './ikev2-attempt.js';
import { natTBlocked } from './nat-t-blocked.js';
import { phase1ProposalRejected } from './phase1-proposal-rejected.js';
import { phase2ProposalRejected } from './phase2-proposal-rejected.js';
import { pskMismatch } from './psk-mismatch.js';
import { keRetransmitted, noResponseFromMx, phase2Retransmitted, saRetransmitted } from './retransmissions.js';
import { tunnelEstablished } from './tunnel-established.js';

export const PRIMARY_RULES: readonly SessionRule[] = [
  ikev2Attempt,
  aggressiveMode,
  phase1ProposalRejected,
  phase2ProposalRejected,
  espOneWay,
  tunnelEstablished,
  natTBlocked,
  pskMismatch,
  noResponseFromMx,
  saRetransmitted,
  keRetransmitted,
  phase2Retransmitted,
];
