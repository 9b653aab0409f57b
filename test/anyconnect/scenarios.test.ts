// Every real ocserv/openconnect capture (test/fixtures/scenarios/anyconnect-*) gives the verdict
// its expected.json names (written from the bytes before this code ran), with the key frames in
// the session's timeline and the decisive ones as evidence; the absent codes stay absent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnyConnectOptions, anyConnectSessions } from '#shared/anyconnect/sessions.js';
import type { AnyConnectSession } from '#shared/anyconnect/types.js';
import { ANYCONNECT_CASES, decodeCapture, KEY_FRAME_EVENTS } from './fixtures.js';

const SC = join(import.meta.dirname, '../fixtures/scenarios');

interface ExpectedSession {
  clientIp: string;
  mxIp: string;
  mxPort: number;
  verdict: string;
  reason?: string;
  likelyVerdict?: string;
  sni?: string;
  tls?: {
    clientHelloVersion: string;
    supportedVersions: string[];
    offeredSuites: number | string[];
    serverVersion?: string;
    cipherSuite?: string;
    alert?: { level: number; description: number; name: string };
  };
  dtls?: { version: string; sessionIdLength: number; cipherSuite: string };
  keyFrames: Record<string, number[]>;
  certificate?: {
    subject: string;
    issuer: string;
    notBefore: string;
    notAfter: string;
    sans: string[];
    selfSigned: boolean;
    chainLength: number;
  };
  absentFindings?: string[];
  /** The MX's CertificateRequest frames, and how many certificates the client's answer held. */
  clientCertificate?: { requested: number[]; sent: number };
  /** Connections beside the tunnel with a refused login's shape: client port, first and last frame. */
  otherLogins?: { clientPort: number; frames: [number, number]; exchanges: number }[];
}
interface Expected {
  /** What the user told the analysis (the CLI's --anyconnect-port, --mx), when anything. */
  options?: AnyConnectOptions;
  verdict: string;
  reason?: string;
  likelyVerdict?: string;
  sessions: ExpectedSession[];
}

const hex4 = (n: number | undefined) => (n === undefined ? undefined : '0x' + n.toString(16).padStart(4, '0'));

const results = new Map<string, AnyConnectSession[]>();

beforeAll(async () => {
  for (const c of ANYCONNECT_CASES) {
    const { options } = JSON.parse(readFileSync(join(SC, c, 'expected.json'), 'utf8')) as Expected;
    const { frames, damagedAtFrame } = await decodeCapture(join(SC, c, 'capture.pcap'));
    results.set(c, anyConnectSessions(frames, options, damagedAtFrame));
  }
});

describe('AnyConnect scenarios give their expected verdicts', () => {
  it('has the AnyConnect captures', () => {
    expect(ANYCONNECT_CASES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(ANYCONNECT_CASES)('%s', (c) => {
    const expected = JSON.parse(readFileSync(join(SC, c, 'expected.json'), 'utf8')) as Expected;
    const sessions = results.get(c)!;
    expect(sessions.map((s) => s.clientIp)).toEqual(expected.sessions.map((s) => s.clientIp));
    expected.sessions.forEach((exp, i) => {
      const got = sessions[i];
      const where = `${c} ${exp.clientIp}`;
      expect([got.responderIp, got.responderPort], where).toEqual([exp.mxIp, exp.mxPort]);
      expect(got.verdict, `${where} verdict`).toBe(exp.verdict);
      expect(got.reason, `${where} reason`).toBe(exp.reason);
      expect(got.likelyVerdict, `${where} likelyVerdict`).toBe(exp.likelyVerdict);
      const codes = got.findings.map((f) => f.code);
      for (const code of exp.absentFindings ?? []) expect(codes, `${where} must not have ${code}`).not.toContain(code);
      if (exp.sni) expect(got.tls.sni).toBe(exp.sni);
      if (exp.tls) {
        expect(hex4(got.tls.clientHelloVersion)).toBe(exp.tls.clientHelloVersion);
        expect((got.tls.supportedVersions ?? []).map(hex4)).toEqual(exp.tls.supportedVersions);
        if (typeof exp.tls.offeredSuites === 'number')
          expect(got.tls.offeredSuites).toHaveLength(exp.tls.offeredSuites);
        else expect((got.tls.offeredSuites ?? []).map(hex4)).toEqual(exp.tls.offeredSuites);
        expect(hex4(got.tls.serverVersion)).toBe(exp.tls.serverVersion);
        expect(hex4(got.tls.cipherSuite)).toBe(exp.tls.cipherSuite);
        if (exp.tls.alert)
          expect(got.tls.alert).toMatchObject({
            level: exp.tls.alert.level,
            description: exp.tls.alert.description,
            name: exp.tls.alert.name,
          });
      }
      if (exp.dtls)
        expect({
          version: hex4(got.dtls?.version),
          sessionIdLength: got.dtls?.sessionIdLength,
          cipherSuite: hex4(got.dtls?.offeredSuites?.[0]), // the ClientHello's suite (fixtures README)
        }).toEqual(exp.dtls);
      if (exp.certificate) {
        const chain = got.certificates ?? [];
        const leaf = chain[0];
        expect({
          subject: leaf?.subject,
          issuer: leaf?.issuer,
          notBefore: leaf?.notBefore,
          notAfter: leaf?.notAfter,
          sans: leaf?.sans,
          selfSigned: leaf?.selfIssued,
          chainLength: chain.length,
        }).toEqual(exp.certificate);
      }
      for (const [key, frames] of Object.entries(exp.keyFrames)) {
        const seen = got.timeline.filter(KEY_FRAME_EVENTS[key]).map((e) => e.frame);
        expect([...new Set(seen)], `${where} keyFrames.${key}`).toEqual(frames);
      }
      if (exp.clientCertificate) {
        const requests = got.timeline.filter((e) => e.kind === 'certificateRequest').map((e) => e.frame);
        expect(requests, `${where} CertificateRequest`).toEqual(exp.clientCertificate.requested);
        expect(got.findings[0].evidence.details?.clientCertificate).toBe(
          exp.clientCertificate.sent > 0 ? 'sent' : 'none sent',
        );
        // A request is part of the evidence for the verdict.
        const asked = exp.clientCertificate.requested;
        expect(
          got.findings[0].evidence.frames.some((n) => asked.includes(n)),
          `${where} evidence`,
        ).toBe(true);
      }
      // Another login beside the tunnel is said with the verdict, which cites none of its frames;
      // where the bytes show none, nothing is said.
      const others = exp.otherLogins ?? [];
      const details = got.findings[0].evidence.details ?? {};
      expect(details.otherLogins, `${where} otherLogins`).toBe(others.length || undefined);
      if (others.length > 0) {
        expect(details.otherLoginPorts).toBe(others.map((o) => o.clientPort).join(', '));
        expect(details.otherLoginFrames).toBe(others.map((o) => o.frames.join('-')).join(', '));
        for (const { frames } of others)
          for (const n of got.findings[0].evidence.frames)
            expect(n >= frames[0] && n <= frames[1], `${where} evidence frame ${n} is the other login's`).toBe(false);
      }
      // The verdict's evidence names frames of the session and every one is in the timeline.
      const verdict = got.findings[0];
      expect(verdict.code).toBe(got.verdict);
      const inTimeline = new Set(got.timeline.map((e) => e.frame));
      for (const n of verdict.evidence.frames) expect(inTimeline.has(n), `${where} evidence frame ${n}`).toBe(true);
      if (got.verdict !== 'INCONCLUSIVE') expect(verdict.evidence.frames.length).toBeGreaterThan(0);
    });
  });
});
