// The analysis report: what `vpn-doctor analyze --json` prints, what the analyze Lambda stores
// in S3 and DynamoDB, and what the dashboard draws. Versioned by SCHEMA_VERSION; the JSON
// Schema in report/schema.ts describes the same shape.
import type { Anomaly, AnomalyCode } from '../anomaly.js';
import type { AnyConnectSession } from '../anyconnect/types.js';

export const SCHEMA_VERSION = 2 as const;

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
  // Contract v2 (GUIDE.md "Evidence, not habit")
  'INCONCLUSIVE',
  'L2TP_WITHOUT_IPSEC',
  // AnyConnect on the MX (contract v2): TLS on TCP 443, DTLS on UDP 443
  'ANYCONNECT_ESTABLISHED',
  'ANYCONNECT_DTLS_BLOCKED',
  'ANYCONNECT_CERT_REJECTED',
  'ANYCONNECT_AUTH_FAILED',
  'ANYCONNECT_TCP_UNREACHABLE',
  'ANYCONNECT_TLS_FAILED',
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
  'NOT_CLIENT_VPN',
  // What an AnyConnect capture shows of the MX's certificate on its own (TLS 1.2 sends it in clear)
  'ANYCONNECT_CERT_EXPIRED',
  'ANYCONNECT_CERT_NOT_YET_VALID',
  'ANYCONNECT_CERT_NAME_MISMATCH',
  'ANYCONNECT_CERT_SELF_SIGNED',
  'ANYCONNECT_CERT_CHAIN_INCOMPLETE',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** Why a capture or session is INCONCLUSIVE (GUIDE.md, contract v2). */
export const INCONCLUSIVE_REASONS = [
  'capture-ended-early',
  'capture-started-late',
  'too-few-packets',
  'not-enough-time',
  'capture-damaged',
  // The snap length cut the packets that decide (NAT-D, TLS records, the ISAKMP header itself).
  'packets-truncated',
] as const;
export type InconclusiveReason = (typeof INCONCLUSIVE_REASONS)[number];

/** What told the MX from the client, strongest first. */
export const ROLE_EVIDENCE = [
  'user-mx-ip',
  'initiator-message',
  // The MX opened it (a gateway renewing the user's phase 1, mx-renewal.ts): the user is its responder.
  'mx-renewal',
  'meraki-mac',
  'answers-several-clients',
  'nat-port',
  'message-contents',
  'nat-keepalive',
  'same-hosts-opener',
  'first-sender',
] as const;
export type RoleEvidence = (typeof ROLE_EVIDENCE)[number];

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
  /** Seconds since the capture's first frame, 9 decimals (Wireshark's default Time column). */
  relativeTime: string;
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

