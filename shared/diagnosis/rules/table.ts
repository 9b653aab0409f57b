// The rules of each kind of session, in the order they decide — written down once. The first
// rule whose finding is proven gives the verdict; later proven findings stay as findings
// (GUIDE.md's output rules: IKEv2 and aggressive mode over everything, a proposal rejection
// over retransmissions, ESP_ONE_WAY over TUNNEL_ESTABLISHED, PSK_MISMATCH / NAT_T_BLOCKED over
// KE_RETRANSMITTED). A new kind of session (AnyConnect: TLS/DTLS facts) adds its own list here
// next to these, without touching them.
import type { Rule } from '../rule-types.js';
import type { EspFacts, IkeFacts } from '../session-facts.js';
import { aggressiveMode } from './aggressive-mode.js';
import { espOneWay } from './esp-one-way.js';
import { ikev2Attempt } from './ikev2-attempt.js';
import { natTBlocked } from './nat-t-blocked.js';
import { phase1ProposalRejected } from './phase1-proposal-rejected.js';
import { phase2ProposalRejected } from './phase2-proposal-rejected.js';
import { pskMismatch } from './psk-mismatch.js';
import { keRetransmitted, noResponseFromMx, phase2Retransmitted, saRetransmitted } from './retransmissions.js';
import { espEstablished, tunnelEstablished } from './tunnel-established.js';

export const IKE_RULES: readonly Rule<IkeFacts>[] = [
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

export const ESP_ONLY_RULES: readonly Rule<EspFacts>[] = [espOneWay, espEstablished];
