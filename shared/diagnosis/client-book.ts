// Every client's own verdict, kept as sessions are decided (in full or summarised): a client's
// verdict is its latest attempt's (an IKE one before an ESP-only one; ClientEntry.verdict says
// when one cut short does not count, and when another user behind the same NAT, on another port
// and still running, outranks it); each host pair's latest IKE attempt is remembered for the
// capture's verdict. Bounded by MAX_TRACKED_CLIENTS.
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
import { hostPair } from './host-pair.js';
import { saysNotClientVpn } from './finding.js';
import { addressSortKey } from '../net/address-bytes.js';
import { epochMs, isoMs } from './time.js';

/** What the book needs of a session; `startMs` is its start as time.ts's timeMs. */
export type SessionOutline = Pick<
  SessionDiagnosis,
  'id' | 'clientIp' | 'responderIp' | 'verdict' | 'reason' | 'likelyVerdict' | 'mode'
> & {
  /** The client's first port: users behind one NAT share the address and differ here (AnyConnect: 0). */
  clientPort: number;
  /** timeMs of its start (time.ts). */
  startMs: number;
  /** timeMs of its last packet, ESP included: a session still running beside a later one. */
  activeUntilMs: number;
  /** Its two hosts (host-pair.ts). */
  pair: string;
  /** False when the negotiation is another product's VPN (NOT_CLIENT_VPN), e.g. a site-to-site peer. */
  clientVpn: boolean;
};

/** The outline of a session diagnosed in full (IKE, ESP only or AnyConnect). */
export function bookOutline(
  d: Omit<SessionOutline, 'clientPort' | 'startMs' | 'activeUntilMs' | 'pair' | 'clientVpn'> & {
    /** IKE and ESP only; an AnyConnect session is one per address (0). */
    clientPort?: number;
    start: string;
    end: string;
    findings?: readonly { code: string }[];
    esp?: readonly { lastTime: string }[];
  },
): SessionOutline {
  let activeUntilMs = isoMs(d.end);
  for (const x of d.esp ?? []) activeUntilMs = Math.max(activeUntilMs, epochMs(x.lastTime));
  return {
    id: d.id,
    clientIp: d.clientIp,
    clientPort: d.clientPort ?? 0,
    responderIp: d.responderIp,
    verdict: d.verdict,
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.likelyVerdict !== undefined ? { likelyVerdict: d.likelyVerdict } : {}),
    mode: d.mode,
    startMs: isoMs(d.start),
    activeUntilMs,
    pair: hostPair(d.clientIp, d.responderIp),
    clientVpn: !saysNotClientVpn(d.findings),
  };
}

/**
 * Only what the verdict needs (a client's entry outlives its sessions), in one object: a
 * capture of 40,000 scanners keeps 40,000 of them.
 */
/** Users behind one NAT told apart per client, by port. */
const MAX_USERS_PER_CLIENT = 8;

interface UserLatest {
  port: number;
  verdict: VerdictCode;
  startMs: number;
  untilMs: number;
}

class ClientEntry {
  latestIsIke: boolean;
  /** The latest attempt of the same kind as `latest` that decided something (NaN: none). */
  decidedVerdict: VerdictCode | undefined;
  decidedMs: number;
  /** Session ids with their starts, the first inline (most clients have one session). */
  readonly firstId: string;
  readonly firstIdMs: number;
  readonly firstPort: number;
  moreIds: { startMs: number; id: string }[] | undefined;
  /** Some session of the kind `latest` speaks for (IKE, else ESP only) is Client VPN. */
  clientVpn: boolean;
  /** The latest session's port; the first session's verdict, port and end, until a second comes. */
  latestPort: number;
  readonly firstVerdict: VerdictCode;
  readonly firstUntilMs: number;
  /** Per client port, its latest session of the kind `latest` speaks for (users behind one NAT). */
  users: UserLatest[] | undefined;

  constructor(
    public latestVerdict: VerdictCode,
    public latestMs: number,
    public latestLikely: VerdictCode | null | undefined,
    s: SessionOutline,
    isIke: boolean,
  ) {
    this.latestIsIke = isIke;
    const decides = s.verdict !== 'INCONCLUSIVE';
    this.decidedVerdict = decides ? s.verdict : undefined;
    this.decidedMs = decides ? s.startMs : NaN;
    this.firstId = s.id;
    this.firstIdMs = s.startMs;
    this.firstPort = s.clientPort;
    this.moreIds = undefined;
    this.clientVpn = s.clientVpn;
    this.latestPort = s.clientPort;
    this.firstVerdict = s.verdict;
    this.firstUntilMs = s.activeUntilMs;
    this.users = undefined;
  }

  latest(s: SessionOutline): void {
    this.latestVerdict = s.verdict;
    this.latestMs = s.startMs;
    this.latestLikely = s.likelyVerdict;
    this.latestPort = s.clientPort;
  }

  /** A session of the kind `latest` speaks for, by its port (`restart`: that kind just took over). */
  user(s: SessionOutline, restart: boolean): void {
    if (restart) this.users = [];
    else
      this.users ??= [
        { port: this.firstPort, verdict: this.firstVerdict, startMs: this.firstIdMs, untilMs: this.firstUntilMs },
      ];
    const u = this.users.find((x) => x.port === s.clientPort);
    if (!u) {
      if (this.users.length < MAX_USERS_PER_CLIENT)
        this.users.push({ port: s.clientPort, verdict: s.verdict, startMs: s.startMs, untilMs: s.activeUntilMs });
    } else if (s.startMs >= u.startMs) {
      u.verdict = s.verdict;
      u.startMs = s.startMs;
      u.untilMs = s.activeUntilMs;
    }
  }

