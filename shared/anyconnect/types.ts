// What the AnyConnect diagnosis hands out: one session per client IP and MX address/port (its TCP
// connections carrying TLS, and the DTLS flow on the same port number), with a verdict, the
// findings, their evidence and a timeline. Shaped like the IKE SessionDiagnosis so the report and
// the dashboard can carry both (`mode: "anyconnect"`).
import type { CertificateFacts } from '../decode/types.js';
import type { Localized, Severity } from '../report/types.js';

export const ANYCONNECT_VERDICTS = [
  'ANYCONNECT_ESTABLISHED',
  'ANYCONNECT_DTLS_BLOCKED',
  'ANYCONNECT_CERT_REJECTED',
  'ANYCONNECT_AUTH_FAILED',
  'ANYCONNECT_TCP_UNREACHABLE',
  'ANYCONNECT_TLS_FAILED',
  'INCONCLUSIVE',
] as const;
export type AnyConnectVerdict = (typeof ANYCONNECT_VERDICTS)[number];

/** Certificate facts the capture can check on its own (findings, never a verdict). */
export const ANYCONNECT_FINDINGS = [
  'ANYCONNECT_CERT_EXPIRED',
  'ANYCONNECT_CERT_NOT_YET_VALID',
  'ANYCONNECT_CERT_NAME_MISMATCH',
  'ANYCONNECT_CERT_SELF_SIGNED',
  'ANYCONNECT_CERT_CHAIN_INCOMPLETE',
] as const;
export type AnyConnectFindingCode = (typeof ANYCONNECT_FINDINGS)[number];
export type AnyConnectCode = AnyConnectVerdict | AnyConnectFindingCode;

/** Where the session stopped, in wire order. */
export type AnyConnectStep = 'TCP' | 'TLS' | 'CERT' | 'LOGIN' | 'DTLS' | 'TUNNEL';

export type InconclusiveReason = 'capture-ended-early' | 'capture-started-late' | 'too-few-packets' | 'not-enough-time';

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
export type AnyConnectEventKind =
  | 'syn'
  | 'synAck'
  | 'rst'
  | 'fin'
  | 'clientHello'
  | 'serverHello'
  | 'certificate'
  | 'serverHelloDone'
  | 'clientKeyExchange'
  | 'changeCipherSpec'
  | 'finished'
  | 'alert'
  | 'tlsAppData'
  | 'dtlsClientHello'
  | 'dtlsHelloVerifyRequest'
  | 'dtlsServerHello'
  | 'dtlsChangeCipherSpec'
  | 'dtlsAppData'
  | 'dtlsAlert';

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
  /** Stable within the capture: `ac:<client>|<mx>:<port>`. */
  id: string;
  mode: 'anyconnect';
  clientIp: string;
  responderIp: string;
  responderPort: number;
  /** Why these flows were taken for AnyConnect (DTLS beside the TLS, --mx, the port …). */
  recognizedBy: 'dtls' | 'mx-address' | 'configured-port' | 'meraki-name' | 'sole-server';
  stepReached: AnyConnectStep;
  verdict: AnyConnectVerdict;
  reason?: InconclusiveReason;
  likelyVerdict?: AnyConnectVerdict;
  findings: AnyConnectFinding[];
  timeline: AnyConnectTimelineEntry[];
  timelineTruncated: boolean;
  tcp: { connections: number; clientPorts: number[]; synSent: number; synAnswered: boolean };
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
