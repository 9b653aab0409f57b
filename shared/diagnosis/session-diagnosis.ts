// One IKE session's diagnosis: facts -> the IKE rules (rules/table.ts) -> the verdict or
// INCONCLUSIVE, the secondary findings, and the report's SessionDiagnosis with its coverage
// and the rules' trace.
import { EXCHANGE, exchangeName } from '../ike/exchange-types.js';
import { payloadName } from '../ike/payload-types.js';
import type {
  EspFlowSummary,
  Finding,
  GuideStep,
  SessionCoverage,
  SessionDiagnosis,
  SessionMode,
  TimelineEntry,
} from '../report/types.js';
import { secondsToEnd, type CaptureClock } from './capture-clock.js';
import { decide } from './decide.js';
import type { EspFlow } from './esp-flows.js';
import { fingerprintClient } from './fingerprint.js';
import type { IkeSession } from './ike-session.js';
import type { MessageRecord } from './message-log.js';
import { detectNat } from './nat-detection.js';
import { bookOutline } from './client-book.js';
import { STEP_ORDER } from './steps.js';
import type { OfferedSession } from './session-collector.js';
import { phase1Proposals } from './proposals.js';
import { notClientVpnReason, secondaryFindings } from './rules/secondary.js';
import { IKE_RULES } from './rules/table.js';
import { verdictCodeOf, verdictOf, type VerdictOnly } from './session-result.js';
import {
  framesFilter,
  mxIp,
  natByHost,
  packets,
  userIp,
  userPort,
  userSaPayloads,
  type IkeFacts,
} from './session-facts.js';
import { openedByMx } from './mx-renewal.js';
import { epochString, isoMs, isoString, secondsBetween, timeMs } from './time.js';

export function stepReached(f: IkeFacts): GuideStep {
  return f.espUp.length + f.espDown.length > 0 ? 'ESP' : f.session.stepReached;
}

/** Seconds since the capture's first frame, as Wireshark's Time column shows them. */
export function relativeTime(clock: CaptureClock, sec: number, nsec: number): string {
  let s = sec - clock.startSec;
  let n = nsec - clock.startNsec;
  if (n < 0) {
    n += 1e9;
    s -= 1;
  }
  return s < 0 ? '0.000000000' : `${s}.${String(n).padStart(9, '0')}`;
}

function timelineEntry(f: IkeFacts, e: MessageRecord): TimelineEntry {
  const major = f.session.version;
  return {
    frame: e.frame,
    time: epochString(e.timeSec, e.timeNsec),
    relativeTime: relativeTime(f.clock, e.timeSec, e.timeNsec),
    // The IKE initiator is the client of the rules; the MX when it opened (mxOpened).
    direction: (e.from === 'client') !== f.mxOpened ? 'client-to-mx' : 'mx-to-client',
    step: e.step,
    exchangeType: e.exchangeType,
    exchangeName: exchangeName(e.exchangeType, major),
    nextPayload: e.nextPayload,
    nextPayloadName: payloadName(e.nextPayload, major),
    srcPort: e.srcPort,
    dstPort: e.dstPort,
    messageId: e.messageId,
    encrypted: e.encrypted,
    retransmission: e.retransmission,
    notifies: [...e.notifies],
    label: e.label,
  };
}

export function espSummary(flow: EspFlow, clientIp: string): EspFlowSummary {
  return {
    spi: flow.spi,
    direction: flow.src === clientIp ? 'client-to-mx' : 'mx-to-client',
    udpEncapsulated: flow.udpEncapsulated,
    packets: flow.packets,
    bytes: flow.bytes,
    firstFrame: flow.firstFrame,
    lastFrame: flow.lastFrame,
    firstTime: epochString(flow.firstSec, flow.firstNsec),
    lastTime: epochString(flow.lastSec, flow.lastNsec),
  };
}

/**
 * NAT-T in use: NAT-D showed a NAT (so the negotiation had to move to UDP 4500); without NAT-D
 * in the capture, the negotiation or ESP on UDP 4500 says it. A move to 4500 that NAT-D does
 * not explain (IKEv2 MOBIKE floats there without a NAT) is not NAT traversal.
 */
