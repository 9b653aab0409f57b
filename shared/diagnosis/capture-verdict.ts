// The capture-level verdict and every client's own: a client's verdict is its latest attempt's;
// the capture's is the most important client's (failures before INCONCLUSIVE before
// successes, in GUIDE.md's order), else L2TP in clear, an authentication verdict, a lookup or
// ESP the capture cut short (INCONCLUSIVE), or NO_IKE_FROM_CLIENT. AnyConnect sessions are
// attempts like IKE ones: a client that tried both is judged by its latest attempt.
import type { ClientSummary, Finding, InconclusiveReason, SessionDiagnosis, VerdictCode } from '../report/types.js';
import { CODE_META } from './catalog.js';

/** Most specific failure first, as GUIDE.md's output rules order them; successes last. */
const PRIORITY: VerdictCode[] = [
  'IKEV2_NOT_SUPPORTED',
  'AGGRESSIVE_MODE',
  'ANYCONNECT_TLS_FAILED',
  'ANYCONNECT_CERT_REJECTED',
  'L2TP_WITHOUT_IPSEC',
  'PHASE1_PROPOSAL_REJECTED',
  'PHASE2_PROPOSAL_REJECTED',
  'ESP_ONE_WAY',
  'NAT_T_BLOCKED',
  'PSK_MISMATCH',
  'NO_RESPONSE_FROM_MX',
  'SA_RETRANSMITTED',
  'KE_RETRANSMITTED',
  'PHASE2_RETRANSMITTED',
  'ANYCONNECT_TCP_UNREACHABLE',
  'RADIUS_REJECTED',
  'RADIUS_NO_RESPONSE',
  'AD_TLS_FAILED',
  'CLOUD_DNS_FAILED',
  // "likely": the LAN side's authentication verdict, when there is one, is the proof.
  'ANYCONNECT_AUTH_FAILED',
  // It works, over TLS only: a fault, but not a failure.
  'ANYCONNECT_DTLS_BLOCKED',
  'INCONCLUSIVE',
  'TUNNEL_ESTABLISHED',
  'ANYCONNECT_ESTABLISHED',
  'RADIUS_ACCEPTED',
  'AD_TLS_OK',
  'CLOUD_DNS_OK',
];

function rank(code: VerdictCode): number {
  const i = PRIORITY.indexOf(code);
  return i < 0 ? PRIORITY.length : i;
}

/** What the capture-level verdict reads of a session, IKE or AnyConnect. */
export type VerdictSession = Pick<
  SessionDiagnosis,
  'id' | 'clientIp' | 'responderIp' | 'mode' | 'verdict' | 'reason' | 'likelyVerdict' | 'start'
>;

/** Every client with its latest session's verdict, most important first. */
export function clientsOf(sessions: VerdictSession[], extra: Finding[] = []): ClientSummary[] {
  const byIp = new Map<string, VerdictSession[]>();
  for (const s of sessions) {
    const list = byIp.get(s.clientIp) ?? [];
    list.push(s);
    byIp.set(s.clientIp, list);
  }
  const out: ClientSummary[] = [];
  for (const [ip, list] of byIp) {
    // ESP-only sessions speak for a client only when it has no IKE session.
    const ike = list.filter((s) => s.mode !== 'esp-only');
    const pool = ike.length ? ike : list;
    const latest = pool.reduce((a, b) => (b.start >= a.start ? b : a));
    out.push({ ip, verdict: latest.verdict, sessions: list.map((s) => s.id) });
  }
  for (const f of extra) {
    const ip = f.evidence.details?.client;
    if (typeof ip === 'string' && !byIp.has(ip)) out.push({ ip, verdict: f.code as VerdictCode, sessions: [] });
  }
  return out.sort((a, b) => rank(a.verdict) - rank(b.verdict) || (a.ip < b.ip ? -1 : 1));
}

function latestPerHostPair(sessions: VerdictSession[]): VerdictSession[] {
  const latest = new Map<string, VerdictSession>();
  for (const s of sessions) {
    const key = s.clientIp < s.responderIp ? `${s.clientIp}|${s.responderIp}` : `${s.responderIp}|${s.clientIp}`;
    const prev = latest.get(key);
    if (!prev || s.start >= prev.start) latest.set(key, s);
  }
  return [...latest.values()];
}

export interface CaptureVerdict {
  verdict: VerdictCode;
  reason?: InconclusiveReason;
  likelyVerdict?: VerdictCode | null;
}

export function captureVerdict(
  sessions: VerdictSession[],
  clients: ClientSummary[],
  auth: Finding[],
  fallback: CaptureVerdict,
): CaptureVerdict {
  const decisiveAuth = auth.filter((f) => CODE_META[f.code].step === 'AUTH');
  const hasIke = sessions.some((s) => s.mode !== 'esp-only');
  // Both peers initiating at once (site-to-site): the pair's latest attempt speaks for it.
  const latest = latestPerHostPair(sessions.filter((s) => s.mode !== 'esp-only')).map((s) => s.clientIp);
  const pool: VerdictCode[] = clients
    .filter((c) => !hasIke || latest.includes(c.ip) || c.sessions.length === 0)
    .map((c) => c.verdict);
  if (!hasIke) pool.push(...decisiveAuth.map((f) => f.code as VerdictCode));
  if (pool.length === 0) return fallback;
  const verdict = pool.reduce((best, c) => (rank(c) < rank(best) ? c : best));
  if (verdict !== 'INCONCLUSIVE') return { verdict };
  const s = sessions.find((x) => x.verdict === 'INCONCLUSIVE' && clients.some((c) => c.ip === x.clientIp));
  return { verdict, reason: s?.reason ?? 'not-enough-time', likelyVerdict: s?.likelyVerdict ?? null };
}
