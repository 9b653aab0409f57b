// TCP header (RFC 9293): ports, sequence numbers, flags and where the payload starts.
import type { DecodedFrame } from '../decode/types.js';
import type { IpPayload } from './ip-payload.js';
import { layerAnomaly, truncatedAt } from './layer-anomaly.js';

export const TCP_FLAG = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20 } as const;

/** Decodes the TCP header into f.tcp and narrows `p` to the segment payload. */
export function decodeTcp(f: DecodedFrame, p: IpPayload): boolean {
  const b = p.buf;
  const o = p.start;
  const have = p.end - o;
  if (have < 20) {
    truncatedAt(f, 'tcp', 'TCP header', 20, have);
    return false;
  }
  const hlen = (b[o + 12] >> 4) * 4;
  const seq = ((b[o + 4] << 24) | (b[o + 5] << 16) | (b[o + 6] << 8) | b[o + 7]) >>> 0;
  const ack = ((b[o + 8] << 24) | (b[o + 9] << 16) | (b[o + 10] << 8) | b[o + 11]) >>> 0;
  const payloadLength = p.declaredLength - hlen;
  f.tcp = {
    srcPort: (b[o] << 8) | b[o + 1],
    dstPort: (b[o + 2] << 8) | b[o + 3],
    seq,
    ack,
    flags: ((b[o + 12] & 0x01) << 8) | b[o + 13],
    payloadLength: payloadLength < 0 ? 0 : payloadLength,
    retransmission: undefined,
  };
  if (hlen < 20) {
    layerAnomaly(f, 'tcp', 'bad-header-length', `TCP header length ${hlen} is below 20`);
    return false;
  }
  if (hlen > p.declaredLength) {
    layerAnomaly(
      f,
      'tcp',
      'bad-header-length',
      `TCP header length ${hlen} exceeds the segment's ${p.declaredLength} bytes`,
    );
    return false;
  }
  if (have < hlen) {
    truncatedAt(f, 'tcp', 'TCP header with options', hlen, have);
    return false;
  }
  p.start = o + hlen;
  p.declaredLength = payloadLength;
  return true;
}
