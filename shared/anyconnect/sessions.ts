// The AnyConnect diagnosis' one entry point: decoded frames in (every frame of the capture, in
// order), AnyConnect sessions out, each with its verdict, findings, evidence and timeline.
//
//   const ac = createAnyConnectAnalyzer({ mxIps: ['198.51.100.10'] });
//   for (const frame of frames) ac.add(frame);
//   const sessions = ac.finish();
//
// A TLS session on the port is called AnyConnect only when something says so: DTLS on the same
// port beside it, the MX's address (--mx), a port the user configured, a Meraki DDNS name
// (dynamic-m.com) in the SNI or certificate, or this server being the only one on the port in
// the capture (a capture taken for it). Plain HTTPS elsewhere in a WAN capture is left alone.
// AnyConnect moved to a port of its own is found by its shape (TLS and DTLS on that port), the MX's
// address or a Meraki name, when the decoder follows TLS there (tlsOnAnyPort); not as the sole
// server on a port nobody named.
import type { DecodedFrame } from '../decode/types.js';
import { IDLE_SECONDS } from '../diagnosis/session-tracker.js';
import { createSweepGate } from '../diagnosis/sweep-gate.js';
import { buildAnyConnectFinding } from './catalog.js';
import { type AnyConnectFacts, deriveFacts, handshakeCompleted } from './facts.js';
import { certificateChecks } from './rules/certificate-checks.js';
import type { Decision } from './rules/decision.js';
import { midStreamRule } from './rules/mid-stream.js';
import { decisionWhenCut } from './rules/snap-cut.js';
import { tcpRule } from './rules/tcp.js';
import { alertName, tlsRule } from './rules/tls.js';
import { tunnelRule } from './rules/tunnel.js';
import type { At, RawSession } from './raw-session.js';
import type { RetiredAnyConnect } from './outline.js';
import { anyConnectKey, createAnyConnectTracker } from './tracker.js';
import type { AnyConnectSession } from './types.js';

export const DEFAULT_ANYCONNECT_PORT = 443;
const MERAKI_DDNS = /(^|\.)dynamic-m\.com$/i;

export interface AnyConnectOptions {
  /** The MX's address(es), when the user knows them (`--mx`). */
  mxIps?: readonly string[];
  /** The AnyConnect port setting when it is not 443 (TCP and UDP). */
  ports?: readonly number[];
  /**
   * Hears each session decided while the capture streams (see `retire`): finish() will not
   * return it. Without it nothing is retired early.
   */
  onRetired?: (s: RetiredAnyConnect) => void;
}

/** A TLS connection on a port of its own that nothing named AnyConnect's (no DTLS beside it). */
export interface UnnamedTls {
  clientIp: string;
  serverIp: string;
  port: number;
}

export interface AnyConnectAnalyzer {
  add(frame: DecodedFrame): void;
  /** `damagedAtFrame`: where the file broke off, when it did (nothing after it was read). */
  finish(damagedAtFrame?: number): AnyConnectSession[];
  /** After finish(): TLS on ports of their own left unrecognised (the first few), for a hint. */
  unnamedTls(): UnnamedTls[];
  /** Frames of clients that would have begun a session past TRACKER_LIMITS.sessions. */
  framesNotTracked(): number;
  /** After finish(): the full diagnosis of a retired session, against the capture's end. */
  complete(s: RetiredAnyConnect): AnyConnectSession;
}

/** What the analysis hands the report of AnyConnect (analyzer.ts). */
export interface AnyConnectResult {
  /** The sessions decided at the capture's end (those retired went to `onRetired`). */
  sessions: AnyConnectSession[];
  unnamedTls: UnnamedTls[];
  framesNotTracked: number;
  /** The full diagnosis of a retired session the report lists, against the capture's end. */
  complete: (s: RetiredAnyConnect) => AnyConnectSession;
}

const MAX_UNNAMED_TLS = 4;

