// The streaming analysis: decoded frames go in one at a time, the report comes out at the end.
// Memory is bounded by the trackers' limits, not by the capture's size.
import type { Anomaly } from '../anomaly.js';
import type { CaptureInfo } from '../capture/types.js';
import type { DecodedFrame } from '../decode/types.js';
import { TRACKER_LIMITS } from '../anyconnect/tracker-limits.js';
import type { RetiredAnyConnect } from '../anyconnect/outline.js';
import type { AnyConnectResult, UnnamedTls } from '../anyconnect/sessions.js';
import type { PendingFragmentSet } from '../net/ip-reassembly.js';
import { SCHEMA_VERSION, type AnalysisReport, type Finding, type SessionDiagnosis } from '../report/types.js';
import { directoryTlsFindings, dnsFindings, radiusFindings } from './auth/auth-findings.js';
import { authStillOpen } from './auth/still-open.js';
import { createDirectoryTlsTracker } from './auth/directory-tls.js';
import { createDnsTracker } from './auth/dns-lookups.js';
import { createRadiusTracker } from './auth/radius-exchanges.js';
import type { CaptureClock } from './capture-clock.js';
import { captureDamage } from './capture-damage.js';
import { captureVerdict, type CaptureVerdict } from './capture-verdict.js';
import { createHostCounter, ProtocolCounts } from './capture-stats.js';
import { isMerakiMac } from './data/meraki-oui.js';
import { createEspFlowTracker } from './esp-flows.js';
import { espOnlyRoles, espOnlySession, espOnlyTunnels } from './esp-only-session.js';
import { pairEsp } from './esp-pairing.js';
import { buildFinding, saysNotClientVpn } from './finding.js';
import { createL2tpTracker, l2tpFindings } from './l2tp-clients.js';
import { createPeerCounter } from './peers.js';
import type { RoleHints } from './roles.js';
import { diagnoseSession, ikeFacts, ikeOutline, outlineOf } from './session-diagnosis.js';
import { createSessionCollector } from './session-collector.js';
import { createSessionTracker } from './session-tracker.js';
import { userIp } from './session-facts.js';
import { UNREADABLE_VERDICT, createUnreadableTraffic } from './unreadable-traffic.js';
import { createSweepGate } from './sweep-gate.js';
import { releaseSession, type IkeSession } from './ike-session.js';
import type { EspFlow } from './esp-flows.js';
import { bookOutline, boundClients, createClientBook } from './client-book.js';
import { MAX_SESSIONS_IN_FULL, MAX_TRACKED_CLIENTS } from '../report/limits.js';
import { createAnyConnectIntake } from './anyconnect-intake.js';
import { COPY_SECONDS } from '../capture/copies.js';
import { epochString, isoString } from './time.js';
import { frameSetFilter, MAX_FILTER_FRAMES } from './frame-filter.js';

const MAX_CAPTURE_ANOMALIES = 200;
const NO_ANYCONNECT: AnyConnectResult = {
  sessions: [],
  unnamedTls: [],
  framesNotTracked: 0,
  complete: () => {
    throw new Error('no AnyConnect analysis to complete a session');
  },
};
const MAX_MERAKI_HOSTS = 64;
const MAX_KEEPALIVE_HOSTS = 1024;

export interface AnalyzerOptions {
  fileName?: string;
  /** Keep only the sessions of this client IP. */
  clientIp?: string;
  /** The MX's address, when the user knows it (`--mx`, the upload's mxIp). */
  mxIp?: string;
}

export interface Analyzer {
  add(frame: DecodedFrame): void;
  /** An AnyConnect session decided while the capture streams (shared/anyconnect retires idle ones). */
  offerAnyConnect(s: RetiredAnyConnect): void;
  /** `anyconnect`: what shared/anyconnect found, judged beside the IKE sessions. */
  finish(info: CaptureInfo, pendingFragments?: PendingFragmentSet[], anyconnect?: AnyConnectResult): AnalysisReport;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const merakiIps = new Set<string>();
  const keepaliveFrom = new Set<string>();
  const peers = createPeerCounter();
  const hints: RoleHints = { mxIp: options.mxIp, merakiIps, peers: (ip) => peers.count(ip), keepaliveFrom };
  let firstFrameTime: [number, number] | undefined;
  const sessions = createSessionTracker(
    () => hints,
    () => firstFrameTime,
  );
  const esp = createEspFlowTracker();
  const radius = createRadiusTracker();
  const dns = createDnsTracker();
  const tls = createDirectoryTlsTracker();
  const l2tp = createL2tpTracker();
  const hosts = createHostCounter();
  const protocols = new ProtocolCounts();
  const anomalies: Anomaly[] = [];
  let anomaliesDropped = 0;
  let decodable = 0;
  let firstUndecodable: number | undefined;

