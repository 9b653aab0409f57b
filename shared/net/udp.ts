// UDP header (RFC 768). The length field is checked against the IP payload length on the
// wire; a UDP length beyond it is an anomaly (tshark: BAD UDP LENGTH), below 8 it stops.
import type { DecodedFrame } from '../decode/types.js';
import type { IpPayload } from './ip-payload.js';
import { layerAnomaly, truncatedAt } from './layer-anomaly.js';

/**
 * Decodes the UDP header of `p` into f.udp and narrows `p` to the UDP payload
 * (declaredLength = payload length on the wire). Returns false when decoding stops.
 */
export function decodeUdp(f: DecodedFrame, p: IpPayload): boolean {
  const b = p.buf;
  const o = p.start;
  const have = p.end - o;
  if (have < 8) {
    truncatedAt(f, 'udp', 'UDP header', 8, have);
    return false;
  }
  const len = (b[o + 4] << 8) | b[o + 5];
  f.udp = { srcPort: (b[o] << 8) | b[o + 1], dstPort: (b[o + 2] << 8) | b[o + 3], length: len };
  if (len < 8) {
    layerAnomaly(f, 'udp', 'bad-length', `UDP length ${len} is below the 8-byte header`);
    return false;
  }
  p.start = o + 8;
  if (len > p.declaredLength) {
    // tshark flags it and still decodes the payload the IP layer holds; a first fragment
    // decoded on its own legitimately carries the whole datagram's UDP length.
    if (!p.fragmented) {
      layerAnomaly(f, 'udp', 'bad-length', `UDP length ${len} exceeds the IP payload length ${p.declaredLength}`);
    }
    p.declaredLength -= 8;
    return true;
  }
  const declaredEnd = o + len;
  if (declaredEnd < p.end) p.end = declaredEnd;
  p.declaredLength = len - 8;
  return true;
}
