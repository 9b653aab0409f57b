// One session's diagnosis: run the primary rules in their written order, fall back on the
// furthest step reached when none decides, add the secondary findings, and shape the result
// as the report's SessionDiagnosis.
import { exchangeName } from '../ike/exchange-types.js';
import { payloadName } from '../ike/payload-types.js';
import type {
  EspFlowSummary,
  Finding,
  GuideStep,
  SessionDiagnosis,
  TimelineEntry,
  VerdictCode,
} from '../report/types.js';
import type { EspFlow } from './esp-flows.js';
import { buildFinding } from './finding.js';
import { fingerprintClient } from './fingerprint.js';
import { phase1Proposals } from './proposals.js';
import { PRIMARY_RULES } from './rules/order.js';
import { secondaryFindings } from './rules/secondary.js';
import { framesFilter, mxSentAnything, seen, type RuleHit, type SessionFacts } from './session-facts.js';
import { STEP_ORDER } from './steps.js';
import { epochString, isoString } from './time.js';

export function stepReached(f: SessionFacts): GuideStep {
  if (f.espUp.length + f.espDown.length > 0) return 'ESP';
  let best: GuideStep = 'NONE';
  for (const e of f.session.timeline) if (STEP_ORDER[e.step] > STEP_ORDER[best]) best = e.step;
  for (const key of f.session.labels.keys()) {
    const label = key.split(':')[1];
    const step: GuideStep = label.startsWith('QM')
      ? 'HASH'
      : label === 'MM5' || label === 'MM6' || label === 'AM3' || label === 'IKE_AUTH'
        ? 'ID'
        : label === 'MM3' || label === 'MM4'
          ? 'KE'
          : label.startsWith('MM') || label.startsWith('AM') || label === 'IKE_SA_INIT'
            ? 'SA'
            : 'NONE';
    if (STEP_ORDER[step] > STEP_ORDER[best]) best = step;
  }
  return best;
}

/** When no rule decides (the capture ended mid-way, nothing repeated): the furthest step says. */
function fallback(f: SessionFacts, step: GuideStep): RuleHit {
  const quickDone = seen(f, 'mx', 'QM2') || seen(f, 'client', 'QM3');
  const oneWay = f.espUp.length === 0 || f.espDown.length === 0;
  const code: VerdictCode = quickDone
    ? 'TUNNEL_ESTABLISHED'
    : step === 'ESP'
      ? oneWay
        ? 'ESP_ONE_WAY'
        : 'TUNNEL_ESTABLISHED'
      : // Main mode 5 without 6: phase 1 is not done, which is the Key Exchange signature's case.
        step === 'ID' && !seen(f, 'mx', 'MM6') && seen(f, 'client', 'MM5')
        ? 'KE_RETRANSMITTED'
        : step === 'HASH' || step === 'ID'
          ? 'PHASE2_RETRANSMITTED'
          : step === 'KE'
            ? 'KE_RETRANSMITTED'
            : !mxSentAnything(f)
              ? 'NO_RESPONSE_FROM_MX'
              : step === 'SA'
                ? 'SA_RETRANSMITTED'
                : 'PHASE2_RETRANSMITTED';
  const esp = [...f.espUp, ...f.espDown];
  const frames =
    esp.length > 0 && f.session.timeline.length === 0
      ? esp.flatMap((x) => [x.firstFrame, x.lastFrame]).filter((n, i, a) => a.indexOf(n) === i)
      : f.session.timeline.slice(-8).map((e) => e.frame);
  const qm = f.session.labels.get('client:QM3') ?? f.session.labels.get('mx:QM2');
  const up = f.espUp.length > 0;
  const vars = {
    direction: up ? 'client→MX' : 'MX→client',
    directionJa: up ? 'クライアント→MX' : 'MX→クライアント',
    when: ' (too few packets to be sure)',
    whenJa: '（パケットが少なく確定できません）',
    count: f.session.labels.get('client:MM1')?.count ?? 0,
    how: qm
      ? `Quick mode completed (frame ${qm.firstFrame}) but the capture shows no ESP in both directions yet`
      : 'ESP was seen',
    howJa: qm
      ? `クイックモードは完了しました（フレーム ${qm.firstFrame}）が、キャプチャには双方向の ESP がまだありません。`
      : 'ESP が確認でき',
  };
  return {
    code,
    evidence: { frames, details: { decidedBy: 'furthest step reached; no rule matched' } },
    filter: framesFilter(f, frames),
    vars,
  };
}

function timelineEntry(f: SessionFacts, e: SessionFacts['session']['timeline'][number]): TimelineEntry {
  const major = f.session.version;
  return {
    frame: e.frame,
    time: epochString(e.timeSec, e.timeNsec),
    direction: e.from === 'client' ? 'client-to-mx' : 'mx-to-client',
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
    notifies: e.notifies,
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

/** NAT-T in use: the negotiation moved to UDP 4500, or NAT-D showed a NAT so it had to. */
function natTraversal(f: SessionFacts): boolean {
  const s = f.session;
  if (s.port4500.client.length + s.port4500.mx.length > 0) return true;
  if ([...f.espUp, ...f.espDown].some((x) => x.udpEncapsulated)) return true;
  const natdBothWays = s.natd.some((o) => o.from === 'client') && s.natd.some((o) => o.from === 'mx');
  return natdBothWays && !!(f.nat.client || f.nat.responder);
}

export function diagnoseSession(f: SessionFacts, extra: Finding[] = []): SessionDiagnosis {
  const s = f.session;
  const step = stepReached(f);
  // Every rule runs: the first hit is the verdict, the others stay as findings (GUIDE.md).
  const hits = PRIMARY_RULES.map((rule) => rule(f)).filter((h): h is RuleHit => h !== null);
  const hit = hits[0] ?? null;
  const decided = hit ?? fallback(f, step);
  const findings: Finding[] = [buildFinding(decided.code, decided.evidence, decided.filter, decided.vars)];
  if (!hit) findings.push(buildFinding('INCONCLUSIVE', { frames: decided.evidence.frames }, decided.filter, { step }));
  for (const h of hits.slice(1)) findings.push(buildFinding(h.code, h.evidence, h.filter, h.vars));
  findings.push(...secondaryFindings(f), ...extra);
  const fp = fingerprintClient(s.clientSaPayloads);
  const { offered, chosen } = phase1Proposals(s);
  const exchangeTypes = s.exchangeTypes;
  return {
    id: s.ispi,
    clientIp: s.clientIp,
    clientPort: s.clientPort,
    responderIp: s.responderIp,
    responderPort: s.responderPort,
    ikeVersion: s.version,
    mode: s.version === 2 ? 'ikev2' : exchangeTypes.has(4) ? 'aggressive' : exchangeTypes.has(2) ? 'main' : 'unknown',
    natT: natTraversal(f),
    nat: { client: f.nat.client, responder: f.nat.responder },
    stepReached: step,
    verdict: decided.code as VerdictCode,
    findings,
    timeline: s.timeline.map((e) => timelineEntry(f, e)),
    timelineTruncated: s.timelineTruncated,
    esp: [...f.espUp, ...f.espDown].map((x) => espSummary(x, s.clientIp)),
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
