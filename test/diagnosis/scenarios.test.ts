// Every real strongSwan / FreeRADIUS / dnsmasq / openssl capture in test/fixtures/scenarios
// gives the verdict its expected.json names, per session, with the decisive frames as evidence.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnalysisReport, SessionDiagnosis } from '#shared/report/types.js';
import { analyzeFile, framesMentioned } from './analyze-file.js';
import { pendingContractV2 } from './pending-cases.js';

const ROOT = join(__dirname, '../fixtures/scenarios');
const CASES = readdirSync(ROOT).filter((d) => existsSync(join(ROOT, d, 'expected.json')));

interface ExpectedSession {
  clientIp: string;
  verdict: string;
  natT?: boolean;
  nat?: { client: boolean | null; responder: boolean | null };
  secondary?: string[];
  keyFrames?: Record<string, number[]>;
}
interface Expected {
  verdict: string;
  sessions: ExpectedSession[];
  auth: string[];
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
  am1: { label: 'AM1', from: 'client-to-mx' },
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
};

function checkSession(c: string, got: SessionDiagnosis, exp: ExpectedSession): void {
  expect(got.verdict, `${c} ${exp.clientIp} verdict`).toBe(exp.verdict);
  if (exp.natT !== undefined) expect(got.natT, `${c} natT`).toBe(exp.natT);
  if (exp.nat) expect(got.nat, `${c} nat`).toEqual(exp.nat);
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

describe('real negotiation captures give their expected verdicts', () => {
  it('has the scenario captures', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of CASES) {
    (pendingContractV2(c) ? it.skip : it)(c, async () => {
      const expected = JSON.parse(readFileSync(join(ROOT, c, 'expected.json'), 'utf8')) as Expected;
      const report: AnalysisReport = await analyzeFile(join(ROOT, c, 'capture.pcap'));
      expect(report.verdict, `${c} capture verdict`).toBe(expected.verdict);
      expect(report.sessions.length, `${c} sessions`).toBe(expected.sessions.length);
      for (const exp of expected.sessions) {
        const got = report.sessions.find((s) => s.clientIp === exp.clientIp);
        expect(got, `${c} session of ${exp.clientIp}`).toBeDefined();
        checkSession(c, got!, exp);
      }
      expect(report.auth.map((f) => f.code).sort(), `${c} auth`).toEqual([...expected.auth].sort());
      const mentioned = framesMentioned(report);
      const keyed = [
        ...expected.sessions.flatMap((s) => Object.entries(s.keyFrames ?? {})),
        ...Object.entries((expected as unknown as { keyFrames?: Record<string, number[]> }).keyFrames ?? {}),
      ];
      for (const [key, frames] of keyed) {
        if (key in NOT_EVIDENCE || key.startsWith('esp')) continue;
        for (const n of frames) expect(mentioned.has(n), `${c}: ${key} frame ${n} is in the report`).toBe(true);
      }
    });
  }
});
