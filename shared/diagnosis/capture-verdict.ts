// The capture-level verdict: the most important session's verdict (failures before
// successes, in the order the rules decide), else an authentication verdict, else
// NO_IKE_FROM_CLIENT.
import type { Finding, SessionDiagnosis, VerdictCode } from '../report/types.js';
import { CODE_META } from './catalog.js';

/** Most specific failure first, as GUIDE.md's output rules order them; successes last. */
const PRIORITY: VerdictCode[] = [
  'IKEV2_NOT_SUPPORTED',
  'AGGRESSIVE_MODE',
  'PHASE1_PROPOSAL_REJECTED',
  'PHASE2_PROPOSAL_REJECTED',
  'ESP_ONE_WAY',
  'NAT_T_BLOCKED',
  'PSK_MISMATCH',
  'NO_RESPONSE_FROM_MX',
  'SA_RETRANSMITTED',
  'KE_RETRANSMITTED',
  'PHASE2_RETRANSMITTED',
  'RADIUS_REJECTED',
  'RADIUS_NO_RESPONSE',
  'AD_TLS_FAILED',
  'CLOUD_DNS_FAILED',
  'TUNNEL_ESTABLISHED',
  'RADIUS_ACCEPTED',
  'AD_TLS_OK',
  'CLOUD_DNS_OK',
];

function rank(code: VerdictCode): number {
  const i = PRIORITY.indexOf(code);
  return i < 0 ? PRIORITY.length : i;
}

/**
 * A meraki.com query that no DNS server answered at all is weak evidence on its own (a client
 * probing the MX's WAN address sends such queries too): it stays a finding but does not make a
 * capture without IKE an authentication capture.
 */
function decisiveAuth(f: Finding): boolean {
  return (
    CODE_META[f.code].step === 'AUTH' && !(f.code === 'CLOUD_DNS_FAILED' && f.evidence.details?.rcode === 'no answer')
  );
}

/** A client that tried again: only its latest attempt per pair of hosts speaks for the capture. */
function latestPerHostPair(sessions: SessionDiagnosis[]): SessionDiagnosis[] {
  const latest = new Map<string, SessionDiagnosis>();
  for (const s of sessions) {
    const key = s.clientIp < s.responderIp ? `${s.clientIp}|${s.responderIp}` : `${s.responderIp}|${s.clientIp}`;
    const prev = latest.get(key);
    if (!prev || s.start >= prev.start) latest.set(key, s);
  }
  return [...latest.values()];
}

export function captureVerdict(sessions: SessionDiagnosis[], auth: Finding[]): VerdictCode {
  const ikeSessions = latestPerHostPair(sessions.filter((s) => s.mode !== 'esp-only'));
  const decisive = auth.filter(decisiveAuth);
  const pool: VerdictCode[] = ikeSessions.length
    ? ikeSessions.map((s) => s.verdict)
    : decisive.length
      ? decisive.map((f) => f.code as VerdictCode)
      : sessions.map((s) => s.verdict);
  if (pool.length === 0) return 'NO_IKE_FROM_CLIENT';
  return pool.reduce((best, c) => (rank(c) < rank(best) ? c : best));
}
