// Groups ISAKMP messages into IKE sessions as frames stream by: one session per initiator SPI
// and pair of hosts. Tells the client (initiator) from the MX (responder), marks
// retransmissions (the same message again from the same side) and remembers what the rules
// and the NAT-D check need.
import type { DecodedFrame } from '../decode/types.js';
import type { IsakmpMessage } from '../ike/types.js';
import {
  MAX_FRAMES_PER_LABEL,
  MAX_NOTIFIES,
  MAX_TIMELINE,
  createIkeSession,
  type IkeSession,
  type LabelStats,
  type MessageRecord,
} from './ike-session.js';
import { classifyMessage, ExchangeV1, type Role } from './steps.js';

export const MAX_SESSIONS = 5000;
const MAX_SEEN_MESSAGES = 512;
const ZERO_SPI = '0000000000000000';
const NAT_DETECTION_SOURCE_IP = 16388;
const NAT_DETECTION_DESTINATION_IP = 16389;

export interface SessionTracker {
  add(frame: DecodedFrame): void;
  sessions(): IkeSession[];
  /** Sessions not tracked because MAX_SESSIONS was reached. */
  dropped(): number;
}

export function createSessionTracker(): SessionTracker {
  const byKey = new Map<string, IkeSession>();
  let dropped = 0;

  function add(frame: DecodedFrame): void {
    const msgs = frame.isakmp;
    const ip = frame.ip;
    const udp = frame.udp;
    if (!msgs || !ip || !udp) return;
    for (const msg of msgs) {
      const key = sessionKey(msg, ip.src, ip.dst);
      let session = byKey.get(key);
      if (!session) {
        if (byKey.size >= MAX_SESSIONS) {
          dropped++;
          continue;
        }
        session = newSession(key, msg, frame);
        byKey.set(key, session);
      }
      record(session, msg, frame);
    }
  }

  return { add, sessions: () => [...byKey.values()], dropped: () => dropped };
}

function sessionKey(msg: IsakmpMessage, a: string, b: string): string {
  const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
  return `${msg.ispi}|${pair}`;
}

/** The initiator sends the first message with a zero responder SPI; IKEv2 also flags it. */
function initiatorIsSender(msg: IsakmpMessage, srcPort: number, dstPort: number): boolean {
  if (msg.majorVersion === 2 && msg.initiatorFlag !== undefined) return msg.initiatorFlag;
  if (msg.rspi === ZERO_SPI) return true;
  // An SA answer (main mode 2, aggressive mode 2) carries the responder's cookie already.
  if (!msg.encrypted && msg.nextPayload === 1 && (msg.exchangeType === 2 || msg.exchangeType === 4)) return false;
  // Mid-session start: the MX answers from 500/4500; a NATed client uses other ports.
  if (srcPort === 500 || srcPort === 4500) return !(dstPort !== 500 && dstPort !== 4500);
  return true;
}

function newSession(key: string, msg: IsakmpMessage, frame: DecodedFrame): IkeSession {
  const ip = frame.ip!;
  const udp = frame.udp!;
  const senderIsClient = initiatorIsSender(msg, udp.srcPort, udp.dstPort);
  return createIkeSession({
    key,
    ispi: msg.ispi,
    rspi: msg.rspi,
    version: msg.majorVersion === 2 ? 2 : 1,
    clientIp: senderIsClient ? ip.src : ip.dst,
    clientPort: senderIsClient ? udp.srcPort : udp.dstPort,
    responderIp: senderIsClient ? ip.dst : ip.src,
    responderPort: senderIsClient ? udp.dstPort : udp.srcPort,
    timeSec: frame.timeSec,
    timeNsec: frame.timeNsec,
  });
}

