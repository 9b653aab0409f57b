// Decodes the ISAKMP/IKE messages of one UDP payload (after any RFC 3948 non-ESP marker).
// Walks each message's payload chain by next-payload and length, the way Wireshark does;
// every inconsistency becomes an Anomaly and everything decoded before it is kept.
import type { Anomaly, AnomalyCode } from '../anomaly.js';
import type { IkePayload, IsakmpMessage } from './types.js';
import { u16, u8 } from './bytes.js';
import { addAnomaly, LIMITS, type DecodeContext } from './context.js';
import { decodeHeader, FLAG_V1, FLAG_V2, HEADER_LENGTH } from './header.js';
import { PAYLOAD, payloadName } from './payload-types.js';
import type { PayloadCache } from './payload-cache.js';
import { decodePayloadBody } from './payloads.js';

export interface IsakmpDecodeResult {
  messages: IsakmpMessage[];
  /**
   * Every anomaly of the datagram: those about the datagram itself (too short, bad length,
   * trailing bytes) and, again, those attached to each message's own `anomalies`.
   */
  anomalies: Anomaly[];
}

/** `cache`: one per capture (the frame decoder's), for payloads that repeat byte for byte. */
export function decodeIsakmp(data: Uint8Array, frame: number, cache?: PayloadCache): IsakmpDecodeResult {
  const messages: IsakmpMessage[] = [];
  const anomalies: Anomaly[] = [];
  const note = (code: AnomalyCode, message: string): void => {
    anomalies.push({ layer: 'isakmp', code, message, frame });
  };
  let off = 0;
  while (off < data.length) {
    const left = data.length - off;
    const header = decodeHeader(data, off);
    if (!header) {
      if (off === 0) note('truncated-header', `ISAKMP header needs 28 bytes, the datagram has ${left}.`);
      else note('trailing-data', `${left} byte(s) after the last ISAKMP message.`);
      break;
    }
    if (header.length < HEADER_LENGTH) {
      note(
        off === 0 ? 'bad-length' : 'trailing-data',
        `ISAKMP length field is ${header.length}, less than the 28-byte header.`,
      );
      break;
    }
    if (off > 0 && (header.length > left || header.ispi !== messages[0].ispi)) {
      // A later message must be whole and belong to the same IKE SA (initiator SPI);
      // anything else is leftover bytes (fuzzed or padded datagrams repeat header-like
      // patterns), which Wireshark ignores too.
      note('trailing-data', `${left} byte(s) after the ISAKMP message.`);
      break;
    }
    if (messages.length >= LIMITS.messages) {
      note(
        'too-many-messages',
        `More than ${LIMITS.messages} ISAKMP messages in one datagram; the rest were not decoded.`,
      );
      break;
    }
    const msg = decodeMessage(data, off, header, frame, cache);
    messages.push(msg);
    anomalies.push(...msg.anomalies);
    if (header.length > left) break;
    off += header.length;
  }
  return { messages, anomalies };
}

function decodeMessage(
  data: Uint8Array,
  off: number,
  h: NonNullable<ReturnType<typeof decodeHeader>>,
  frame: number,
  cache: PayloadCache | undefined,
): IsakmpMessage {
  const ctx: DecodeContext = { major: h.majorVersion, frame, anomalies: [], cache };
  const available = data.length - off;
  if (h.length > available) {
    addAnomaly(
      ctx,
      'message-length-mismatch',
      `ISAKMP length field says ${h.length} bytes, only ${available} captured: message truncated.`,
    );
  }
  const end = off + Math.min(h.length, available);
  const v2 = h.majorVersion === 2;
  const msg: IsakmpMessage = {
    ispi: h.ispi,
    rspi: h.rspi,
    nextPayload: h.nextPayload,
    version: h.version,
    majorVersion: h.majorVersion,
    exchangeType: h.exchangeType,
    flags: h.flags,
    encrypted: h.majorVersion === 1 && (h.flags & FLAG_V1.ENCRYPTION) !== 0,
    messageId: h.messageId,
    length: h.length,
    payloads: [],
    anomalies: ctx.anomalies,
  };
  if (v2) {
    msg.initiatorFlag = (h.flags & FLAG_V2.INITIATOR) !== 0;
    msg.responseFlag = (h.flags & FLAG_V2.RESPONSE) !== 0;
  }
  if (msg.encrypted) {
    // IKEv1 E flag: everything after the header is ciphertext (RFC 2408 3.1).
    msg.encryptedLength = end - off - HEADER_LENGTH;
  } else {
    msg.payloads = walkPayloads(data, off + HEADER_LENGTH, end, h.nextPayload, ctx);
  }
  return msg;
}

