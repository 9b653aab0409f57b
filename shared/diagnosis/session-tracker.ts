// Groups ISAKMP messages into IKE sessions as frames stream by: one session per initiator SPI
// and pair of hosts. Roles are decided once, before any message is labelled: from the
// negotiation's first message when the capture holds it; otherwise the session's first
// messages wait (bounded) until the roles can be told (roles.ts), then are replayed. Marks
// retransmissions (the same message again from the same side) and has session-memory.ts note
// what the rules and the NAT-D check need.
import type { DecodedFrame } from '../decode/types.js';
import { EXCHANGE } from '../ike/exchange-types.js';
import { PAYLOAD } from '../ike/payload-types.js';
import type { IsakmpMessage } from '../ike/types.js';
import type { RoleEvidence } from '../report/types.js';
import { MAX_CLIENT_PORTS, MAX_NOTIFIES, createIkeSession, labelKey, type IkeSession } from './ike-session.js';
import { LabelStats, MAX_FRAMES_PER_LABEL } from './label-stats.js';
import { ANSWER_SECONDS, rolesFromMessages, type RoleHints, type RoleMessage } from './roles.js';
import { classifyMessage, STEP_ORDER, type Role } from './steps.js';
import { secondsBetween } from './time.js';
import { COPY_SECONDS } from '../capture/copies.js';
import { hostPair } from './host-pair.js';
import { rememberForRules } from './session-memory.js';
import { createNatLegs, type NatLegs } from './nat-legs.js';
import { createGatewayBook } from './gateways.js';

export const MAX_SESSIONS = 5000;
/** Live sessions above which idle ones are retired (handed over for a verdict and forgotten). */
export const MAX_LIVE_SESSIONS = 128;
/**
 * Capture seconds without a message after which a session is idle. Far past the retransmission
 * interval (capture-clock.ts), so every answer it misses is proven missing, as at the end.
 */
export const IDLE_SECONDS = 60;
/** Messages a session seen from the middle keeps before its roles must be decided. */
const MAX_WAITING = 16;
const ZERO_SPI = '0000000000000000';
/** The notifies of a message without any: one shared empty list (read-only). */
const NO_NOTIFIES: number[] = [];

/** What the tracker keeps of a frame: its number, time, addresses and ports. */
export interface MessageFrame {
  number: number;
  timeSec: number;
  timeNsec: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** IPv4 identification (copies.ts). */
  ipId: number | undefined;
  /** The snap length cut the frame: fewer bytes captured than were on the wire. */
  cut: boolean;
}

export interface SessionTracker {
  add(frame: DecodedFrame): void;
  /** Every session, roles decided (those still waiting are decided now, with `hints`). */
  sessions(): IkeSession[];
  /** Sessions not tracked because MAX_SESSIONS was reached. */
  dropped(): number;
  /** ISAKMP messages left out as second copies of a packet (copies.ts). */
  copies(): number;
  /** Negotiations seen on both sides of a NAT (the first few; nat-legs.ts). */
  natLegs(): NatLegs[];
  /** Sessions tracked now (live and waiting for their roles). */
  live(): number;
  /**
   * Did a gateway open this session (gateways.ts; the MX named in the hints is one), judged from
   * the sessions whose first message the capture held so far (roles read from the bytes)?
   */
  gatewayOpened(s: IkeSession): boolean;
  /** Did this session's responder open a negotiation towards its initiator too (its gateway)? */
  responderOpenedToo(s: IkeSession): boolean;
  /** The one of two hosts that opened negotiations towards the other in the capture, if only one did. */
  openerBetween(a: string, b: string): string | undefined;
  /**
   * Forgets and returns the sessions idle since `nowSec - IDLE_SECONDS`, except those `keep`
   * holds (a session with ESP flowing is not over); waiting ones get their roles first.
   */
  retireIdle(nowSec: number, keep: (s: IkeSession) => boolean): IkeSession[];
}

interface Waiting {
  key: string;
  pair: string;
  a: string;
  b: string;
  messages: { msg: IsakmpMessage; frame: MessageFrame }[];
}