function record(s: IkeSession, msg: IsakmpMessage, frame: DecodedFrame): void {
  const ip = frame.ip!;
  const udp = frame.udp!;
  const from: Role = ip.src === s.clientIp ? 'client' : 'mx';
  if (s.rspi === ZERO_SPI && msg.rspi !== ZERO_SPI) s.rspi = msg.rspi;
  if (s.version === 1 && msg.majorVersion === 2) s.version = 2;
  s.messages++;
  s.exchangeTypes.add(msg.exchangeType);
  s.lastSec = frame.timeSec;
  s.lastNsec = frame.timeNsec;
  if (msg.anomalies.length > 0 && s.anomalyFrames.length < MAX_FRAMES_PER_LABEL) s.anomalyFrames.push(frame.number);

  const { step, label } = classifyMessage(msg, from, s.quick);
  const identity = `${from}|${msg.exchangeType}|${msg.messageId}|${msg.nextPayload}|${msg.length}|${msg.encrypted}|${msg.rspi}`;
  const retransmission = s.seenMessages.has(identity);
  if (!retransmission && s.seenMessages.size < MAX_SEEN_MESSAGES) s.seenMessages.add(identity);

  const notifies: number[] = [];
  for (const p of msg.payloads) {
    if (p.type !== 'notify') continue;
    notifies.push(p.notifyType);
    if (s.notifies.length < MAX_NOTIFIES) s.notifies.push({ type: p.notifyType, frame: frame.number, from });
  }

  const stats = bumpLabel(s, from, label, frame.number, udp.dstPort, retransmission);
  if (udp.srcPort === 4500 || udp.dstPort === 4500) {
    const list = s.port4500[from];
    if (list.length < MAX_FRAMES_PER_LABEL) list.push(frame.number);
  }
  rememberForRules(s, msg, frame, from, label, stats);

  if (s.timeline.length < MAX_TIMELINE) {
    const entry: MessageRecord = {
      frame: frame.number,
      timeSec: frame.timeSec,
      timeNsec: frame.timeNsec,
      from,
      exchangeType: msg.exchangeType,
      nextPayload: msg.nextPayload,
      messageId: msg.messageId,
      encrypted: msg.encrypted,
      length: msg.length,
      srcPort: udp.srcPort,
      dstPort: udp.dstPort,
      step,
      label,
      retransmission,
      notifies,
    };
    s.timeline.push(entry);
  } else {
    s.timelineTruncated = true;
  }
}

function bumpLabel(
  s: IkeSession,
  from: Role,
  label: string,
  frame: number,
  dstPort: number,
  retransmission: boolean,
): LabelStats {
  const key = `${from}:${label}`;
  let stats = s.labels.get(key);
  if (!stats) {
    stats = { count: 0, retransmissions: 0, frames: [], firstFrame: frame, lastFrame: frame, dstPorts: new Set() };
    s.labels.set(key, stats);
  }
  stats.count++;
  if (retransmission) stats.retransmissions++;
  if (stats.frames.length < MAX_FRAMES_PER_LABEL) stats.frames.push(frame);
  stats.lastFrame = frame;
  if (stats.dstPorts.size < 8) stats.dstPorts.add(dstPort);
  return stats;
}

function rememberForRules(
  s: IkeSession,
  msg: IsakmpMessage,
  frame: DecodedFrame,
  from: Role,
  label: string,
  stats: LabelStats,
): void {
  const first = stats.count === 1;
  if (first && (label === 'MM1' || label === 'AM1' || (label === 'IKE_SA_INIT' && from === 'client')))
    s.clientSaPayloads = msg.payloads;
  if (first && (label === 'MM2' || label === 'AM2' || (label === 'IKE_SA_INIT' && from === 'mx')))
    s.mxSaPayloads = msg.payloads;
  if (first && (label === 'MM3' || label === 'MM4' || label === 'IKE_SA_INIT')) {
    const hashes = msg.payloads.filter((p) => p.type === 'natd').map((p) => (p as { hex: string }).hex);
    const src = msg.payloads.flatMap((p) =>
      p.type === 'notify' && p.notifyType === NAT_DETECTION_SOURCE_IP ? [p.dataHex] : [],
    );
    const dst = msg.payloads.find((p) => p.type === 'notify' && p.notifyType === NAT_DETECTION_DESTINATION_IP);
    if (hashes.length > 0 || src.length > 0) {
      s.natd.push({
        frame: frame.number,
        from,
        ispi: msg.ispi,
        rspi: msg.rspi,
        hashes,
        sourceHashes: src.length > 0 ? src : undefined,
        destinationHash: dst && dst.type === 'notify' ? dst.dataHex : undefined,
        srcIp: frame.ip!.src,
        srcPort: frame.udp!.srcPort,
        dstIp: frame.ip!.dst,
        dstPort: frame.udp!.dstPort,
      });
    }
  }
  if (label === 'MM4' && (s.labels.get('client:MM5')?.count ?? 0) > 0 && s.mm4AfterMm5.length < MAX_FRAMES_PER_LABEL) {
    s.mm4AfterMm5.push(frame.number);
  }
  if (
    from === 'mx' &&
    msg.exchangeType === ExchangeV1.Informational &&
    msg.majorVersion === 1 &&
    s.mxInfoAfter.length < MAX_NOTIFIES
  ) {
    s.mxInfoAfter.push({ after: lastClientLabel(s), frame: frame.number, encrypted: msg.encrypted });
  }
}

/** The furthest main/quick mode label the client has sent so far. */
function lastClientLabel(s: IkeSession): string {
  const order = ['QM3', 'QM1', 'MM5', 'MM3', 'MM1', 'AM3', 'AM1'];
  for (const l of order) if (s.labels.has(`client:${l}`)) return l;
  return 'NONE';
}
