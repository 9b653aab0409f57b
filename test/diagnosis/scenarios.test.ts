// Every real strongSwan / FreeRADIUS / dnsmasq / openssl / xl2tpd capture in
// test/fixtures/scenarios gives the verdict its expected.json names, per session and per client,
// with the decisive frames as evidence; contract v2 fields (reason, likelyVerdict, mxIp,
// findings, absentFindings, clients) are checked wherever expected.json states them. AnyConnect
// sessions (`mode: "anyconnect"` in expected.json) are checked in report.anyconnect: verdict,
// INCONCLUSIVE's fields, key frames in the timeline, the verdict's evidence frames.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyConnectSession } from '#shared/anyconnect/types.js';
import type { AnalysisReport, Finding, SessionDiagnosis } from '#shared/report/types.js';
import { KEY_FRAME_EVENTS } from '../anyconnect/fixtures.js';
import { analyzeFile, framesMentioned } from './analyze-file.js';

const ROOT = join(__dirname, '../fixtures/scenarios');
const CASES = readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'expected.json')));

interface Inconclusive {
  reason?: string;
  likelyVerdict?: string | null;
  findings?: string[];
  absentFindings?: string[];
}
interface ExpectedSession extends Inconclusive {
  mode?: string;
  /** The session's id (initiator SPI), where a client made several attempts. */
  id?: string;
  clientIp: string;
  /** The client's first port, where users behind one NAT share the address (two-users-one-nat). */
  clientPort?: number;
  mxIp?: string;
  verdict: string;
  natT?: boolean;
  nat?: { client: boolean | null; responder: boolean | null } | null;
  secondary?: string[];
  keyFrames?: Record<string, number[]>;
}
interface Expected extends Inconclusive {
  /** What the user told the analysis (anyconnect-port8443-wrong-password: the AnyConnect port). */
  options?: { ports?: number[] };
  verdict: string;
  mxIp?: string;
  /** notClientVpn: every IKE session of the client is another product's VPN (NOT_CLIENT_VPN). */
  clients?: { ip: string; verdict: string; notClientVpn?: true }[];
  sessions: ExpectedSession[];
  auth: string[];
  keyFrames?: Record<string, number[]>;
  /** Codes that must be among the capture's anomalies. */
  anomalies?: string[];
}

/** Timeline labels named by expected.json keys (mm1 -> MM1 from the client …). */
const LABEL_KEYS: Record<string, { label: string; from: 'client-to-mx' | 'mx-to-client' }> = {
  mm1: { label: 'MM1', from: 'client-to-mx' },
  mm2: { label: 'MM2', from: 'mx-to-client' },
  mm3: { label: 'MM3', from: 'client-to-mx' },
  mm4: { label: 'MM4', from: 'mx-to-client' },
  mm5: { label: 'MM5', from: 'client-to-mx' },
  mm6: { label: 'MM6', from: 'mx-to-client' },
  qm1: { label: 'QM1', from: 'client-to-mx' },
  qm2: { label: 'QM2', from: 'mx-to-client' },
  qm3: { label: 'QM3', from: 'client-to-mx' },
  // A quick mode the MX opens (a phase 2 renewal): its QM1 and QM3, the client's QM2.
  qm1FromMx: { label: 'QM1', from: 'mx-to-client' },
  qm2FromClient: { label: 'QM2', from: 'client-to-mx' },
  qm3FromMx: { label: 'QM3', from: 'mx-to-client' },
  // A main mode the MX opens (a phase 1 renewal): its MM1, MM3, MM5, the client's MM2, MM4, MM6.
  mm1FromMx: { label: 'MM1', from: 'mx-to-client' },
  mm2FromClient: { label: 'MM2', from: 'client-to-mx' },
  mm3FromMx: { label: 'MM3', from: 'mx-to-client' },
  mm4FromClient: { label: 'MM4', from: 'client-to-mx' },
  mm5FromMx: { label: 'MM5', from: 'mx-to-client' },
  mm6FromClient: { label: 'MM6', from: 'client-to-mx' },
  am1: { label: 'AM1', from: 'client-to-mx' },
  ikeSaInitRequest: { label: 'IKE_SA_INIT', from: 'client-to-mx' },
  ikeSaInitResponse: { label: 'IKE_SA_INIT', from: 'mx-to-client' },
  ikeAuthRequest: { label: 'IKE_AUTH', from: 'client-to-mx' },
  ikeAuthResponse: { label: 'IKE_AUTH', from: 'mx-to-client' },
  informationalFromMx: { label: 'INFO', from: 'mx-to-client' },
  informationalFromMxEncrypted: { label: 'INFO', from: 'mx-to-client' },
};