  const wanted = (clientIp: string) => !options.clientIp || clientIp === options.clientIp;
  const book = createClientBook();
  const collector = createSessionCollector<IkeSession | SessionDiagnosis>(MAX_SESSIONS_IN_FULL, (s) => book.add(s));
  const acIntake = createAnyConnectIntake(wanted, peers, book);
  /** Host pairs with an IKE session (bounded), for L2TP in clear. */
  const ikePairs = new Set<string>();
  const sweeps = createSweepGate();
  const unreadable = createUnreadableTraffic();

  /** Decides a session and hands it to the collector (kept for a full diagnosis, or counted). */
  function offerIke(s: IkeSession, flows: EspFlow[], clock: CaptureClock): void {
    if (ikePairs.size < MAX_TRACKED_CLIENTS) ikePairs.add(s.pair);
    const facts = ikeFacts(s, flows, clock, sessions.gatewayOpened(s), sessions.responderOpenedToo(s));
    if (!wanted(userIp(facts))) return;
    const counted = collector.offer(s, ikeOutline(facts));
    if (counted && isIkeSession(counted)) releaseSession(counted);
  }

  /**
   * Too many sessions live: those idle for IDLE_SECONDS are decided now, as the capture's end
   * would decide them (every missing answer is proven missing by then), and forgotten unless
   * kept for a full diagnosis. A session with ESP between its hosts is not over: it stays.
   */
  function retireIdle(frame: DecodedFrame): void {
    const [startSec, startNsec] = firstFrameTime ?? [frame.timeSec, frame.timeNsec];
    const clock: CaptureClock = { startSec, startNsec, endSec: frame.timeSec, endNsec: frame.timeNsec };
    const keep = (s: IkeSession) => esp.hasPair(s.clientIp, s.responderIp);
    for (const s of sessions.retireIdle(frame.timeSec, keep)) offerIke(s, [], clock);
    sweeps.swept(frame.timeSec, sessions.live());
  }

  function add(frame: DecodedFrame): void {
    firstFrameTime ??= [frame.timeSec, frame.timeNsec];
    protocols.add(frame);
    const ip = frame.ip;
    if (ip) {
      hosts.add(ip.src);
      decodable++;
    } else if (firstUndecodable === undefined && frame.protocols.includes('data')) {
      firstUndecodable = frame.number;
    }
    if (frame.anomalies.length > 0) {
      for (const a of frame.anomalies) {
        if (anomalies.length < MAX_CAPTURE_ANOMALIES)
          anomalies.push(a.frame === undefined ? { ...a, frame: frame.number } : a);
        else anomaliesDropped++;
      }
    }
    if (!ip) return;
    const vpn = frame.isakmp !== undefined || frame.esp !== undefined || frame.l2tp !== undefined;
    if (vpn) {
      peers.add(ip.src, ip.dst);
      if (frame.srcMac !== undefined && merakiIps.size < MAX_MERAKI_HOSTS && isMerakiMac(frame.srcMac))
        merakiIps.add(ip.src);
    }
    if (frame.natKeepalive && keepaliveFrom.size < MAX_KEEPALIVE_HOSTS) keepaliveFrom.add(ip.src);
    if (frame.isakmp) {
      sessions.add(frame);
      if (sweeps.due(frame.timeSec, sessions.live())) retireIdle(frame);
    } else {
      unreadable.add(frame);
    }
    if (frame.esp) esp.add(frame);
    else if (frame.icmp?.quoted) esp.addIcmp(frame);
    if (frame.radius) radius.add(frame);
    if (frame.dns || frame.icmp?.quoted) dns.add(frame);
    if (frame.tcp) tls.add(frame);
    if (frame.l2tp) l2tp.add(frame);
  }

