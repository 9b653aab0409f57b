// L2TPv2 header (RFC 2661 section 3.1) on UDP 1701, decoded far enough to tell a control
// message and its type (the first AVP, Message Type, RFC 2661 section 4.4.1): SCCRQ, Hello …
// A client that sends these in clear with no IKE is set to L2TP without IPsec. Bad bytes give
// an anomaly, never an exception.
import type { Anomaly } from '../anomaly.js';
import type { L2tpMessage } from '../decode/types.js';

const FLAG_TYPE = 0x8000;
const FLAG_LENGTH = 0x4000;
const FLAG_SEQUENCE = 0x0800;
const FLAG_OFFSET = 0x0200;
const VERSION_MASK = 0x000f;
const L2TP_VERSION = 2;
/** AVP attribute type 0 (vendor 0): Message Type. */
const AVP_MESSAGE_TYPE = 0;

/** Control message types (RFC 2661 section 3.2), as tshark names them. */
export const L2TP_MESSAGE_TYPES: Readonly<Record<number, string>> = {
  1: 'SCCRQ',
  2: 'SCCRP',
  3: 'SCCCN',
  4: 'StopCCN',
  6: 'Hello',
  7: 'OCRQ',
  8: 'OCRP',
  9: 'OCCN',
  10: 'ICRQ',
  11: 'ICRP',
  12: 'ICCN',
  14: 'CDN',
  15: 'WEN',
  16: 'SLI',
};

export const L2TP_MESSAGE = { SCCRQ: 1, SCCRP: 2, HELLO: 6 } as const;

export function l2tpMessageName(type: number | undefined): string {
  if (type === undefined) return 'ZLB';
  return L2TP_MESSAGE_TYPES[type] ?? `type ${type}`;
}

export function decodeL2tp(d: Uint8Array, frame: number): { message?: L2tpMessage; anomalies: Anomaly[] } {
  const anomalies: Anomaly[] = [];
  const bad = (message: string) => ({
    anomalies: [{ layer: 'l2tp' as const, code: 'truncated-header' as const, message, frame }],
  });
  if (d.length < 6) return bad(`L2TP header needs at least 6 bytes, only ${d.length} captured`);
  const flags = (d[0] << 8) | d[1];
  if ((flags & VERSION_MASK) !== L2TP_VERSION) return { anomalies };
  const control = (flags & FLAG_TYPE) !== 0;
  let o = 2;
  let length: number | undefined;
  if (flags & FLAG_LENGTH) {
    length = (d[o] << 8) | d[o + 1];
    o += 2;
  }
  if (d.length < o + 4) return bad('L2TP header ends before the tunnel and session ids');
  const tunnelId = (d[o] << 8) | d[o + 1];
  const sessionId = (d[o + 2] << 8) | d[o + 3];
  o += 4;
  let ns: number | undefined;
  let nr: number | undefined;
  if (flags & FLAG_SEQUENCE) {
    if (d.length < o + 4) return bad('L2TP header ends before Ns/Nr');
    ns = (d[o] << 8) | d[o + 1];
    nr = (d[o + 2] << 8) | d[o + 3];
    o += 4;
  }
  if (flags & FLAG_OFFSET) {
    if (d.length < o + 2) return bad('L2TP header ends before its offset size');
    o += 2 + ((d[o] << 8) | d[o + 1]);
  }
  const message: L2tpMessage = { control, tunnelId, sessionId };
  if (ns !== undefined) message.ns = ns;
  if (nr !== undefined) message.nr = nr;
  const end = length !== undefined ? Math.min(length, d.length) : d.length;
  // The first AVP of a control message is its Message Type; none at all is a ZLB acknowledgement.
  if (control && end >= o + 8) {
    const avpLength = ((d[o] << 8) | d[o + 1]) & 0x03ff;
    const vendor = (d[o + 2] << 8) | d[o + 3];
    const attr = (d[o + 4] << 8) | d[o + 5];
    if (avpLength >= 8 && vendor === 0 && attr === AVP_MESSAGE_TYPE) message.messageType = (d[o + 6] << 8) | d[o + 7];
  }
  return { message, anomalies };
}