/** The kinds of session a report holds; each kind has its own rules (diagnosis/rules/table.ts). */
export const SESSION_MODES = ['main', 'aggressive', 'ikev2', 'esp-only', 'unknown', 'anyconnect'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/** Why a rule did not decide (GUIDE.md "Evidence, not habit"): a closed set. */
export const DECLINE_REASONS = [
  'not-this-kind',
  'step-not-reached',
  'answered',
  'went-further',
  'not-repeated',
  'no-nat',
  'capture-side-cannot-tell',
  'no-reaction',
  'too-few-packets',
  'not-enough-time',
  'capture-ended-early',
  'responder-speaks-ikev2',
  'outranked',
  // What would decide was cut away by the snap length (the answer's payloads, NAT-D hashes).
  'packets-truncated',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** One rule considered for a session: decided the verdict, added a finding, or why not. */
export interface RuleTrace {
  rule: string;
  outcome: 'verdict' | 'finding' | 'not-proven' | 'declined';
  code?: VerdictCode;
  because?: DeclineReason;
}

/** How much of a session the capture holds. */
export interface SessionCoverage {
  /** The capture holds the negotiation's first message (main mode 1, aggressive 1, IKE_SA_INIT request). */
  sawFirstMessage: boolean;
  firstFrame: number;
  lastFrame: number;
  /** Seconds between the capture's first frame and the session's first frame. */
  secondsBefore: number;
  /** Seconds the capture ran on after the session's last frame. */
  secondsAfter: number;
}

export interface SessionDiagnosis {
  /** Stable id within the capture: the initiator SPI, or `esp:<ip>` for ESP-only flows (README: suffixes). */
  id: string;
  clientIp: string;
  clientPort: number;
  responderIp: string;
  responderPort: number;
  ikeVersion: 1 | 2 | null;
  mode: SessionMode;
  /** Moved to UDP 4500 (NAT traversal). */
  natT: boolean;
  /** Behind NAT according to the NAT-D hashes; null when the capture cannot tell. */
  nat: { client: boolean | null; responder: boolean | null };
  stepReached: GuideStep;
  verdict: VerdictCode;
  /** When the verdict is INCONCLUSIVE: why, and the code the evidence leans to (or null). */
  reason?: InconclusiveReason;
  likelyVerdict?: VerdictCode | null;
  /** What told the MX (the responder) from the client. */
  roles: { decidedBy: RoleEvidence };
  coverage: SessionCoverage;
  /** The rules considered, in their order, and what each did. */
  rules: RuleTrace[];
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
  /** The first frame's time, seconds since the epoch with 9 decimals (relative times count from it). */
  firstTime?: string;
  anomalies: Anomaly[];
  /** Where the file breaks off or cannot be read (the first such anomaly), when it does. */
  damage?: { code: AnomalyCode; frame?: number; message: string };
  /** Frame counts per protocol (isakmp, esp, radius, dns, tls, other). */
  protocols: Record<string, number>;
}

/**
 * One client of the capture and its own verdict: the latest attempt's, or the verdict an earlier
 * attempt proved when the latest is INCONCLUSIVE and leans to it.
 */
export interface ClientSummary {
  ip: string;
  verdict: VerdictCode;
  /**
   * Session ids (initiator SPIs) of this client, in time order, at most
   * MAX_SESSION_IDS_PER_CLIENT; a session counted in `sessionSummaries` keeps its id here, though
   * the report holds it only as a count.
   */
  sessions: string[];
  /**
   * Every IKE session of this host is another product's VPN (NOT_CLIENT_VPN), e.g. a site-to-site
   * peer: its verdict is listed, but the capture's verdict is a Client VPN client's when there is one.
   */
  notClientVpn?: true;
}

/**
 * Sessions beyond MAX_SESSIONS_IN_FULL (report/limits.ts), counted per verdict and responder:
 * thousands of scanners' identical tries become one line. The verdict's words come once, here.
 */
export interface SessionSummary {
  verdict: VerdictCode;
  /** `*` when the groups' limit folded several responders together. */
  responderIp: string;
  title: Localized<string>;
  sessions: number;
  /** Distinct client addresses (counted up to MAX_TRACKED_CLIENTS). */
  clientAddresses: number;
  /** The first MAX_SUMMARY_CLIENT_SAMPLE of them. */
  clientSample: string[];
  firstFrame: number;
  lastFrame: number;
  start: string;
  end: string;
}

/** Clients beyond MAX_CLIENTS_IN_FULL, counted per verdict. */
export interface ClientGroup {
  verdict: VerdictCode;
  clients: number;
  sample: string[];
}

export interface AnalysisReport {
  schemaVersion: typeof SCHEMA_VERSION;
  capture: CaptureSummary;
  /** Capture-level verdict: the most important client's verdict, NO_IKE_FROM_CLIENT, or an auth verdict. */
  verdict: VerdictCode;
  reason?: InconclusiveReason;
  likelyVerdict?: VerdictCode | null;
  /** The MX's address when the capture tells it (or `--mx` / `mxIp` said it). */
  mxIp?: string;
  /** Every client and its verdict, most important first (at most MAX_CLIENTS_IN_FULL; the rest in clientSummaries). */
  clients: ClientSummary[];
  /** Clients beyond the limit of `clients`, per verdict (only when there are any). */
  clientSummaries?: ClientGroup[];
  /** The sessions that say most, in full (at most MAX_SESSIONS_IN_FULL), in time order. */
  sessions: SessionDiagnosis[];
  /** The other sessions, counted per verdict and responder (only when there are any). */
  sessionSummaries?: SessionSummary[];
  /** RADIUS / Active Directory (TLS) / Meraki cloud (DNS) findings of LAN-side captures. */
  auth: Finding[];
  /** Capture-level findings: NO_IKE_FROM_CLIENT with its checklist when nothing else was found. */
  findings: Finding[];
  /** Hosts seen, for NO_IKE_FROM_CLIENT (bounded list, most frames first). */
  hosts: { ip: string; frames: number }[];
  /** AnyConnect (TLS + DTLS) sessions, when the capture holds any (shared/anyconnect/types.ts). */
  anyconnect?: AnyConnectSession[];
}