  function finish(
    info: CaptureInfo,
    pending: PendingFragmentSet[] = [],
    { sessions: anyconnect, unnamedTls, framesNotTracked, complete }: AnyConnectResult = NO_ANYCONNECT,
  ): AnalysisReport {
    const allAnomalies = [...info.anomalies, ...anomalies];
    const damage = captureDamage(allAnomalies, info.frames, decodable, firstUndecodable);
    const [startSec, startNsec] = info.firstTime ?? [0, 0];
    const [endSec, endNsec] = info.lastTime ?? [startSec, startNsec];
    const clock: CaptureClock = {
      startSec,
      startNsec,
      endSec,
      endNsec,
      ...(damage ? { damagedAtFrame: damage.frame ?? info.frames + 1 } : {}),
    };

    // Sessions retired while streaming and kept for a full diagnosis pair with ESP as the live ones.
    const retiredKept = collector.kept().filter(isIkeSession);
    const live = sessions.sessions();
    const paired = pairEsp([...retiredKept, ...live], esp.flows());
    for (const s of live) offerIke(s, paired.bySession.get(s) ?? [], clock);
    let espTooFew = false;
    const espOnlyIds = new Set<string>();
    const espOnlyHints: RoleHints = { ...hints, openerBetween: sessions.openerBetween };
    for (const [, pairFlows] of paired.espOnly) {
      const roles = espOnlyRoles(pairFlows, espOnlyHints);
      if (!roles) espTooFew = true;
      else if (wanted(roles.client)) {
        let pairId: string | undefined;
        for (const flows of espOnlyTunnels(pairFlows)) {
          const d = espOnlySession(flows, roles, clock);
          // ESP alone towards a second host names that host too; a second tunnel between the same
          // two (another user behind the same NAT) its first frame.
          if (pairId !== undefined) d.id = `${pairId}#${d.coverage.firstFrame}`;
          else {
            if (espOnlyIds.has(d.id)) d.id = `${d.id}|${d.responderIp}`;
            pairId = d.id;
          }
          espOnlyIds.add(d.id);
          collector.offer(d, outlineOf(d));
        }
      }
    }
    /** Sessions a gateway opened (the MX renewing a phase 1, or its own tunnel): their responder is not the MX. */
    const openedByGateway = new Set<SessionDiagnosis>();
    const kept = collector.kept().map((x) => {
      if (!isIkeSession(x)) return x;
      const byGateway = sessions.gatewayOpened(x);
      const d = diagnoseSession(
        ikeFacts(x, paired.bySession.get(x) ?? [], clock, byGateway, sessions.responderOpenedToo(x)),
        fragmentFindings(pending, x.clientIp, x.responderIp),
      );
      if (byGateway) openedByGateway.add(d);
      return d;
    });
    kept.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    for (const d of kept) book.add(bookOutline(d));

    const lookups = dns.lookups();
    const auth: Finding[] = [
      ...radiusFindings(radius.exchanges(), clock),
      ...directoryTlsFindings(tls.flows(), clock),
      ...dnsFindings(lookups, clock),
    ];
    const l2tpFound = l2tpFindings(l2tp.pairs(), ikePairs).filter(
      (f) => !options.clientIp || f.evidence.details?.client === options.clientIp,
    );
    if (anomaliesDropped > 0)
      allAnomalies.push({
        layer: 'capture',
        code: 'anomalies-truncated',
        message: `${anomaliesDropped} more anomalies not listed`,
      });
    if (sessions.copies() > 0)
      allAnomalies.push({
        layer: 'isakmp',
        code: 'duplicate-copies',
        message: `${sessions.copies()} ISAKMP messages were second copies of one captured less than ${COPY_SECONDS * 1000} ms before (the capture saw each packet on more than one interface): left out, not taken for retransmissions`,
      });
    for (const { first: a, second: b, frame } of sessions.natLegs())
      allAnomalies.push({
        layer: 'isakmp',
        code: 'nat-both-legs',
        frame,
        message: `IKE sessions ${a.id} (${a.clientIp} → ${a.responderIp}) and ${b.id} (${b.clientIp} → ${b.responderIp}) are one negotiation seen on both sides of a NAT: the capture was taken on the NAT device (e.g. tcpdump -i any), one client and not two`,
      });
    if (sessions.dropped() > 0)
      allAnomalies.push({
        layer: 'isakmp',
        code: 'too-many-sessions',
        message: `${sessions.dropped()} IKE messages beyond the session limit were not diagnosed`,
      });
    if (framesNotTracked > 0)
      allAnomalies.push({
        layer: 'tls',
        code: 'too-many-sessions',
        message: `${framesNotTracked} frames of AnyConnect clients beyond the session limit (${TRACKER_LIMITS.sessions} client and MX pairs) were not followed: those clients are not in the report`,
      });

    const hostList = hosts.top(20);
    for (const s of anyconnect) acIntake.offer(s);
    const acKept = acIntake.kept(complete);
    const allClients = book.all(l2tpFound);
    const bounded = boundClients(allClients, new Set([...kept, ...acKept].map((d) => d.clientIp)));
    const summaries = [...collector.summaries(), ...acIntake.summaries()];
    const fallback: CaptureVerdict = damage
      ? { verdict: 'INCONCLUSIVE', reason: 'capture-damaged', likelyVerdict: null }
      : unreadable.count() > 0
        ? UNREADABLE_VERDICT
        : (authStillOpen(lookups, radius.exchanges(), tls.flows(), clock) ??
          // Authentication caught after its question: a directory flow mid-stream, an answer alone.
          (tls.startedLate() || radius.orphanAnswers() > 0 || dns.orphanAnswers() > 0
            ? { verdict: 'INCONCLUSIVE', reason: 'capture-started-late', likelyVerdict: null }
            : // A capture of no packet at all shows nothing, not a client that sent nothing.
              espTooFew || info.frames === 0
              ? { verdict: 'INCONCLUSIVE', reason: 'too-few-packets', likelyVerdict: null }
              : { verdict: 'NO_IKE_FROM_CLIENT' }));
    const v = captureVerdict(book, allClients, auth, fallback, unreadable.ike() > 0 ? UNREADABLE_VERDICT : undefined);
    const findings: Finding[] = [...l2tpFound];
    if (unreadable.count() > 0 && v.reason === 'packets-truncated') findings.push(unreadable.finding());
    if (v.verdict === 'NO_IKE_FROM_CLIENT')
      findings.push(
        noIke(
          hostList,
          unnamedTls.filter((t) => wanted(t.clientIp)),
        ),
      );
    // The responder of a Client VPN session a client opened: a negotiation the MX opened (its own
    // tunnel, or a client's phase 1 it renews) has the peer there.
    const mxIp =
      options.mxIp ??
      kept.find((d) => !saysNotClientVpn(d.findings) && !openedByGateway.has(d))?.responderIp ??
      kept.find((d) => !saysNotClientVpn(d.findings))?.responderIp ??
      kept[0]?.responderIp ??
      acIntake.firstResponder() ??
      (l2tpFound[0]?.evidence.details?.mx as string | undefined);
    return {
      schemaVersion: SCHEMA_VERSION,
      capture: {
        ...(options.fileName ? { fileName: options.fileName } : {}),
        format: info.format,
        linkTypes: info.linkTypes,
        frames: info.frames,
        bytes: info.bytes,
        ...(info.firstTime ? { start: isoString(info.firstTime[0], info.firstTime[1]) } : {}),
        ...(info.lastTime ? { end: isoString(info.lastTime[0], info.lastTime[1]) } : {}),
        ...(info.firstTime ? { firstTime: epochString(info.firstTime[0], info.firstTime[1]) } : {}),
        anomalies: allAnomalies,
        ...(damage ? { damage } : {}),
        protocols: protocols.toRecord(),
      },
      verdict: v.verdict,
      ...(v.verdict === 'INCONCLUSIVE' ? { reason: v.reason, likelyVerdict: v.likelyVerdict ?? null } : {}),
      ...(mxIp ? { mxIp } : {}),
      clients: bounded.clients,
      ...(bounded.groups.length > 0 ? { clientSummaries: bounded.groups } : {}),
      sessions: kept,
      ...(summaries.length > 0 ? { sessionSummaries: summaries } : {}),
      auth,
      findings,
      hosts: hostList,
      ...(acKept.length > 0 ? { anyconnect: acKept } : {}),
    };
  }

