// The capture-level verdict: the most important session's verdict (failures before
// successes, in the order the rules decide), else an authentication verdict, else
// NO_IKE_FROM_CLIENT.
import type { Finding, SessionDiagnosis, VerdictCode } from '../report/types.js';
import { CODE_META } from './catalog.js';

/** Most specific failure first, as GUIDE.md's output rules order them; successes last. */
const PRIORITY: VerdictCode[] = [
  'IKEV2_NOT_SUPPORTED', 'AGGRESSIVE_MODE', 'PHASE1_PROPOSAL_REJECTED', 'PHASE2_PROPOSAL_REJECTED',
  'ESP_ONE_WAY', 'NAT_T_BLOCKED', 'PSK_MISMATCH', 'NO_RESPONSE_FROM_MX', 'SA_RETRANSMITTED',
  'KE_RETRANSMITTED', 'PHASE2_RETRANSMITTED',
  'RADIUS_REJECTED', 'RADIUS_NO_RESPONSE', 'AD_TLS_FAILED', 'CLOUD_DNS_FAILED',
  'TUNNEL_ESTABLISHED', 'RADIUS_ACCEPTED', 'AD_TLS_OK', 'CLOUD_DNS_OK',
];

function rank(code: VerdictCode): number {
  const i = PRIORITY.indexOf(code);
  return i < 0 ? PRIORITY.length : i;
}

export function captureVerdict(sessions: SessionDiagnosis[], auth: Finding[]): VerdictCode {
  const ikeSessions = sessions.filter((s) => s.mode !== 'esp-only');
  const pool: VerdictCode[] = ikeSessions.length ? ikeSessions.map((s) => s.verdict)
    : auth.length ? auth.map((f) => f.code as VerdictCode).filter((c) => CODE_META[c].step === 'AUTH')
    : sessions.map((s) => s.verdict);
  if (pool.length === 0) return 'NO_IKE_FROM_CLIENT';
  return pool.reduce((best, c) => (rank(c) < rank(best) ? c : best));
}