/**
 * `captureStart`: the capture's first frame time (sec, nsec), to tell whether the capture could
 * hold the question a message answers.
 */
export function createSessionTracker(
  hints: () => RoleHints,
  captureStart: () => readonly [number, number] | undefined = () => undefined,
): SessionTracker {
  const byKey = new Map<string, IkeSession>();
  /** The session last seen per initiator SPI (a shortcut into byKey). */
  const bySpi = new Map<string, IkeSession>();
  const waiting = new Map<string, Waiting>();
  let dropped = 0;
  /** Messages that were second copies of one just recorded (copies.ts), left out. */
  let copies = 0;
  const legs = createNatLegs();
  const gateways = createGatewayBook();

  function add(frame: DecodedFrame): void {
    const msgs = frame.isakmp;
    const ip = frame.ip;
    const udp = frame.udp;
    if (!msgs || !ip || !udp) return;
    const mf: MessageFrame = {
      number: frame.number,
      timeSec: frame.timeSec,
      timeNsec: frame.timeNsec,
      src: ip.src,
      dst: ip.dst,
      srcPort: udp.srcPort,
      dstPort: udp.dstPort,
      ipId: ip.id,
      cut: frame.capturedLength < frame.length,
    };
    for (const msg of msgs) {
      // Most messages belong to the session last seen with their initiator SPI: found without
      // building the full key (SPI text is shared by the session's messages, its hash cached).
      const recent = bySpi.get(msg.ispi);
      if (recent && sameHosts(recent, ip.src, ip.dst)) {
        if (!record(recent, msg, mf, captureStart)) copies++;
        continue;
      }
      const pair = hostPair(ip.src, ip.dst);
      const key = `${msg.ispi}|${pair}`;
      const session = byKey.get(key);
      if (session) {
        bySpi.set(msg.ispi, session);
        if (!record(session, msg, mf, captureStart)) copies++;
        continue;
      }
      const w = waiting.get(key);
      if (w) {
        w.messages.push({ msg, frame: mf });
        if (w.messages.length >= MAX_WAITING) resolve(w);
        continue;
      }
      if (byKey.size + waiting.size >= MAX_SESSIONS) {
        dropped++;
        continue;
      }
      const opener = openerRole(msg);
      if (opener) {
        const client = opener === 'initiator' ? ip.src : ip.dst;
        const other = bySpi.get(msg.ispi);
        const s = newSession(key, pair, idFor(other, msg.ispi, mf), msg, mf, client, 'initiator-message', true);
        legs.note(other, s, mf.number);
        byKey.set(key, s);
        bySpi.set(msg.ispi, s);
        gateways.note(s.clientIp, s.responderIp);
        record(s, msg, mf, captureStart);
      } else {
        waiting.set(key, { key, pair, a: ip.src, b: ip.dst, messages: [{ msg, frame: mf }] });
      }
    }
  }

  /**
   * A session's id: its initiator SPI, unless `other`, a live session between other hosts, has it
   * too (both legs of a NAT captured on the router, or a forged SPI): then `#<first frame>` follows.
   */
  function idFor(other: IkeSession | undefined, ispi: string, first: MessageFrame): string {
    return other ? `${ispi}#${first.number}` : ispi;
  }

  /** Decides the roles of a session seen from the middle and replays what it waited with. */
  function resolve(w: Waiting): void {
    waiting.delete(w.key);
    const roleMessages: RoleMessage[] = w.messages.map(({ msg, frame }) => ({
      src: frame.src,
      srcPort: frame.srcPort,
      dstPort: frame.dstPort,
      exchangeType: msg.exchangeType,
      nextPayload: msg.nextPayload,
      encrypted: msg.encrypted,
      sec: frame.timeSec,
      nsec: frame.timeNsec,
    }));
    const roles = rolesFromMessages(w.a, w.b, roleMessages, { ...hints(), openerBetween: gateways.openerBetween });
    const [first] = w.messages;
    const other = bySpi.get(first.msg.ispi);
    const id = idFor(other, first.msg.ispi, first.frame);
    const s = newSession(w.key, w.pair, id, first.msg, first.frame, roles.client, roles.decidedBy, false);
    legs.note(other, s, first.frame.number);
    byKey.set(w.key, s);
    bySpi.set(s.ispi, s);
    for (const { msg, frame } of w.messages) if (!record(s, msg, frame, captureStart)) copies++;
  }

  function sessions(): IkeSession[] {
    for (const w of [...waiting.values()]) resolve(w);
    return [...byKey.values()];
  }

  function retireIdle(nowSec: number, keep: (s: IkeSession) => boolean): IkeSession[] {
    const before = nowSec - IDLE_SECONDS;
    for (const w of [...waiting.values()]) if (w.messages[w.messages.length - 1].frame.timeSec < before) resolve(w);
    const retired: IkeSession[] = [];
    for (const [key, s] of byKey) {
      if (s.lastSec >= before || keep(s)) continue;
      byKey.delete(key);
      if (bySpi.get(s.ispi) === s) bySpi.delete(s.ispi);
      retired.push(s);
    }
    return retired;
  }

  return {
    add,
    sessions,
    dropped: () => dropped,
    copies: () => copies,
    natLegs: () => legs.list(),
    live: () => byKey.size + waiting.size,
    retireIdle,
    gatewayOpened: (s) => gateways.opened(s.clientIp, s.responderIp, hints().mxIp),
    responderOpenedToo: (s) => gateways.hasOpened(s.responderIp, s.clientIp),
    openerBetween: gateways.openerBetween,
  };
}

