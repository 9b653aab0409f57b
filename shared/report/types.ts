// The analysis report: what `vpn-doctor analyze --json` prints, what the analyze Lambda stores
// in S3 and DynamoDB, and what the dashboard draws. Versioned by SCHEMA_VERSION; the JSON
// Schema in report/schema.ts describes the same shape.
import type { Anomaly } from '../anomaly.js';
import type { AnyConnectSession } from '../anyconnect/types.js';

export const SCHEMA_VERSION = 1 as const;

/** The verdict codes of GUIDE.md — a contract read by other tools: never rename. */
export const VERDICT_CODES = [
  // Capture level and the guide's session signatures
  'NO_IKE_FROM_CLIENT',
  'NO_RESPONSE_FROM_MX',
  'SA_RETRANSMITTED',
  'KE_RETRANSMITTED',
  'PHASE2_RETRANSMITTED',
  'TUNNEL_ESTABLISHED',
  // Authentication (LAN-side captures)
  'RADIUS_ACCEPTED',
  'RADIUS_REJECTED',
  'RADIUS_NO_RESPONSE',
  'AD_TLS_FAILED',
  'AD_TLS_OK',
  'CLOUD_DNS_FAILED',
  'CLOUD_DNS_OK',
  // Beyond the guide
  'PSK_MISMATCH',
  'NAT_T_BLOCKED',
  'PHASE1_PROPOSAL_REJECTED',
  'PHASE2_PROPOSAL_REJECTED',
  'AGGRESSIVE_MODE',
  'IKEV2_NOT_SUPPORTED',
  'ESP_ONE_WAY',
  'NAT_DETECTED',
] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

/** Secondary findings of our own (not in GUIDE.md); informational, never a primary verdict. */
export const FINDING_CODES = [
  'CLIENT_FINGERPRINT',
  'PROPOSAL_NOT_ACCEPTED_BY_MERAKI',
  'WEAK_PROPOSAL',
  'NOTIFY_IN_CLEAR',
  'IKE_FRAGMENTS_INCOMPLETE',
  'NO_AUTH_TRAFFIC',
  'MALFORMED_TRAFFIC',
  'INCONCLUSIVE',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** The guide's steps; AUTH is the authentication-server side (LAN captures). */
export type GuideStep = 'NONE' | 'SA' | 'KE' | 'ID' | 'HASH' | 'ESP' | 'INFO' | 'AUTH';

export type Severity = 'error' | 'warning' | 'info' | 'ok';

export interface Localized<T> {
  en: T;
  ja: T;
}

export interface Evidence {
  /** Frame numbers that show the finding. */
  frames: number[];
  /** Messages that were sent again: which, by whom, how often. */
  repeated?: { message: string; from: 'client' | 'mx'; count: number; frames: number[] }[];
  /** Notifications seen (numbers as on the wire, IANA names). */
  notifies?: { type: number; name: string; frame: number }[];
  ports?: number[];
  /** Free key/value facts (hash algorithm, NAT-D match, RADIUS Reply-Message…). */
  details?: Record<string, string | number | boolean>;
}

export interface Finding {
  code: VerdictCode | FindingCode;
  severity: Severity;
  step: GuideStep;
  title: Localized<string>;
  /** One sentence. */
  explanation: Localized<string>;
  checklist: Localized<string[]>;
  evidence: Evidence;
  /** Wireshark display filter showing exactly the evidence. */
  filter: string;
}

export interface TimelineEntry {
  frame: number;
  /** Seconds since the epoch, with 9 decimals as a string (exact, as tshark prints it). */
  time: string;
  direction: 'client-to-mx' | 'mx-to-client';
  step: GuideStep;
  exchangeType: number;
  exchangeName: string;
  nextPayload: number;
  nextPayloadName: string;
  srcPort: number;
  dstPort: number;
  messageId: string;
  encrypted: boolean;
  retransmission: boolean;
  /** Notify types in clear in this message. */
  notifies: number[];
  /** Short label for the ladder, e.g. "MM1 SA", "QM1 HASH". */
  label: string;
}

export interface EspFlowSummary {
  spi: string;
  direction: 'client-to-mx' | 'mx-to-client';
  udpEncapsulated: boolean;
  packets: number;
  bytes: number;
  firstFrame: number;
  lastFrame: number;
  firstTime: string;
  lastTime: string;
}

export interface ProposalSummary {
  /** Human form, e.g. "AES-CBC-256 / SHA1 / MODP1024 / PSK+XAUTH / 28800 s". */
  text: string;
  encryption?: string;
  keyLength?: number;
  hash?: string;
  auth?: string;
  dhGroup?: string;
  lifetimeSeconds?: number;
  /** Would Meraki's Client VPN accept it (phase 1 3DES/AES + SHA1; phase 2 AES-128/3DES + SHA1)? */
  acceptedByMeraki: boolean;
}

export interface SessionDiagnosis {
  /** Stable id within the capture: the initiator SPI, or `esp:<ip>` for ESP-only flows. */
  id: string;
  clientIp: string;
  clientPort: number;
  responderIp: string;
  responderPort: number;
  ikeVersion: 1 | 2 | null;
  mode: 'main' | 'aggressive' | 'ikev2' | 'esp-only' | 'unknown';
  /** Moved to UDP 4500 (NAT traversal). */
  natT: boolean;
  /** Behind NAT according to the NAT-D hashes; null when the capture cannot tell. */
  nat: { client: boolean | null; responder: boolean | null };
  stepReached: GuideStep;
  verdict: VerdictCode;
  findings: Finding[];
  /** Bounded: at most 200 entries; `timelineTruncated` says when more were seen. */
  timeline: TimelineEntry[];
  timelineTruncated: boolean;
  esp: EspFlowSummary[];
  /**
   * `identity`: the client's ID payload when it travels in clear (aggressive mode's first
   * message); main mode and IKEv2 encrypt it. Hostile text, escaped by the decoder.
   */
  client: {
    fingerprint: string;
    vendorIds: { name: string; hex: string }[];
    os?: string;
    identity?: { type: string; value: string };
  };
  proposals: { phase1Offered: ProposalSummary[]; phase1Chosen?: ProposalSummary };
  start: string;
  end: string;
}

export interface CaptureSummary {
  fileName?: string;
  format: string;
  linkTypes: number[];
  frames: number;
  bytes: number;
  start?: string;
  end?: string;
  anomalies: Anomaly[];
  /** Frame counts per protocol (isakmp, esp, radius, dns, tls, other). */
  protocols: Record<string, number>;
}

export interface AnalysisReport {
  schemaVersion: typeof SCHEMA_VERSION;
  capture: CaptureSummary;
  /** Capture-level verdict: the most important session's verdict, NO_IKE_FROM_CLIENT, or an auth verdict. */
  verdict: VerdictCode;
  sessions: SessionDiagnosis[];
  /** RADIUS / Active Directory (TLS) / Meraki cloud (DNS) findings of LAN-side captures. */
  auth: Finding[];
  /** Capture-level findings: NO_IKE_FROM_CLIENT with its checklist when nothing else was found. */
  findings: Finding[];
  /** Hosts seen, for NO_IKE_FROM_CLIENT (bounded list, most frames first). */
  hosts: { ip: string; frames: number }[];
  /** AnyConnect (TLS + DTLS) sessions, when the capture holds any (shared/anyconnect/types.ts). */
  anyconnect?: AnyConnectSession[];
}
