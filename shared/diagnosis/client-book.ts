// Every client's own verdict, kept as sessions are decided (in full or summarised): a client's
// verdict is its latest attempt's (an IKE one before an ESP-only one; clientVerdict says when one
// cut short does not count); each host pair's latest IKE attempt is remembered for the capture's
// verdict. Bounded by MAX_TRACKED_CLIENTS.
import {
  MAX_CLIENTS_IN_FULL,
  MAX_SESSION_IDS_PER_CLIENT,
  MAX_SUMMARY_CLIENT_SAMPLE,
  MAX_TRACKED_CLIENTS,
} from '../report/limits.js';
import type {
  ClientGroup,
  ClientSummary,
  Finding,
  InconclusiveReason,
  SessionDiagnosis,
  VerdictCode,
} from '../report/types.js';
import { rank } from './capture-verdict.js';

/** What the book needs of a session (a full diagnosis has it all). */
export type SessionOutline = Pick<
  SessionDiagnosis,
  'id' | 'clientIp' | 'responderIp' | 'verdict' | 'reason' | 'likelyVerdict' | 'mode' | 'start'
>;

/** Only what the verdict needs (a client's entry outlives its sessions). */
interface ClientEntry {
  latest: { verdict: VerdictCode; start: string; likelyVerdict?: VerdictCode | null };
  latestIsIke: boolean;
  /** The latest attempt of the same kind as `latest` that decided something. */
  decided?: { verdict: VerdictCode; start: string };
  ids: { start: string; id: string }[];
}

/**
 * The latest attempt's verdict, unless the capture cut it short (INCONCLUSIVE) and it leans to
 * what an earlier attempt proved: libreswan starts a new attempt after 60 s, and a capture that
 * stops during it must not hide the failure the first attempt proved.
 */
function clientVerdict(e: ClientEntry): VerdictCode {
  const { latest, decided } = e;
  if (latest.verdict === 'INCONCLUSIVE' && decided && latest.likelyVerdict === decided.verdict) return decided.verdict;
  return latest.verdict;
}

export interface ClientBook {
  add(s: SessionOutline): void;
  /** Every tracked client, most important first (l2tp-only clients from `extra` included). */
  all(extra?: Finding[]): ClientSummary[];
  hasIke(): boolean;
  /** Clients whose attempt is the latest between their two hosts. */
  latestOfPair(ip: string): boolean;
  /** The earliest INCONCLUSIVE session, for the capture's reason. */
  firstInconclusive(): { reason?: InconclusiveReason; likelyVerdict?: VerdictCode | null } | undefined;
}

export function createClientBook(): ClientBook {
  const byIp = new Map<string, ClientEntry>();
  const latestByPair = new Map<string, { start: string; clientIp: string }>();
  let ike = false;
  let inconclusive: Pick<SessionOutline, 'start' | 'reason' | 'likelyVerdict'> | undefined;

  function add(s: SessionOutline): void {
    const isIke = s.mode !== 'esp-only';
    if (isIke) ike = true;
    if (s.verdict === 'INCONCLUSIVE' && (!inconclusive || s.start < inconclusive.start))
      inconclusive = { start: s.start, reason: s.reason, likelyVerdict: s.likelyVerdict };
    const attempt = { verdict: s.verdict, start: s.start, likelyVerdict: s.likelyVerdict };
    const decides = s.verdict !== 'INCONCLUSIVE';
    let e = byIp.get(s.clientIp);
    if (!e) {
      if (byIp.size >= MAX_TRACKED_CLIENTS) return;
      e = { latest: attempt, latestIsIke: isIke, decided: decides ? attempt : undefined, ids: [] };
      byIp.set(s.clientIp, e);
    } else if (isIke && !e.latestIsIke) {
      // ESP-only sessions speak for a client only when it has no IKE session.
      e.latest = attempt;
      e.latestIsIke = true;
      e.decided = decides ? attempt : undefined;
    } else if (isIke === e.latestIsIke) {
      if (s.start >= e.latest.start) e.latest = attempt;
      if (decides && (!e.decided || s.start >= e.decided.start)) e.decided = attempt;
    }
    if (e.ids.length < MAX_SESSION_IDS_PER_CLIENT) e.ids.push({ start: s.start, id: s.id });
    if (!isIke) return;
    const key = s.clientIp < s.responderIp ? `${s.clientIp}|${s.responderIp}` : `${s.responderIp}|${s.clientIp}`;
    const prev = latestByPair.get(key);
    if (prev ? s.start >= prev.start : latestByPair.size < MAX_TRACKED_CLIENTS)
      latestByPair.set(key, { start: s.start, clientIp: s.clientIp });
  }

  function all(extra: Finding[] = []): ClientSummary[] {
    const out: ClientSummary[] = [];
    for (const [ip, e] of byIp) {
      const ids = [...e.ids].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      out.push({ ip, verdict: clientVerdict(e), sessions: ids.map((x) => x.id) });
    }
    for (const f of extra) {
      const ip = f.evidence.details?.client;
      if (typeof ip === 'string' && !byIp.has(ip)) out.push({ ip, verdict: f.code as VerdictCode, sessions: [] });
    }
    return out.sort(byImportance);
  }

  let latestIps: Set<string> | undefined;
  function latestOfPair(ip: string): boolean {
    latestIps ??= new Set([...latestByPair.values()].map((x) => x.clientIp));
    return latestIps.has(ip);
  }

  return {
    add,
    all,
    hasIke: () => ike,
    latestOfPair,
    firstInconclusive: () => inconclusive && { reason: inconclusive.reason, likelyVerdict: inconclusive.likelyVerdict },
  };
}

function byImportance(a: ClientSummary, b: ClientSummary): number {
  return rank(a.verdict) - rank(b.verdict) || (a.ip < b.ip ? -1 : 1);
}

/**
 * The clients listed one by one: those with a session in full first (the real clients of a
 * capture full of scanners), then the most important, up to MAX_CLIENTS_IN_FULL; the others
 * counted per verdict.
 */
export function boundClients(
  all: ClientSummary[],
  inFull: ReadonlySet<string>,
): { clients: ClientSummary[]; groups: ClientGroup[] } {
  if (all.length <= MAX_CLIENTS_IN_FULL) return { clients: all, groups: [] };
  const first = all.filter((c) => inFull.has(c.ip)).slice(0, MAX_CLIENTS_IN_FULL);
  const listed = new Set(first.map((c) => c.ip));
  for (const c of all) {
    if (listed.size >= MAX_CLIENTS_IN_FULL) break;
    listed.add(c.ip);
  }
  const groups = new Map<VerdictCode, ClientGroup>();
  for (const c of all) {
    if (listed.has(c.ip)) continue;
    let g = groups.get(c.verdict);
    if (!g) groups.set(c.verdict, (g = { verdict: c.verdict, clients: 0, sample: [] }));
    g.clients++;
    if (g.sample.length < MAX_SUMMARY_CLIENT_SAMPLE) g.sample.push(c.ip);
  }
  return {
    clients: all.filter((c) => listed.has(c.ip)),
    groups: [...groups.values()].sort((a, b) => rank(a.verdict) - rank(b.verdict)),
  };
}
