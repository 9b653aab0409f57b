// The streaming analysis: decoded frames go in one at a time, the report comes out at the end.
// Memory is bounded by the trackers' limits, not by the capture's size.
import type { Anomaly } from '../anomaly.js';
import type { CaptureInfo } from '../capture/types.js';
import type { DecodedFrame } from '../decode/types.js';
import type { AnyConnectSession } from '../anyconnect/types.js';
import type { PendingFragmentSet } from '../net/ip-reassembly.js';
import { SCHEMA_VERSION, type AnalysisReport, type Finding, type SessionDiagnosis } from '../report/types.js';
import { directoryTlsFindings, dnsFindings, dnsStillOpen, radiusFindings } from './auth/auth-findings.js';
import { createDirectoryTlsTracker } from './auth/directory-tls.js';
import { createDnsTracker } from './auth/dns-lookups.js';
import { createRadiusTracker } from './auth/radius-exchanges.js';
import type { CaptureClock } from './capture-clock.js';
import { captureDamage } from './capture-damage.js';
import { captureVerdict, clientsOf, type CaptureVerdict } from './capture-verdict.js';
import { createHostCounter, ProtocolCounts } from './capture-stats.js';
import { isMerakiMac } from './data/meraki-oui.js';
import { createEspFlowTracker } from './esp-flows.js';
import { espOnlyRoles, espOnlySession } from './esp-only-session.js';
import { pairEsp } from './esp-pairing.js';
import { buildFinding } from './finding.js';
import { createL2tpTracker, l2tpFindings } from './l2tp-clients.js';
import { detectNat } from './nat-detection.js';
import { createPeerCounter } from './peers.js';
import type { RoleHints } from './roles.js';
import { diagnoseSession } from './session-diagnosis.js';
import { createSessionTracker } from './session-tracker.js';
import { epochString, isoString } from './time.js';

const MAX_CAPTURE_ANOMALIES = 200;
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
  /** `anyconnect`: the capture's AnyConnect sessions (shared/anyconnect), judged beside the IKE ones. */
  finish(info: CaptureInfo, pendingFragments?: PendingFragmentSet[], anyconnect?: AnyConnectSession[]): AnalysisReport;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const merakiIps = new Set<string>();
  const keepaliveFrom = new Set<string>();
  const peers = createPeerCounter();
  const hints: RoleHints = { mxIp: options.mxIp, merakiIps, peers: (ip) => peers.count(ip), keepaliveFrom };
  const sessions = createSessionTracker(() => hints);
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

  function add(frame: DecodedFrame): void {
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
    if (frame.isakmp) sessions.add(frame);
    if (frame.esp) esp.add(frame);
    if (frame.radius) radius.add(frame);
    if (frame.dns || frame.icmp?.quoted) dns.add(frame);
    if (frame.tcp) tls.add(frame);
    if (frame.l2tp) l2tp.add(frame);
  }

  function finish(
    info: CaptureInfo,
    pending: PendingFragmentSet[] = [],
    anyconnect: AnyConnectSession[] = [],
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

    const ike = sessions.sessions();
    const paired = pairEsp(ike, esp.flows());
    const diagnoses: SessionDiagnosis[] = [];
    const ikePairs = new Set<string>();
    for (const s of ike) {
      ikePairs.add(s.clientIp < s.responderIp ? `${s.clientIp}|${s.responderIp}` : `${s.responderIp}|${s.clientIp}`);
      const flows = paired.bySession.get(s) ?? [];
      const facts = {
        session: s,
        nat: detectNat(s),
        espUp: flows.filter((x) => x.src === s.clientIp),
        espDown: flows.filter((x) => x.src !== s.clientIp),
        clock,
      };
      diagnoses.push(diagnoseSession(facts, fragmentFindings(pending, s.clientIp, s.responderIp)));
    }
    let espTooFew = false;
    for (const [, flows] of paired.espOnly) {
      const roles = espOnlyRoles(flows, hints);
      if (roles) diagnoses.push(espOnlySession(flows, roles, clock));
      else espTooFew = true;
    }
    const kept = options.clientIp ? diagnoses.filter((d) => d.clientIp === options.clientIp) : diagnoses;
    kept.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

    const lookups = dns.lookups();
    const auth: Finding[] = [
      ...radiusFindings(radius.exchanges()),
      ...directoryTlsFindings(tls.flows()),
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
    if (sessions.dropped() > 0)
      allAnomalies.push({
        layer: 'isakmp',
        code: 'too-many-sessions',
        message: `${sessions.dropped()} IKE messages beyond the session limit were not diagnosed`,
      });

    const hostList = hosts.top(20);
    // A flow taken for AnyConnect only because its server is the port's sole one is other traffic of
    // a client that speaks IKE, ESP or L2TP to the same host: the capture was taken for that VPN
    // (GUIDE.md: not AnyConnect without the port or --mx saying so).
    const ac = anyconnect.filter(
      (s) =>
        (!options.clientIp || s.clientIp === options.clientIp) &&
        !(s.recognizedBy === 'sole-server' && peers.knows(s.clientIp, s.responderIp)),
    );
    const attempts = [...kept, ...ac];
    const clients = clientsOf(attempts, l2tpFound);
    const fallback: CaptureVerdict = damage
      ? { verdict: 'INCONCLUSIVE', reason: 'capture-damaged', likelyVerdict: null }
      : dnsStillOpen(lookups, clock)
        ? { verdict: 'INCONCLUSIVE', reason: 'capture-ended-early', likelyVerdict: 'CLOUD_DNS_FAILED' }
        : espTooFew
          ? { verdict: 'INCONCLUSIVE', reason: 'too-few-packets', likelyVerdict: null }
          : { verdict: 'NO_IKE_FROM_CLIENT' };
    const v = captureVerdict(attempts, clients, auth, fallback);
    const findings: Finding[] = [...l2tpFound];
    if (v.verdict === 'NO_IKE_FROM_CLIENT') findings.push(noIke(hostList));
    const mxIp =
      options.mxIp ??
      kept[0]?.responderIp ??
      ac[0]?.responderIp ??
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
      clients,
      sessions: kept,
      auth,
      findings,
      hosts: hostList,
      ...(ac.length > 0 ? { anyconnect: ac } : {}),
    };
  }

  return { add, finish };
}

/** With nothing to diagnose, the capture-level finding names the hosts that were seen. */
function noIke(hosts: { ip: string; frames: number }[]): Finding {
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
      },
    },
    'isakmp || udp.port == 500 || udp.port == 4500',
  );
}

function fragmentFindings(pending: PendingFragmentSet[], a: string, b: string): Finding[] {
  const ike = (p: PendingFragmentSet) =>
    p.srcPort === undefined || [500, 4500].includes(p.srcPort) || [500, 4500].includes(p.dstPort ?? 0);
  const sets = pending.filter(
    (p) => p.protocol === 17 && ike(p) && ((p.src === a && p.dst === b) || (p.src === b && p.dst === a)),
  );
  if (sets.length === 0) return [];
  const frames = sets.flatMap((p) => p.frames).slice(0, 64);
  return [
    buildFinding(
      'IKE_FRAGMENTS_INCOMPLETE',
      { frames, details: { sets: sets.length } },
      `frame.number in {${frames.join(',')}}`,
      { count: sets.length },
    ),
  ];
}
