// The capture-level verdict: the most important client's (each client's own verdict is kept by
// client-book.ts; failures before INCONCLUSIVE before successes, in GUIDE.md's order; Client VPN
// clients before other products' VPN peers), else
// L2TP in clear, an authentication verdict, a lookup or ESP the capture cut short
// (INCONCLUSIVE), or NO_IKE_FROM_CLIENT. AnyConnect sessions are attempts like IKE ones: a
// client that tried both is judged by its latest attempt.
import type { ClientSummary, Finding, InconclusiveReason, VerdictCode } from '../report/types.js';
import { CODE_META } from './catalog.js';
import type { ClientBook } from './client-book.js';

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

export function rank(code: VerdictCode): number {
  const i = PRIORITY.indexOf(code);
  return i < 0 ? PRIORITY.length : i;
}

export interface CaptureVerdict {
  verdict: VerdictCode;
  reason?: InconclusiveReason;
  likelyVerdict?: VerdictCode | null;
}

/**
 * `clients`: every client the book tracks (not only those the report lists). `unread`: traffic
 * that may hide a client (IKE the snap length cut unreadable): it stands among the clients'
 * verdicts, above every success.
 */
export function captureVerdict(
  book: ClientBook,
  clients: ClientSummary[],
  auth: Finding[],
  fallback: CaptureVerdict,
  unread?: CaptureVerdict,
): CaptureVerdict {
  const decisiveAuth = auth.filter((f) => CODE_META[f.code].step === 'AUTH');
  const hasIke = book.hasIke();
  // Both peers initiating at once (site-to-site): the pair's latest attempt speaks for it.
  const candidates = clients.filter((c) => !hasIke || book.latestOfPair(c.ip) || c.sessions.length === 0);
  // The question is why Client VPN fails: another product's VPN beside it (a site-to-site peer)
  // keeps its own verdict in clients[] but speaks for the capture only when nothing else does.
  const clientVpn = candidates.filter((c) => !c.notClientVpn);
  const pool: VerdictCode[] = (clientVpn.length > 0 ? clientVpn : candidates).map((c) => c.verdict);
  if (!hasIke) pool.push(...decisiveAuth.map((f) => f.code as VerdictCode));
  if (pool.length === 0) return fallback;
  if (unread) pool.push(unread.verdict);
  const verdict = pool.reduce((best, c) => (rank(c) < rank(best) ? c : best));
  if (verdict !== 'INCONCLUSIVE') return { verdict };
  const s = book.firstInconclusive(clientVpn.length > 0);
  if (!s && unread) return unread;
  return { verdict, reason: s?.reason ?? 'not-enough-time', likelyVerdict: s?.likelyVerdict ?? null };
}