/**
 * Key frames the report does not list on purpose, with the reason: they are context the
 * scenario README describes, not evidence of a verdict.
 */
const NOT_EVIDENCE: Record<string, string> = {
  icmpPortUnreachable: 'ICMP is not decoded into the report; the verdict stands on the absence of ISAKMP',
  natKeepaliveFromClient: 'NAT keepalives are counted per protocol, not listed as evidence',
  dpdRuThereFromMx: 'DPD exchanges are encrypted informationals: in the timeline only while it is under 200 entries',
  dpdAckFromClient: 'as above',
  deleteFromClient: 'as above',
  tcpSyn: 'TCP handshake frames are part of the directory flow but not its TLS evidence',
  laterTraffic: 'ICMP after the exchange: it proves the capture ran on, it is not evidence of the verdict',
  icmpPortUnreachableFromNat: 'ICMP is not decoded into the report',
  unprovenLookup: 'a lookup the capture ended on: unproven, so it is no evidence of CLOUD_DNS_FAILED',
  ikeAuthResponseNotifyOnly: 'the same frame as ikeAuthResponse',
  queries: 'a query the capture ended on: evidence of nothing yet',
  esp: 'one ESP packet: too few to build a session on',
};

function checkInconclusive(
  c: string,
  got: { reason?: string; likelyVerdict?: string | null },
  exp: Inconclusive,
): void {
  if (exp.reason !== undefined) expect(got.reason, `${c} reason`).toBe(exp.reason);
  if (exp.likelyVerdict !== undefined) expect(got.likelyVerdict ?? null, `${c} likelyVerdict`).toBe(exp.likelyVerdict);
}