function walkPayloads(data: Uint8Array, start: number, end: number, first: number, ctx: DecodeContext): IkePayload[] {
  const out: IkePayload[] = [];
  let type = first;
  let pos = start;
  while (pos < end) {
    if (out.length >= LIMITS.payloads) {
      addAnomaly(ctx, 'too-many-payloads', `More than ${LIMITS.payloads} payloads; the rest were not decoded.`);
      return out;
    }
    if (type === PAYLOAD.NONE) {
      addAnomaly(ctx, 'extra-data', `${end - pos} byte(s) after the last payload (next payload NONE).`);
      return out;
    }
    if (end - pos < 4) {
      addAnomaly(
        ctx,
        'payload-truncated',
        `${end - pos} byte(s) left for a ${payloadName(type, ctx.major)} payload header.`,
      );
      return out;
    }
    const next = u8(data, pos);
    const length = u16(data, pos + 2);
    if (length < 4) {
      // As Wireshark does, step over the 4-byte header and go on: progress is guaranteed.
      addAnomaly(
        ctx,
        'payload-too-short',
        `${payloadName(type, ctx.major)} payload length ${length} is less than its 4-byte header.`,
      );
      out.push({ type: 'other', payloadType: type, dataLength: 0, nextPayload: next, length });
      pos += 4;
      type = next;
      continue;
    }
    if (pos + length > end) {
      addAnomaly(
        ctx,
        'payload-overrun',
        `${payloadName(type, ctx.major)} payload length ${length} overruns the message by ${pos + length - end} byte(s).`,
      );
      out.push({ type: 'other', payloadType: type, dataLength: end - pos - 4, nextPayload: next, length });
      return out;
    }
    out.push(decodeCached(data, pos, length, type, next, ctx));
    pos += length;
    if (ctx.major === 2 && (type === PAYLOAD.V2_SK || type === PAYLOAD.V2_SKF)) {
      // Its next-payload field names the first payload INSIDE the ciphertext: the chain ends.
      if (pos < end) addAnomaly(ctx, 'extra-data', `${end - pos} byte(s) after the encrypted payload.`);
      return out;
    }
    type = next;
  }
  if (type !== PAYLOAD.NONE) {
    addAnomaly(
      ctx,
      'payload-chain-truncated',
      `Next payload ${payloadName(type, ctx.major)} announced but the message ends.`,
    );
  }
  return out;
}

/** Payload types worth remembering: large trees that repeat across sessions (SA, vendor ID). */
const CACHED_TYPES: ReadonlySet<number> = new Set([PAYLOAD.SA, PAYLOAD.VID, PAYLOAD.V2_SA, PAYLOAD.V2_V]);

/** The payload at `pos` (generic header included), from the cache when its bytes were seen. */
function decodeCached(
  data: Uint8Array,
  pos: number,
  length: number,
  type: number,
  next: number,
  ctx: DecodeContext,
): IkePayload {
  const cache = CACHED_TYPES.has(type) ? ctx.cache : undefined;
  const hit = cache?.get(data, pos, pos + length, type, ctx.major);
  if (hit) return hit;
  const before = ctx.anomalies.length;
  const payload = decodeOne(data, pos + 4, pos + length, type, next, ctx);
  payload.nextPayload = next;
  payload.length = length;
  // Only a payload known to be clean is kept (with the anomaly list full, a new one would not show).
  if (cache && ctx.anomalies.length === before && before < LIMITS.anomalies)
    cache.put(data, pos, pos + length, type, ctx.major, payload);
  return payload;
}

function decodeOne(data: Uint8Array, s: number, e: number, type: number, next: number, ctx: DecodeContext): IkePayload {
  if (ctx.major === 2 && type === PAYLOAD.V2_SK) {
    return { type: 'encrypted', payloadType: type, innerNextPayload: next, dataLength: e - s };
  }
  if (ctx.major === 2 && type === PAYLOAD.V2_SKF) {
    if (e - s < 4) {
      addAnomaly(
        ctx,
        'payload-body-truncated',
        `Encrypted fragment payload body has ${e - s} byte(s), needs at least 4.`,
      );
      return { type: 'encrypted', payloadType: type, innerNextPayload: next, dataLength: Math.max(0, e - s) };
    }
    // RFC 7383 2.5: fragment number, total fragments, then IV/ciphertext/ICV.
    return {
      type: 'encrypted',
      payloadType: type,
      innerNextPayload: next,
      dataLength: e - s - 4,
      fragmentNumber: u16(data, s),
      totalFragments: u16(data, s + 2),
    };
  }
  return decodePayloadBody(data, s, e, type, ctx);
}
