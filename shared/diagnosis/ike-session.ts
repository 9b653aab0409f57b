// The state kept for one IKE session (one initiator SPI between two hosts) while frames stream
// by. Everything here is bounded: a retransmission storm of a million messages costs counters,
// not memory.
import type { IkePayload } from '../ike/types.js';
import type { GuideStep, RoleEvidence } from '../report/types.js';
import type { LabelStats } from './label-stats.js';
import { MessageLog } from './message-log.js';
import { SeenMessages } from './seen-messages.js';
import type { QuickModeMemory, Role } from './steps.js';

export const MAX_TIMELINE = 200;
export const MAX_NOTIFIES = 64;
/** Distinct messages remembered per session for retransmission detection. */
export const MAX_SEEN_MESSAGES = 512;
/** Client ports remembered per session (500, 4500, a NAT rebinding or two). */
export const MAX_CLIENT_PORTS = 4;

/** What the NAT-D check needs from main mode 3 or 4 (or an IKEv2 IKE_SA_INIT). */
export interface NatDObservation {
  frame: number;
  from: Role;
  ispi: string;
  rspi: string;
  /** NAT-D hashes in payload order (IKEv1: first = the peer's address, rest = own). */
  hashes: string[];
  /** IKEv2: the NAT_DETECTION_SOURCE_IP / DESTINATION_IP notify hashes. */
  sourceHashes?: string[];
  destinationHash?: string;
  srcIp: string;
  srcPort: number;
  dstIp: string;
  dstPort: number;
}

export interface NotifySeen {
  type: number;
  frame: number;
  from: Role;
}

/** Keys of `IkeSession.labels`, made once per label (not per message or per rule's question). */
const LABEL_KEYS = { client: new Map<string, string>(), mx: new Map<string, string>() };
const MAX_LABEL_KEYS = 300;

export function labelKey(from: Role, label: string): string {
  const keys = LABEL_KEYS[from];
  let key = keys.get(label);
  if (key === undefined) {
    key = `${from}:${label}`;
    if (keys.size < MAX_LABEL_KEYS) keys.set(label, key);
  }
  return key;
}

export interface IkeSession {
  key: string;
  /** The report's id (session-tracker.ts idFor): the initiator SPI, unique within the capture. */
  id: string;
  /** Its two hosts (host-pair.ts), the key of what is kept per pair. */
  pair: string;
  ispi: string;
  rspi: string;
  version: 1 | 2;
  clientIp: string;
  clientPort: number;
  /**
   * The client's ports as its messages and the MX's show them, the first one first: 500, then
   * 4500 or the NAT's mappings of them. Users behind one NAT share an address and differ here.
   */
  clientPorts: number[];
  responderIp: string;
  responderPort: number;
  /** Exchange types seen, each once (a handful: a small array costs less than a Set). */
  exchangeTypes: number[];
  /** The messages in capture order (at most MAX_TIMELINE). */
  timeline: MessageLog;
  timelineTruncated: boolean;
  messages: number;
  /** Keyed by `${from}:${label}` (labelKey). */
  labels: Map<string, LabelStats>;
  /** Each distinct message once, for retransmission detection (bounded). */
  seenMessages: SeenMessages;
  notifies: NotifySeen[];
  quick: QuickModeMemory;
  firstSec: number;
  firstNsec: number;
  lastSec: number;
  lastNsec: number;
  /** Cleartext payloads of the client's first SA message and of the MX's answer. */
  clientSaPayloads?: IkePayload[];
  mxSaPayloads?: IkePayload[];
  natd: NatDObservation[];
  /** MX informational messages, the client's last label before each, and their notifies in clear. */
  mxInfoAfter: { after: string; frame: number; encrypted: boolean; notifies: number[] }[];
  /** IKEv2: the first inner payload of the responder's first IKE_AUTH answer (IDr when it went on). */
  mxAuthInner?: { payload: number; frame: number };
  /** What told the MX from the client (decided once, before any message is labelled). */
  rolesBy: RoleEvidence;
  /** The capture holds the negotiation's first message. */
  sawOpener: boolean;
  /** The furthest guide step of any message (computed once, as messages are labelled). */
  stepReached: GuideStep;
  /** MX main mode 4 messages sent again after the client's main mode 5. */
  mm4AfterMm5: number[];
  /** Frames of messages on UDP 4500 from each side. */
  port4500: { client: number[]; mx: number[] };
  /** Anomalies met in this session's messages. */
  anomalyFrames: number[];
  /** Messages that did not decode whole because the snap length cut them. */
  cutMessages: number;
  /** The last message recorded: its header key (session-tracker.ts), message ID and responder SPI. */
  lastHeader: number;
  lastMessageId: string;
  lastRspi: string;
  /** Its IPv4 identification: a copy of a packet keeps it, a second send gets its own. */
  lastIpId: number | undefined;
  /**
   * The frame of the latest message each side sent (0: none yet) and the port it went to: a
   * side that follows its peer's NAT to a new mapping shows it here.
   */
  lastClientFrame: number;
  lastClientDstPort: number;
  lastMxFrame: number;
  lastMxDstPort: number;
}