export function createAnyConnectAnalyzer(options: AnyConnectOptions = {}): AnyConnectAnalyzer {
  const configured = new Set(options.ports ?? []);
  const ports = new Set([DEFAULT_ANYCONNECT_PORT, ...configured]);
  const mxIps = new Set(options.mxIps ?? []);
  const tracker = createAnyConnectTracker(ports, (mx, port) => mxIps.has(mx) || configured.has(port));
  const unnamed: UnnamedTls[] = [];
  const recognized = (raw: RawSession) => recognize(raw, mxIps, configured, tracker.serversOnPort(raw.mxPort));
  const noteUnnamed = (raw: RawSession) => {
    if (!ports.has(raw.mxPort) && raw.connections.some((c) => c.clientHello) && unnamed.length < MAX_UNNAMED_TLS)
      unnamed.push({ clientIp: raw.clientIp, serverIp: raw.mxIp, port: raw.mxPort });
  };
  const sweeps = createSweepGate();
  /** The capture's end, once finish() has been called. */
  let end: { last: At | undefined; damagedAtFrame: number | undefined } | undefined;

  /**
   * Too many sessions followed: those idle for IDLE_SECONDS (far past any answer the rules wait
   * for, ANSWER_DUE_SECONDS) are decided now, as the capture's end would decide them, and handed
   * to `onRetired`. Not those taken for AnyConnect only as their port's sole server: a second
   * server later in the capture would make them plain HTTPS; they wait for the end.
   */
  function retire(f: DecodedFrame, onRetired: (s: RetiredAnyConnect) => void): void {
    const now = tracker.lastFrame()!;
    const take = (raw: RawSession) => recognized(raw) !== 'sole-server';
    for (const raw of tracker.retireIdle(now.t - IDLE_SECONDS, take)) {
      const recognizedBy = recognized(raw);
      if (recognizedBy) onRetired(retired(raw, recognizedBy, now));
      else noteUnnamed(raw);
    }
    sweeps.swept(f.timeSec, tracker.live());
  }

  return {
    add(f: DecodedFrame): void {
      tracker.add(f);
      if (options.onRetired && sweeps.due(f.timeSec, tracker.live())) retire(f, options.onRetired);
    },
    finish(damagedAtFrame?: number): AnyConnectSession[] {
      const last = tracker.lastFrame();
      end = { last, damagedAtFrame };
      if (!last) return [];
      const out: AnyConnectSession[] = [];
      for (const raw of tracker.sessions()) {
        const recognizedBy = recognized(raw);
        if (recognizedBy) out.push(diagnose(deriveFacts(raw, last, damagedAtFrame), recognizedBy));
        else noteUnnamed(raw);
      }
      return out;
    },
    unnamedTls: () => unnamed,
    framesNotTracked: tracker.framesNotTracked,
    complete(s: RetiredAnyConnect): AnyConnectSession {
      if (!end?.last) throw new Error('complete() before finish()');
      return diagnose(deriveFacts(s.raw, end.last, end.damagedAtFrame), s.recognizedBy);
    },
  };
}

/** Convenience for tests and one-shot callers. */
export function anyConnectSessions(
  frames: Iterable<DecodedFrame>,
  options: AnyConnectOptions = {},
  damagedAtFrame?: number,
): AnyConnectSession[] {
  const a = createAnyConnectAnalyzer(options);
  for (const f of frames) a.add(f);
  return a.finish(damagedAtFrame);
}

function recognize(
  raw: RawSession,
  mxIps: ReadonlySet<string>,
  configured: ReadonlySet<number>,
  serversOnPort: number,
): AnyConnectSession['recognizedBy'] | undefined {
  // On a port nobody named, only AnyConnect's own shape counts: TLS and DTLS on one port (DTLS
  // alone is also WebRTC's), the MX's address (it serves no other TLS on its WAN), or a Meraki name.
  const named = raw.mxPort === DEFAULT_ANYCONNECT_PORT || configured.has(raw.mxPort);
  if (raw.dtls.length > 0 && (named || raw.connections.some((c) => c.clientHello))) return 'dtls';
  if (mxIps.has(raw.mxIp)) return 'mx-address';
  if (configured.has(raw.mxPort)) return 'configured-port';
  const names = raw.connections.flatMap((c) => [
    c.clientHello?.message.serverName ?? '',
    ...(c.certificate?.message.certificates?.[0]?.sans ?? []),
  ]);
  if (names.some((n) => MERAKI_DDNS.test(n))) return 'meraki-name';
  if (named && serversOnPort === 1) return 'sole-server';
  return undefined;
}

/** A session's verdict and outline without its full diagnosis (see RetiredAnyConnect). */
function retired(raw: RawSession, recognizedBy: AnyConnectSession['recognizedBy'], last: At): RetiredAnyConnect {
  return {
    raw,
    ...sessionHead(raw, recognizedBy, decide(deriveFacts(raw, last))),
    timeline: raw.timeline,
    tcp: { connections: raw.connections.length },
    ...(raw.dtls.length > 0 ? { dtls: true } : {}),
    start: isoFrom(raw.firstTime),
    end: isoFrom(raw.lastTime),
  };
}

/** Who, which MX, and the verdict: what a session says first, diagnosed in full or not. */
function sessionHead(raw: RawSession, recognizedBy: AnyConnectSession['recognizedBy'], d: Decision) {
  return {
    id: `ac:${anyConnectKey(raw.clientIp, raw.mxIp, raw.mxPort)}${raw.idSuffix ?? ''}`,
    mode: 'anyconnect' as const,
    clientIp: raw.clientIp,
    responderIp: raw.mxIp,
    responderPort: raw.mxPort,
    recognizedBy,
    stepReached: d.step,
    verdict: d.verdict,
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.likelyVerdict ? { likelyVerdict: d.likelyVerdict } : {}),
  };
}

