// The streaming analysis: decoded frames go in one at a time, the report comes out at the end.
// Memory is bounded by the trackers' limits, not by the capture's size.
import type { Anomaly } from '../anomaly.js';
import type { CaptureInfo } from '../capture/types.js';
import type { DecodedFrame } from '../decode/types.js';
import type { PendingFragmentSet } from '../net/ip-reassembly.js';
import {
  SCHEMA_VERSION,
  type AnalysisReport,
  type Finding,
  type SessionDiagnosis,
  type VerdictCode,
} from '../report/types.js';
import { directoryTlsFindings, dnsFindings, radiusFindings } from './auth/auth-findings.js';
import { createDirectoryTlsTracker } from './auth/directory-tls.js';
import { createDnsTracker } from './auth/dns-lookups.js';
import { createRadiusTracker } from './auth/radius-exchanges.js';
import { captureVerdict } from './capture-verdict.js';
import { createEspFlowTracker } from './esp-flows.js';
import { espOnlyClient, pairEsp } from './esp-pairing.js';
import { buildFinding } from './finding.js';
import { createIkeSession } from './ike-session.js';
import { detectNat } from './nat-detection.js';
import { diagnoseSession } from './session-diagnosis.js';
import { createSessionTracker } from './session-tracker.js';
import { isoString } from './time.js';
import { createHostCounter, ProtocolCounts } from './capture-stats.js';

const MAX_CAPTURE_ANOMALIES = 200;

export interface AnalyzerOptions {
  fileName?: string;
  /** Keep only the sessions of this client IP. */
  clientIp?: string;
}

export interface Analyzer {
  add(frame: DecodedFrame): void;
  finish(info: CaptureInfo, pendingFragments?: PendingFragmentSet[]): AnalysisReport;
}

export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const sessions = createSessionTracker();
  const esp = createEspFlowTracker();
  const radius = createRadiusTracker();
  const dns = createDnsTracker();
  const tls = createDirectoryTlsTracker();
  const hosts = createHostCounter();
  const protocols = new ProtocolCounts();
  const anomalies: Anomaly[] = [];
  let anomaliesDropped = 0;

  function add(frame: DecodedFrame): void {
    protocols.add(frame);
    if (frame.ip) hosts.add(frame.ip.src);
    if (frame.anomalies.length > 0) {
      for (const a of frame.anomalies) {
        if (anomalies.length < MAX_CAPTURE_ANOMALIES)
          anomalies.push(a.frame === undefined ? { ...a, frame: frame.number } : a);
        else anomaliesDropped++;
      }
    }
    if (frame.isakmp) sessions.add(frame);
    if (frame.esp) esp.add(frame);
    if (frame.radius) radius.add(frame);
    if (frame.dns) dns.add(frame);
    if (frame.tcp) tls.add(frame);
  }

  function finish(info: CaptureInfo, pending: PendingFragmentSet[] = []): AnalysisReport {
    const ike = sessions.sessions();
    const paired = pairEsp(ike, esp.flows());
    const diagnoses: SessionDiagnosis[] = [];
    for (const s of ike) {
      const flows = paired.bySession.get(s) ?? [];
      const facts = {
        session: s,
        nat: detectNat(s),
        espUp: flows.filter((x) => x.src === s.clientIp),
        espDown: flows.filter((x) => x.src !== s.clientIp),
      };
      diagnoses.push(diagnoseSession(facts, fragmentFindings(pending, s.clientIp, s.responderIp)));
    }
    for (const [, flows] of paired.espOnly) {
      const who = espOnlyClient(flows);
      const first = flows.reduce((a, b) => (b.firstFrame < a.firstFrame ? b : a));
      const s = createIkeSession({
        key: `esp:${who.client}|${who.responder}`,
        ispi: '',
        rspi: '',
        version: 1,
        clientIp: who.client,
        clientPort: who.clientPort,
        responderIp: who.responder,
        responderPort: who.responderPort,
        timeSec: first.firstSec,
        timeNsec: first.firstNsec,
      });
      const last = flows.reduce((a, b) => (b.lastFrame > a.lastFrame ? b : a));
      s.lastSec = last.lastSec;
      s.lastNsec = last.lastNsec;
      const d = diagnoseSession({
        session: s,
        nat: { client: null, responder: null, captureSide: 'unknown', hash: null, frames: [], details: {} },
        espUp: flows.filter((x) => x.src === who.client),
        espDown: flows.filter((x) => x.src !== who.client),
      });
      diagnoses.push({ ...d, id: `esp:${who.client}`, ikeVersion: null, mode: 'esp-only' });
    }
    const kept = options.clientIp ? diagnoses.filter((d) => d.clientIp === options.clientIp) : diagnoses;
    kept.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

    const auth: Finding[] = [
      ...radiusFindings(radius.exchanges()),
      ...directoryTlsFindings(tls.flows()),
      ...dnsFindings(dns.lookups()),
    ];
    const allAnomalies = [...info.anomalies, ...anomalies];
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
    const verdict: VerdictCode = captureVerdict(kept, auth);
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
        anomalies: allAnomalies,
        protocols: protocols.toRecord(),
      },
      verdict,
      sessions: kept,
      auth,
      findings: kept.length === 0 && auth.length === 0 ? [noIke(hostList)] : [],
      hosts: hostList,
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