function natTraversal(f: IkeFacts): boolean {
  const s = f.session;
  if (f.nat.client === false && f.nat.responder === false) return false;
  if (s.port4500.client.length + s.port4500.mx.length > 0) return true;
  if ([...f.espUp, ...f.espDown].some((x) => x.udpEncapsulated)) return true;
  const natdBothWays = s.natd.some((o) => o.from === 'client') && s.natd.some((o) => o.from === 'mx');
  return natdBothWays && !!(f.nat.client || f.nat.responder);
}

/** The session's last frame and time, IKE and ESP together. */
function lastOf(f: IkeFacts): { frame: number; sec: number; nsec: number } {
  let frame = 0;
  for (const st of f.session.labels.values()) if (st.lastFrame > frame) frame = st.lastFrame;
  let sec = f.session.lastSec;
  let nsec = f.session.lastNsec;
  for (const x of [...f.espUp, ...f.espDown]) {
    if (x.lastFrame > frame) frame = x.lastFrame;
    if (secondsBetween(sec, nsec, x.lastSec, x.lastNsec) > 0) [sec, nsec] = [x.lastSec, x.lastNsec];
  }
  return { frame, sec, nsec };
}

export function ikeCoverage(f: IkeFacts): SessionCoverage {
  const s = f.session;
  const last = lastOf(f);
  return {
    sawFirstMessage: s.sawOpener,
    firstFrame: s.timeline.length > 0 ? s.timeline.frame(0) : 0,
    lastFrame: last.frame,
    secondsBefore: Math.max(0, secondsBetween(f.clock.startSec, f.clock.startNsec, s.firstSec, s.firstNsec)),
    secondsAfter: Math.max(0, secondsToEnd(f.clock, last.sec, last.nsec)),
  };
}

function ikeMode(s: IkeSession): SessionMode {
  if (s.version === 2) return 'ikev2';
  if (s.exchangeTypes.includes(EXCHANGE.AGGRESSIVE)) return 'aggressive';
  return s.exchangeTypes.includes(EXCHANGE.MAIN_MODE) ? 'main' : 'unknown';
}

/**
 * The facts of one IKE session: its ESP flows split by direction (from the user, or to it), its
 * NAT verdict, whether a gateway opened it (`openedByGateway`) and whether that was the MX
 * renewing the user's phase 1 (`mxOpened`; see IkeFacts).
 */
export function ikeFacts(
  session: IkeSession,
  flows: EspFlow[],
  clock: CaptureClock,
  openedByGateway = false,
  responderOpenedToo = false,
): IkeFacts {
  const f: IkeFacts = {
    session,
    nat: detectNat(session),
    espUp: flows,
    espDown: [],
    clock,
    openedByGateway,
    mxOpened: false,
  };
  f.mxOpened = openedByMx(f, responderOpenedToo);
  const user = userIp(f);
  f.espUp = flows.filter((x) => x.src === user);
  f.espDown = flows.filter((x) => x.src !== user);
  const [frame, dstPort] = f.mxOpened
    ? [session.lastClientFrame, session.lastClientDstPort]
    : [session.lastMxFrame, session.lastMxDstPort];
  if (frame > 0) f.mxLastIke = { frame, dstPort };
  return f;
}

/** Messages of a session's shape: identical tries from many scanners share it. */
const SHAPE_MESSAGES = 32;

/**
 * A session decided but not yet diagnosed in full: its verdict, where it got to, and its shape
 * (verdict, mode and the labels of its messages), for the collector to rank or count it.
 */
export function ikeOutline(f: IkeFacts): OfferedSession {
  const s = f.session;
  const coverage = ikeCoverage(f);
  const v = ikeVerdict(f, coverage);
  const mode = ikeMode(s);
  let shape = `${v.verdict}|${mode}|`;
  const shown = Math.min(s.timeline.length, SHAPE_MESSAGES);
  for (let i = 0; i < shown; i++) shape += `${s.timeline.from(i) === 'client' ? '>' : '<'}${s.timeline.label(i)}`;
  return {
    id: s.id,
    clientIp: userIp(f),
    responderIp: mxIp(f),
    mode,
    ...v,
    progress: STEP_ORDER[stepReached(f)],
    pair: s.pair,
    clientVpn: notClientVpnReason(f) === null,
    clientPort: userPort(f),
    startMs: timeMs(s.firstSec, s.firstNsec),
    endMs: timeMs(s.lastSec, s.lastNsec),
    activeUntilMs: activeUntil(f),
    firstFrame: coverage.firstFrame,
    lastFrame: coverage.lastFrame,
    shape,
  };
}