function decide(f: AnyConnectFacts): Decision {
  const d = decideWhole(f);
  return f.raw.cutSegments > 0 ? decisionWhenCut(d) : d;
}

function decideWhole(f: AnyConnectFacts): Decision {
  return (
    tunnelRule(f) ??
    tlsRule(f) ??
    tcpRule(f) ??
    midStreamRule(f) ?? {
      verdict: 'INCONCLUSIVE',
      step: 'TCP',
      frames: [],
      details: {},
      reason: 'too-few-packets',
    }
  );
}

function diagnose(f: AnyConnectFacts, recognizedBy: AnyConnectSession['recognizedBy']): AnyConnectSession {
  const raw = f.raw;
  const d = decide(f);
  const details = {
    port: raw.mxPort,
    ...d.details,
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.likelyVerdict ? { likelyVerdict: d.likelyVerdict } : {}),
  };
  const findings = [buildAnyConnectFinding(d.verdict, d.step, d.frames, details)];
  const withCert = f.main?.certificate ? f.main : raw.connections.find((c) => c.certificate);
  if (withCert)
    for (const check of certificateChecks(withCert))
      findings.push(buildAnyConnectFinding(check.code, 'CERT', check.frames, { port: raw.mxPort, ...check.details }));
  const main = f.main;
  const hello = main?.clientHello?.message;
  const serverHello = main?.serverHello?.message;
  const dtlsHello = raw.dtls.find((x) => x.hello)?.hello;
  const dtlsServer = raw.dtls.find((x) => x.serverHello)?.serverHello?.message;
  const alert = main?.alert;
  const midStream = raw.connections.filter((c) => c.midStream).length;
  const session: AnyConnectSession = {
    ...sessionHead(raw, recognizedBy, d),
    findings,
    timeline: raw.timeline,
    timelineTruncated: raw.timelineTruncated,
    tcp: {
      connections: raw.connections.length,
      clientPorts: raw.connections.map((c) => c.clientPort),
      synSent: f.syns.length,
      synAnswered: f.synAnswered,
      ...(midStream > 0 ? { beganBeforeCapture: midStream } : {}),
    },
    tls: {
      ...(hello?.serverName !== undefined ? { sni: hello.serverName } : {}),
      ...(hello?.version !== undefined ? { clientHelloVersion: hello.version } : {}),
      ...(hello ? { supportedVersions: hello.supportedVersions ?? [] } : {}),
      ...(hello?.cipherSuites ? { offeredSuites: hello.cipherSuites } : {}),
      ...(hello?.alpn ? { alpn: hello.alpn } : {}),
      ...(serverHello ? { serverVersion: serverHello.supportedVersions?.[0] ?? serverHello.version } : {}),
      ...(serverHello?.cipherSuite !== undefined ? { cipherSuite: serverHello.cipherSuite } : {}),
      ...(alert
        ? {
            alert: {
              ...(alert.level !== undefined ? { level: alert.level } : { level: 0 }),
              description: alert.description ?? -1,
              name: alertName(alert.description),
              from: alert.from,
              frame: alert.frame,
            },
          }
        : {}),
      completed: main !== undefined && handshakeCompleted(main),
      clientToMx: raw.tls.clientToMx,
      mxToClient: raw.tls.mxToClient,
    },
    start: isoFrom(raw.firstTime),
    end: isoFrom(raw.lastTime),
  };
  if (raw.dtls.length > 0)
    session.dtls = {
      clientPorts: raw.dtls.map((x) => x.clientPort),
      ...(dtlsHello?.version !== undefined ? { version: dtlsHello.version } : {}),
      ...(dtlsHello?.sessionIdLength !== undefined ? { sessionIdLength: dtlsHello.sessionIdLength } : {}),
      ...(dtlsHello?.cipherSuites ? { offeredSuites: dtlsHello.cipherSuites } : {}),
      ...(dtlsServer?.cipherSuite !== undefined ? { cipherSuite: dtlsServer.cipherSuite } : {}),
      clientHellos: f.dtlsHellos.length,
      answered: f.dtlsAnswer !== undefined,
      clientToMx: raw.udp.clientToMx,
      mxToClient: raw.udp.mxToClient,
    };
  const chain = withCert?.certificate?.message.certificates;
  if (chain) session.certificates = chain;
  return session;
}

/** "1796179827.106812000" -> ISO 8601 with milliseconds. */
function isoFrom(epoch: string): string {
  const [s, ns] = epoch.split('.');
  const d = new Date(Number(s) * 1000 + Math.floor(Number(ns) / 1e6));
  return Number.isNaN(d.getTime()) ? '1970-01-01T00:00:00.000Z' : d.toISOString();
}