function sameHosts(s: IkeSession, a: string, b: string): boolean {
  return (s.clientIp === a && s.responderIp === b) || (s.clientIp === b && s.responderIp === a);
}

/**
 * The negotiation's first message tells the roles by itself: IKEv2's initiator flag, an
 * IKEv1 message with a zero responder cookie (main/aggressive mode 1), or the responder's SA
 * answer (main/aggressive mode 2). Anything else is a capture that started later.
 */
function openerRole(msg: IsakmpMessage): 'initiator' | 'responder' | null {
  if (msg.majorVersion === 2 && msg.initiatorFlag !== undefined) return msg.initiatorFlag ? 'initiator' : 'responder';
  if (msg.rspi === ZERO_SPI) return 'initiator';
  const saAnswer =
    !msg.encrypted &&
    msg.nextPayload === PAYLOAD.SA &&
    (msg.exchangeType === EXCHANGE.MAIN_MODE || msg.exchangeType === EXCHANGE.AGGRESSIVE);
  return saAnswer ? 'responder' : null;
}

function newSession(
  key: string,
  pair: string,
  id: string,
  msg: IsakmpMessage,
  frame: MessageFrame,
  client: string,
  rolesBy: RoleEvidence,
  opener: boolean,
): IkeSession {
  const senderIsClient = frame.src === client;
  const openerIsFirst = opener && senderIsClient && msg.rspi === ZERO_SPI;
  return createIkeSession({
    key,
    pair,
    id,
    ispi: msg.ispi,
    rspi: msg.rspi,
    version: msg.majorVersion === 2 ? 2 : 1,
    clientIp: client,
    clientPort: senderIsClient ? frame.srcPort : frame.dstPort,
    responderIp: senderIsClient ? frame.dst : frame.src,
    responderPort: senderIsClient ? frame.dstPort : frame.srcPort,
    timeSec: frame.timeSec,
    timeNsec: frame.timeNsec,
    rolesBy,
    sawOpener: openerIsFirst,
  });
}