/** Its last message or ESP packet, as timeMs. */
function activeUntil(f: IkeFacts): number {
  let ms = timeMs(f.session.lastSec, f.session.lastNsec);
  for (const x of f.espUp) ms = Math.max(ms, timeMs(x.lastSec, x.lastNsec));
  for (const x of f.espDown) ms = Math.max(ms, timeMs(x.lastSec, x.lastNsec));
  return ms;
}

/** The outline of a session already diagnosed in full (ESP only). */
export function outlineOf(d: SessionDiagnosis): OfferedSession {
  return {
    ...bookOutline(d),
    progress: STEP_ORDER[d.stepReached],
    endMs: isoMs(d.end),
    firstFrame: d.coverage.firstFrame,
    lastFrame: d.coverage.lastFrame,
    shape: `${d.verdict}|${d.mode}`,
  };
}

/** IKE messages and ESP packets of the session. */
function sessionPackets(f: IkeFacts): number {
  return f.session.messages + packets(f.espUp) + packets(f.espDown);
}

/** The session's verdict alone (no words, no timeline): what a session counted in a summary needs. */
export function ikeVerdict(f: IkeFacts, coverage: SessionCoverage = ikeCoverage(f)): VerdictOnly {
  const d = decide(IKE_RULES, f, f.clock, true);
  return verdictCodeOf(d, f.clock, {
    sawFirstMessage: coverage.sawFirstMessage,
    secondsAfter: coverage.secondsAfter,
    packets: sessionPackets(f),
    cutPackets: f.session.cutMessages,
  });
}

export function diagnoseSession(f: IkeFacts, extra: Finding[] = []): SessionDiagnosis {
  const s = f.session;
  const step = stepReached(f);
  const d = decide(IKE_RULES, f, f.clock);
  const coverage = ikeCoverage(f);
  const timeline = s.timeline.records();
  const tail = timeline.slice(-8);
  const lastFrames = tail.map((e) => e.frame);
  const v = verdictOf(
    d,
    f.clock,
    {
      ...coverage,
      packets: sessionPackets(f),
      cutPackets: s.cutMessages,
      lastStep: tail[tail.length - 1]?.label,
      lastFrames,
    },
    framesFilter(f, lastFrames),
  );
  const secondary = secondaryFindings(f);
  const notClientVpn = secondary.some((x) => x.code === 'NOT_CLIENT_VPN');
  // Traffic that is not Client VPN gets no Client VPN checklist (GUIDE.md, contract v2).
  const findings = [...v.findings, ...secondary, ...extra].map((x) =>
    notClientVpn && x.code !== 'NOT_CLIENT_VPN' && x.code !== 'INCONCLUSIVE'
      ? { ...x, checklist: { en: [], ja: [] } }
      : x,
  );
  const fp = fingerprintClient(userSaPayloads(f));
  const { offered, chosen } = phase1Proposals(s);
  const nat = natByHost(f);
  return {
    id: s.id,
    clientIp: userIp(f),
    clientPort: userPort(f),
    responderIp: mxIp(f),
    responderPort: f.mxOpened ? s.clientPort : s.responderPort,
    ikeVersion: s.version,
    mode: ikeMode(s),
    natT: natTraversal(f),
    nat: { client: nat.client, responder: nat.responder },
    stepReached: step,
    verdict: v.verdict,
    ...(v.reason ? { reason: v.reason, likelyVerdict: v.likelyVerdict ?? null } : {}),
    roles: { decidedBy: f.mxOpened ? 'mx-renewal' : s.rolesBy },
    coverage,
    rules: d.trace,
    findings,
    timeline: timeline.map((e) => timelineEntry(f, e)),
    timelineTruncated: s.timelineTruncated,
    esp: [...f.espUp, ...f.espDown].map((x) => espSummary(x, userIp(f))),
    client: {
      fingerprint: fp.fingerprint,
      vendorIds: fp.vendorIds,
      ...(fp.os ? { os: fp.os } : {}),
      ...(fp.identity ? { identity: fp.identity } : {}),
    },
    proposals: { phase1Offered: offered, ...(chosen ? { phase1Chosen: chosen } : {}) },
    start: isoString(s.firstSec, s.firstNsec),
    end: isoString(s.lastSec, s.lastNsec),
  };
}