  return { add, offerAnyConnect: (s) => acIntake.offer(s), finish };
}

function isIkeSession(x: IkeSession | SessionDiagnosis): x is IkeSession {
  return 'labels' in x;
}

/**
 * With nothing to diagnose, the capture-level finding names the hosts that were seen, and TLS on
 * a port of its own that may be the MX's AnyConnect moved off 443 (the user can name it).
 */
function noIke(hosts: { ip: string; frames: number }[], unnamedTls: UnnamedTls[]): Finding {
  const tlsOnOwnPort = unnamedTls.map((t) => `${t.clientIp} → ${t.serverIp}:${t.port}`).join(', ');
  return buildFinding(
    'NO_IKE_FROM_CLIENT',
    {
      frames: [],
      details: {
        hostsSeen:
          hosts
            .slice(0, 10)
            .map((h) => `${h.ip} (${h.frames})`)
            .join(', ') || 'none',
        ...(tlsOnOwnPort ? { tlsOnOwnPort } : {}),
      },
    },
    'isakmp || udp.port == 500 || udp.port == 4500',
    tlsOnOwnPort ? { tlsOnOwnPort } : {},
  );
}

function fragmentFindings(pending: PendingFragmentSet[], a: string, b: string): Finding[] {
  const ike = (p: PendingFragmentSet) =>
    p.srcPort === undefined || [500, 4500].includes(p.srcPort) || [500, 4500].includes(p.dstPort ?? 0);
  const sets = pending.filter(
    (p) => p.protocol === 17 && ike(p) && ((p.src === a && p.dst === b) || (p.src === b && p.dst === a)),
  );
  if (sets.length === 0) return [];
  const frames = sets.flatMap((p) => p.frames).slice(0, MAX_FILTER_FRAMES);
  return [
    buildFinding('IKE_FRAGMENTS_INCOMPLETE', { frames, details: { sets: sets.length } }, frameSetFilter(frames), {
      count: sets.length,
    }),
  ];
}