  decided(s: SessionOutline | undefined): void {
    this.decidedVerdict = s?.verdict;
    this.decidedMs = s ? s.startMs : NaN;
  }

  idCount(): number {
    return 1 + (this.moreIds?.length ?? 0);
  }

  /** Session ids by start (equal starts in the order they came). */
  ids(): string[] {
    if (!this.moreIds) return [this.firstId];
    const all = [{ startMs: this.firstIdMs, id: this.firstId }, ...this.moreIds];
    return all.sort((a, b) => a.startMs - b.startMs).map((x) => x.id);
  }

  /**
   * The latest attempt's verdict, unless the capture cut it short (INCONCLUSIVE) and it leans
   * to what an earlier attempt proved: libreswan starts a new attempt after 60 s, and a capture
   * that stops during it must not hide the failure the first attempt proved.
   */
  verdict(): VerdictCode {
    const decided = this.decidedVerdict;
    let v = this.latestVerdict;
    if (v === 'INCONCLUSIVE' && decided !== undefined && this.latestLikely === decided) v = decided;
    // Another user behind the same NAT (another port) whose session still ran when the latest
    // began: its failure is not an earlier try the latest replaced, and outranks a working tunnel.
    // Port 0 is AnyConnect's (one session per address): a switch between the two VPNs goes by
    // the latest attempt, as README says.
    for (const u of this.users ?? [])
      if (
        u.port !== this.latestPort &&
        u.port !== 0 &&
        this.latestPort !== 0 &&
        u.verdict !== 'INCONCLUSIVE' &&
        u.untilMs >= this.latestMs &&
        rank(u.verdict) < rank(v)
      )
        v = u.verdict;
    return v;
  }
}

export interface ClientBook {
  add(s: SessionOutline): void;
  /** Every tracked client, most important first (l2tp-only clients from `extra` included). */
  all(extra?: Finding[]): ClientSummary[];
  hasIke(): boolean;
  /** Clients whose attempt is the latest between their two hosts. */
  latestOfPair(ip: string): boolean;
  /** The earliest INCONCLUSIVE session (`clientVpn`: of a Client VPN session), for the capture's reason. */
  firstInconclusive(
    clientVpn: boolean,
  ): { reason?: InconclusiveReason; likelyVerdict?: VerdictCode | null } | undefined;
}

export function createClientBook(): ClientBook {
  const byIp = new Map<string, ClientEntry>();
  const latestByPair = new Map<string, { startMs: number; clientIp: string }>();
  let ike = false;
  type Inconclusive = Pick<SessionOutline, 'startMs' | 'reason' | 'likelyVerdict'>;
  let inconclusive: Inconclusive | undefined;
  let inconclusiveClientVpn: Inconclusive | undefined;

  function add(s: SessionOutline): void {
    const isIke = s.mode !== 'esp-only';
    if (isIke) ike = true;
    if (s.verdict === 'INCONCLUSIVE') {
      const x = { startMs: s.startMs, reason: s.reason, likelyVerdict: s.likelyVerdict };
      if (!inconclusive || s.startMs < inconclusive.startMs) inconclusive = x;
      if (s.clientVpn && (!inconclusiveClientVpn || s.startMs < inconclusiveClientVpn.startMs))
        inconclusiveClientVpn = x;
    }
    const decides = s.verdict !== 'INCONCLUSIVE';
    let e = byIp.get(s.clientIp);
    if (!e) {
      if (byIp.size >= MAX_TRACKED_CLIENTS) return;
      e = new ClientEntry(s.verdict, s.startMs, s.likelyVerdict, s, isIke);
      byIp.set(s.clientIp, e);
    } else {
      if (isIke && !e.latestIsIke) {
        // ESP-only sessions speak for a client only when it has no IKE session.
        e.latest(s);
        e.latestIsIke = true;
        e.decided(decides ? s : undefined);
        e.clientVpn = s.clientVpn;
        e.user(s, true);
      } else if (isIke === e.latestIsIke) {
        e.clientVpn ||= s.clientVpn;
        if (s.startMs >= e.latestMs) e.latest(s);
        if (decides && (e.decidedVerdict === undefined || s.startMs >= e.decidedMs)) e.decided(s);
        e.user(s, false);
      }
      if (e.idCount() < MAX_SESSION_IDS_PER_CLIENT) (e.moreIds ??= []).push({ startMs: s.startMs, id: s.id });
    }
    if (!isIke) return;
    const key = s.pair;
    const prev = latestByPair.get(key);
    if (prev ? s.startMs >= prev.startMs : latestByPair.size < MAX_TRACKED_CLIENTS)
      latestByPair.set(key, { startMs: s.startMs, clientIp: s.clientIp });
  }

  function all(extra: Finding[] = []): ClientSummary[] {
    const out: ClientSummary[] = [];
    for (const [ip, e] of byIp)
      out.push({
        ip,
        verdict: e.verdict(),
        sessions: e.ids(),
        ...(e.clientVpn ? {} : { notClientVpn: true as const }),
      });
    for (const f of extra) {
      const ip = f.evidence.details?.client;
      if (typeof ip === 'string' && !byIp.has(ip)) out.push({ ip, verdict: f.code as VerdictCode, sessions: [] });
    }
    return byImportance(out);
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
    firstInconclusive(clientVpn) {
      const x = clientVpn ? inconclusiveClientVpn : inconclusive;
      return x && { reason: x.reason, likelyVerdict: x.likelyVerdict };
    },
  };
}

/** Most important verdict first; within one, by address in numeric order (keys made once each). */
function byImportance(clients: ClientSummary[]): ClientSummary[] {
  const keyed = clients.map((c) => ({ c, rank: rank(c.verdict), key: addressSortKey(c.ip) }));
  keyed.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((x) => x.c);
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
