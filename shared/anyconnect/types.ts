// What the AnyConnect diagnosis hands out: one session per client IP and MX address/port (its TCP
// connections carrying TLS, and the DTLS flow on the same port number), with a verdict, the
// findings, their evidence and a timeline. Shaped like the IKE SessionDiagnosis so the report and
// the dashboard can carry both (`mode: "anyconnect"`).
import type { CertificateFacts } from '../decode/types.js';
import type { FindingCode, InconclusiveReason, Localized, Severity, VerdictCode } from '../report/types.js';

/** The AnyConnect verdicts: the contract's ANYCONNECT_* codes (report/types.ts) and INCONCLUSIVE. */
export type AnyConnectVerdict = Extract<VerdictCode, `ANYCONNECT_${string}`> | 'INCONCLUSIVE';

/** Certificate facts the capture can check on its own (findings, never a verdict). */
export type AnyConnectFindingCode = Extract<FindingCode, `ANYCONNECT_${string}`>;
export type AnyConnectCode = AnyConnectVerdict | AnyConnectFindingCode;

/** Where the session stopped, in wire order. */
export const ANYCONNECT_STEPS = ['TCP', 'TLS', 'CERT', 'LOGIN', 'DTLS', 'TUNNEL'] as const;
export type AnyConnectStep = (typeof ANYCONNECT_STEPS)[number];

export type { InconclusiveReason } from '../report/types.js';

export interface AnyConnectEvidence {
  frames: number[];
  /** Free key/value facts: alert name, versions offered, certificate subject, seconds waited … */
  details?: Record<string, string | number | boolean>;
}

export interface AnyConnectFinding {
  code: AnyConnectCode;
  severity: Severity;
  step: AnyConnectStep;
  title: Localized<string>;
  explanation: Localized<string>;
  checklist: Localized<string[]>;
  evidence: AnyConnectEvidence;
  /** Wireshark display filter showing exactly the evidence frames. */
  filter: string;
}

/** What a timeline entry is, in the keys of the scenarios' expected.json keyFrames. */
export const ANYCONNECT_EVENT_KINDS = [
  'syn',
  'synAck',
  'rst',
  'fin',
  'clientHello',
  'serverHello',
  'certificate',
  'certificateRequest',
  'serverHelloDone',
  'clientKeyExchange',
  'changeCipherSpec',
  'finished',
  'alert',
  'tlsAppData',
  /** A segment with data on a connection that began before the capture (its TLS is not read). */
  'tcpData',
  'dtlsClientHello',
  'dtlsHelloVerifyRequest',
  'dtlsServerHello',
  'dtlsChangeCipherSpec',
  'dtlsAppData',
  'dtlsAlert',
] as const;
export type AnyConnectEventKind = (typeof ANYCONNECT_EVENT_KINDS)[number];

/** Why flows were taken for AnyConnect, strongest first (shared/anyconnect/sessions.ts). */
export const RECOGNIZED_BY = ['dtls', 'mx-address', 'configured-port', 'meraki-name', 'sole-server'] as const;

export interface AnyConnectTimelineEntry {
  frame: number;
  /** Seconds since the epoch, 9 decimals (as tshark prints frame.time_epoch). */
  time: string;
  direction: 'client-to-mx' | 'mx-to-client';
  channel: 'tcp' | 'tls' | 'dtls';
  kind: AnyConnectEventKind;
  /** The client's source port of this TCP connection or DTLS flow. */
  clientPort: number;
  retransmission: boolean;
  /** Ladder label, e.g. "ClientHello (SNI vpn.example.com)", "SYN ↻", "Application Data 994 B". */
  label: string;
}

export interface DirectionCounts {
  /** TLS records or DTLS datagrams. */
  records: number;
  bytes: number;
}

export interface AnyConnectSession {
  /**
   * Unique within the capture: `ac:<client>|<mx>:<port>`, then `#<first frame>` for a later session
   * of the same client once an earlier one was decided as the capture streamed.
   */
  id: string;
  mode: 'anyconnect';
  clientIp: string;
  responderIp: string;
  responderPort: number;
  /** Why these flows were taken for AnyConnect (DTLS beside the TLS, --mx, the port …). */
  recognizedBy: (typeof RECOGNIZED_BY)[number];
  stepReached: AnyConnectStep;
  verdict: AnyConnectVerdict;
  reason?: InconclusiveReason;
  likelyVerdict?: AnyConnectVerdict;
  findings: AnyConnectFinding[];
  timeline: AnyConnectTimelineEntry[];
  timelineTruncated: boolean;
  tcp: {
    connections: number;
    clientPorts: number[];
    synSent: number;
    synAnswered: boolean;
    /** Connections already running when the capture began (absent when none). */
    beganBeforeCapture?: number;
  };
  tls: {
    sni?: string;
    clientHelloVersion?: number;
    supportedVersions?: number[];
    offeredSuites?: number[];
    alpn?: string[];
    serverVersion?: number;
    cipherSuite?: number;
    alert?: { level: number; description: number; name?: string; from: 'client' | 'mx'; frame: number };
    completed: boolean;
    clientToMx: DirectionCounts;
    mxToClient: DirectionCounts;
  };
  dtls?: {
    clientPorts: number[];
    version?: number;
    sessionIdLength?: number;
    offeredSuites?: number[];
    cipherSuite?: number;
    clientHellos: number;
    answered: boolean;
    clientToMx: DirectionCounts;
    mxToClient: DirectionCounts;
  };
  /** The MX's chain as sent (leaf first), when TLS 1.2 carried it in clear. */
  certificates?: CertificateFacts[];
  start: string;
  end: string;
}