/** What a new session starts from: its identity, its two ends, and the first message's time. */
export type IkeSessionInit = Pick<
  IkeSession,
  | 'key'
  | 'pair'
  | 'id'
  | 'ispi'
  | 'rspi'
  | 'version'
  | 'clientIp'
  | 'clientPort'
  | 'responderIp'
  | 'responderPort'
  | 'rolesBy'
  | 'sawOpener'
> & { timeSec: number; timeNsec: number };

export function createIkeSession(init: IkeSessionInit): IkeSession {
  // Every field named, in one order: tens of thousands of sessions share one object shape.
  return {
    key: init.key,
    pair: init.pair,
    id: init.id,
    ispi: init.ispi,
    rspi: init.rspi,
    version: init.version,
    clientIp: init.clientIp,
    clientPort: init.clientPort,
    clientPorts: [init.clientPort],
    responderIp: init.responderIp,
    responderPort: init.responderPort,
    exchangeTypes: [],
    timeline: new MessageLog(MAX_TIMELINE),
    timelineTruncated: false,
    messages: 0,
    labels: new Map(),
    seenMessages: new SeenMessages(MAX_SEEN_MESSAGES),
    notifies: [],
    quick: {},
    firstSec: init.timeSec,
    firstNsec: init.timeNsec,
    lastSec: init.timeSec,
    lastNsec: init.timeNsec,
    clientSaPayloads: undefined,
    mxSaPayloads: undefined,
    natd: [],
    mxInfoAfter: [],
    mxAuthInner: undefined,
    rolesBy: init.rolesBy,
    sawOpener: init.sawOpener,
    stepReached: 'NONE',
    mm4AfterMm5: [],
    port4500: { client: [], mx: [] },
    anomalyFrames: [],
    cutMessages: 0,
    lastHeader: -1,
    lastMessageId: '',
    lastRspi: '',
    lastIpId: undefined,
    lastClientFrame: 0,
    lastClientDstPort: 0,
    lastMxFrame: 0,
    lastMxDstPort: 0,
  };
}

/**
 * Empties, in place, what only a full diagnosis reads, once a session is decided and will only
 * be counted (the tracker has forgotten it; what is left — identity, times, step reached — is
 * only read). V8 soon places session objects and their lists in the old generation, where a
 * dead one keeps the young arrays it points to alive, and copied, until the next full
 * collection: on the bench's capture of 43,000 scanner sessions, emptying them cut what young
 * collections promoted from 215–220 MB to 58–75 MB.
 */
export function releaseSession(s: IkeSession): void {
  s.timeline.clear();
  for (const stats of s.labels.values()) stats.clear();
  s.labels.clear();
  s.seenMessages.clear();
  s.quick.exchanges?.clear();
  for (const o of s.natd) {
    o.hashes.length = 0;
    if (o.sourceHashes) o.sourceHashes.length = 0;
  }
  for (const list of [
    s.exchangeTypes,
    s.notifies,
    s.natd,
    s.mxInfoAfter,
    s.mm4AfterMm5,
    s.anomalyFrames,
    s.port4500.client,
    s.port4500.mx,
    s.clientPorts,
  ])
    list.length = 0;
  s.clientSaPayloads = undefined;
  s.mxSaPayloads = undefined;
  s.mxAuthInner = undefined;
}