function codesOf(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

function checkSession(c: string, got: SessionDiagnosis, exp: ExpectedSession): void {
  expect(got.verdict, `${c} ${exp.clientIp} verdict`).toBe(exp.verdict);
  checkInconclusive(`${c} ${exp.clientIp}`, got, exp);
  if (exp.mxIp !== undefined) expect(got.responderIp, `${c} mxIp`).toBe(exp.mxIp);
  if (exp.clientPort !== undefined) expect(got.clientPort, `${c} clientPort`).toBe(exp.clientPort);
  if (exp.mode !== undefined) expect(got.mode, `${c} mode`).toBe(exp.mode);
  if (exp.natT !== undefined) expect(got.natT, `${c} natT`).toBe(exp.natT);
  if (exp.nat === null) expect(got.nat, `${c} nat`).toEqual({ client: null, responder: null });
  else if (exp.nat) expect(got.nat, `${c} nat`).toEqual(exp.nat);
  const codes = codesOf(got.findings);
  for (const code of exp.findings ?? []) expect(codes, `${c} findings`).toContain(code);
  for (const code of exp.absentFindings ?? []) {
    expect(got.verdict, `${c} verdict is not ${code}`).not.toBe(code);
    expect(codes, `${c} no ${code}`).not.toContain(code);
  }
  // Every rule of the session's kind is considered and its outcome shown.
  expect(got.rules.length, `${c} rules`).toBeGreaterThan(0);
  if (got.verdict !== 'INCONCLUSIVE')
    expect(got.rules.some((r) => r.outcome === 'verdict' && r.code === got.verdict)).toBe(true);
  for (const code of exp.secondary ?? [])
    expect(
      got.findings.map((f) => f.code),
      `${c} secondary`,
    ).toContain(code);
  for (const [key, frames] of Object.entries(exp.keyFrames ?? {})) {
    const label = LABEL_KEYS[key];
    if (label) {
      const seen = got.timeline
        .filter((t) => t.label === label.label && t.direction === label.from)
        .map((t) => t.frame);
      expect(seen, `${c} ${key}`).toEqual(frames);
    } else if (key === 'firstEspClientToMx' || key === 'firstEspMxToClient') {
      const dir = key === 'firstEspClientToMx' ? 'client-to-mx' : 'mx-to-client';
      expect(Math.min(...got.esp.filter((e) => e.direction === dir).map((e) => e.firstFrame)), `${c} ${key}`).toBe(
        frames[0],
      );
    } else if (key === 'espClientToMx' || key === 'espMxToClient') {
      const flows = got.esp.filter((e) => e.direction === (key === 'espClientToMx' ? 'client-to-mx' : 'mx-to-client'));
      expect(
        flows.reduce((n, e) => n + e.packets, 0),
        `${c} ${key} packets`,
      ).toBe(frames.length);
      if (frames.length)
        expect(Math.max(...flows.map((e) => e.lastFrame)), `${c} ${key} last`).toBe(frames[frames.length - 1]);
    }
  }
}

function checkAnyConnect(c: string, got: AnyConnectSession, exp: ExpectedSession): void {
  const where = `${c} ${exp.clientIp}`;
  expect(got.verdict, `${where} verdict`).toBe(exp.verdict);
  checkInconclusive(where, got, exp);
  if (exp.mxIp !== undefined) expect(got.responderIp, `${where} mxIp`).toBe(exp.mxIp);
  const codes = got.findings.map((f) => f.code);
  for (const code of exp.findings ?? []) expect(codes, `${where} findings`).toContain(code);
  for (const code of exp.absentFindings ?? []) expect(codes, `${where} no ${code}`).not.toContain(code);
  for (const [key, frames] of Object.entries(exp.keyFrames ?? {})) {
    const seen = got.timeline.filter(KEY_FRAME_EVENTS[key]).map((e) => e.frame);
    expect([...new Set(seen)], `${where} ${key}`).toEqual(frames);
  }
  // The verdict is the first finding and its evidence frames are frames of the session.
  const verdict = got.findings[0];
  expect(verdict.code, `${where} first finding`).toBe(got.verdict);
  if (got.verdict !== 'INCONCLUSIVE') expect(verdict.evidence.frames.length, `${where} evidence`).toBeGreaterThan(0);
  const inTimeline = new Set(got.timeline.map((e) => e.frame));
  for (const n of verdict.evidence.frames) expect(inTimeline.has(n), `${where} evidence frame ${n}`).toBe(true);
}

describe('real negotiation captures give their expected verdicts', () => {
  it('has the scenario captures', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of CASES) {
    it(c, async () => {
      const expected = JSON.parse(readFileSync(join(ROOT, c, 'expected.json'), 'utf8')) as Expected;
      const port = expected.options?.ports?.[0];
      const report: AnalysisReport = await analyzeFile(
        join(ROOT, c, 'capture.pcap'),
        undefined,
        port === undefined ? {} : { anyconnectPort: port },
      );
      expect(report.verdict, `${c} capture verdict`).toBe(expected.verdict);
      for (const code of expected.anomalies ?? [])
        expect(
          report.capture.anomalies.map((a) => a.code),
          `${c} anomalies`,
        ).toContain(code);
      checkInconclusive(c, report, expected);
      if (expected.mxIp !== undefined) expect(report.mxIp, `${c} mxIp`).toBe(expected.mxIp);
      if (expected.clients)
        expect(
          report.clients
            .map((x) => ({ ip: x.ip, verdict: x.verdict, ...(x.notClientVpn ? { notClientVpn: x.notClientVpn } : {}) }))
            .sort((a, b) => (a.ip < b.ip ? -1 : 1)),
          `${c} clients`,
        ).toEqual([...expected.clients].sort((a, b) => (a.ip < b.ip ? -1 : 1)));
      const top = codesOf([...report.findings, ...report.auth]);
      for (const code of expected.findings ?? []) expect(top, `${c} findings`).toContain(code);
      for (const code of expected.absentFindings ?? []) {
        expect(report.verdict, `${c} verdict is not ${code}`).not.toBe(code);
        expect(top, `${c} no ${code}`).not.toContain(code);
      }
      const anyconnect = expected.sessions.filter((s) => s.mode === 'anyconnect');
      const ike = expected.sessions.filter((s) => s.mode !== 'anyconnect');
      expect(report.anyconnect?.length ?? 0, `${c} AnyConnect sessions`).toBe(anyconnect.length);
      for (const exp of anyconnect) {
        const got = report.anyconnect?.find(
          (s) => s.clientIp === exp.clientIp && (exp.id === undefined || s.id === exp.id),
        );
        expect(got, `${c} AnyConnect session of ${exp.clientIp}`).toBeDefined();
        checkAnyConnect(c, got!, exp);
      }
      expect(report.sessions.length, `${c} sessions`).toBe(ike.length);
      for (const exp of ike) {
        const got = report.sessions.find(
          (s) => s.clientIp === exp.clientIp && (exp.id === undefined || s.id === exp.id),
        );
        expect(got, `${c} session of ${exp.clientIp}`).toBeDefined();
        checkSession(c, got!, exp);
      }
      expect(report.auth.map((f) => f.code).sort(), `${c} auth`).toEqual([...expected.auth].sort());
      const mentioned = framesMentioned(report);
      const keyed = [
        ...ike.flatMap((s) => Object.entries(s.keyFrames ?? {})),
        ...Object.entries((expected as unknown as { keyFrames?: Record<string, number[]> }).keyFrames ?? {}),
      ];
      for (const [key, frames] of keyed) {
        if (key in NOT_EVIDENCE || key.startsWith('esp')) continue;
        for (const n of frames) expect(mentioned.has(n), `${c}: ${key} frame ${n} is in the report`).toBe(true);
      }
    });
  }
});