/** Records a message; false when it is a second copy of the one just recorded (copies.ts). */
function record(
  s: IkeSession,
  msg: IsakmpMessage,
  frame: MessageFrame,
  captureStart: () => readonly [number, number] | undefined,
): boolean {
  const from: Role = frame.src === s.clientIp ? 'client' : 'mx';
  const header = headerKey(msg, from);
  if (
    header === s.lastHeader &&
    frame.ipId !== undefined &&
    frame.ipId === s.lastIpId &&
    msg.messageId === s.lastMessageId &&
    msg.rspi === s.lastRspi &&
    secondsBetween(s.lastSec, s.lastNsec, frame.timeSec, frame.timeNsec) < COPY_SECONDS
  )
    return false;
  s.lastHeader = header;
  s.lastIpId = frame.ipId;
  s.lastMessageId = msg.messageId;
  s.lastRspi = msg.rspi;
  if (s.rspi === ZERO_SPI && msg.rspi !== ZERO_SPI) s.rspi = msg.rspi;
  if (s.version === 1 && msg.majorVersion === 2) s.version = 2;
  s.messages++;
  if (!s.exchangeTypes.includes(msg.exchangeType)) s.exchangeTypes.push(msg.exchangeType);
  s.lastSec = frame.timeSec;
  s.lastNsec = frame.timeNsec;
  if (from === 'client') {
    s.lastClientFrame = frame.number;
    s.lastClientDstPort = frame.dstPort;
  } else {
    s.lastMxFrame = frame.number;
    s.lastMxDstPort = frame.dstPort;
  }
  const clientPort = from === 'client' ? frame.srcPort : frame.dstPort;
  const ports = s.clientPorts;
  if (clientPort !== ports[0] && ports.length < MAX_CLIENT_PORTS && !ports.includes(clientPort)) ports.push(clientPort);
  if (msg.anomalies.length > 0) {
    if (s.anomalyFrames.length < MAX_FRAMES_PER_LABEL) s.anomalyFrames.push(frame.number);
    // A message that does not decode whole because the snap length cut it (not a bad sender).
    if (frame.cut) s.cutMessages++;
  }

  const capturedBefore = msg.exchangeType === EXCHANGE.QUICK_MODE && capturedFor(captureStart(), frame, ANSWER_SECONDS);
  const stepLabel = classifyMessage(msg, from, s.quick, capturedBefore);
  const { step, label } = stepLabel;
  if (STEP_ORDER[step] > STEP_ORDER[s.stepReached]) s.stepReached = step;
  const retransmission = s.seenMessages.seenBefore(header, msg.messageId, msg.rspi);
  let notifies = NO_NOTIFIES;
  for (const p of msg.payloads) {
    if (p.type !== 'notify') continue;
    if (notifies === NO_NOTIFIES) notifies = [];
    notifies.push(p.notifyType);
    if (s.notifies.length < MAX_NOTIFIES) s.notifies.push({ type: p.notifyType, frame: frame.number, from });
  }

  const stats = bumpLabel(s, from, label, frame, retransmission);
  if (frame.srcPort === 4500 || frame.dstPort === 4500) {
    const list = s.port4500[from];
    if (list.length < MAX_FRAMES_PER_LABEL) list.push(frame.number);
  }
  rememberForRules(s, msg, frame, from, label, stats, notifies);

  if (!s.timeline.push(frame, msg, from, stepLabel, retransmission, notifies)) s.timelineTruncated = true;
  return true;
}

/** The capture ran at least `seconds` before `frame` (its start known). */
function capturedFor(start: readonly [number, number] | undefined, frame: MessageFrame, seconds: number): boolean {
  return start !== undefined && secondsBetween(start[0], start[1], frame.timeSec, frame.timeNsec) >= seconds;
}

/**
 * The numeric part of what makes a message the same message again (with its message ID and
 * responder SPI): sender and header. Length < 2^32, exchange type and next payload < 2^8: 50
 * bits, exact in a double.
 */
function headerKey(msg: IsakmpMessage, from: Role): number {
  return (
    msg.length * 2 ** 18 +
    msg.exchangeType * 2 ** 10 +
    msg.nextPayload * 4 +
    (from === 'client' ? 2 : 0) +
    (msg.encrypted ? 1 : 0)
  );
}

function bumpLabel(s: IkeSession, from: Role, label: string, frame: MessageFrame, retransmission: boolean): LabelStats {
  const key = labelKey(from, label);
  const stats = s.labels.get(key);
  if (stats) {
    stats.add(frame, retransmission);
    return stats;
  }
  const first = new LabelStats(frame, retransmission);
  s.labels.set(key, first);
  return first;
}
