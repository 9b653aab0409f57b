// One verdict per client of a capture, for the dashboard and the CLI alike. Schema 2 reports carry `clients[]` (ip, verdict,
// sessions) from the diagnosis; older reports and the API's session list are grouped here by
// client IP, the client's verdict being its most severe session's.
import { CODE_META } from '../diagnosis/catalog.js';
import { saysNotClientVpn } from '../diagnosis/finding.js';
import type { AnalysisReport, SessionDiagnosis } from '../report/types.js';

export interface ClientVerdict {
  ip: string;
  verdict: string;
  /** Session ids of this client, in capture order. */
  sessionIds: string[];
  /** Another product's VPN peer (clients[].notClientVpn): its verdict is not the Client VPN answer. */
  notClientVpn?: true;
}

const RANK = { error: 0, warning: 1, info: 2, ok: 3 } as const;

/** Most severe first; a code this build does not know counts as an error. */
function rank(code: string): number {
  return RANK[(CODE_META as Record<string, { severity: keyof typeof RANK } | undefined>)[code]?.severity ?? 'error'];
}

/** `clients` as the report carries it (schema 2), read defensively: it may be absent. */
function fromReport(clients: unknown): ClientVerdict[] | undefined {
  if (!Array.isArray(clients)) return undefined;
  const out: ClientVerdict[] = [];
  for (const c of clients as { ip?: unknown; verdict?: unknown; sessions?: unknown; notClientVpn?: unknown }[]) {
    if (typeof c?.ip !== 'string' || typeof c.verdict !== 'string') continue;
    const sessions = Array.isArray(c.sessions) ? c.sessions : [];
    const sessionIds = sessions
      .map((s: unknown) => (typeof s === 'string' ? s : (s as { id?: unknown })?.id))
      .filter((s): s is string => typeof s === 'string');
    out.push({ ip: c.ip, verdict: c.verdict, sessionIds, ...(c.notClientVpn === true ? { notClientVpn: true } : {}) });
  }
  return out;
}

export function clientVerdicts(sessions: readonly SessionDiagnosis[], reportClients?: unknown): ClientVerdict[] {
  const given = fromReport(reportClients);
  if (given?.length) return given;
  const byIp = new Map<string, ClientVerdict>();
  /** Hosts with a session that is Client VPN (not NOT_CLIENT_VPN). */
  const clientVpn = new Set<string>();
  for (const s of sessions) {
    if (!saysNotClientVpn(s.findings)) clientVpn.add(s.clientIp);
    const c = byIp.get(s.clientIp);
    if (!c) byIp.set(s.clientIp, { ip: s.clientIp, verdict: s.verdict, sessionIds: [s.id] });
    else {
      c.sessionIds.push(s.id);
      if (rank(s.verdict) < rank(c.verdict)) c.verdict = s.verdict;
    }
  }
  return [...byIp.values()].map((c) => (clientVpn.has(c.ip) ? c : { ...c, notClientVpn: true }));
}

/** Clients per verdict, most severe first: [["PSK_MISMATCH", 1], ["TUNNEL_ESTABLISHED", 1]]. */
export function countByVerdict(clients: readonly ClientVerdict[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const c of clients) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  return mostSevereFirst(counts);
}

/**
 * Every client of a report per verdict, most severe first: those it lists one by one and those
 * it only counts (`clientSummaries`, a capture full of scanners).
 */
export function reportVerdictCounts(
  report: Pick<AnalysisReport, 'sessions' | 'clients' | 'clientSummaries'>,
): [string, number][] {
  const counts = new Map(countByVerdict(clientVerdicts(report.sessions, report.clients)));
  for (const g of report.clientSummaries ?? []) counts.set(g.verdict, (counts.get(g.verdict) ?? 0) + g.clients);
  return mostSevereFirst(counts);
}

/** How many clients per-verdict counts hold (a capture item's `clientVerdicts`, none when absent). */
export function clientsCounted(counts: readonly { clients: number }[] = []): number {
  return counts.reduce((n, x) => n + x.clients, 0);
}

function mostSevereFirst(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1]);
}
