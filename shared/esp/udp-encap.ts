// UDP encapsulation of IPsec on port 4500 (RFC 3948): a one-byte 0xFF is a NAT keep-alive,
// four zero bytes (the non-ESP marker) precede an IKE message, anything else is ESP.
import type { DecodedFrame } from '../decode/types.js';
import type { IpPayload } from '../net/ip-payload.js';
import { decodeEsp } from './esp.js';

/**
 * Classifies the UDP payload in `p`. Returns true when an ISAKMP message follows the
 * non-ESP marker (p is then narrowed to it); keep-alive and ESP are decoded here.
 */
export function decodeUdpEncap(f: DecodedFrame, p: IpPayload): boolean {
  f.protocols.push('udpencap');
  const b = p.buf;
  const o = p.start;
  const have = p.end - o;
  if (p.declaredLength === 1 && have === 1 && b[o] === 0xff) {
    f.natKeepalive = true;
    return false;
  }
  if (have >= 4 && b[o] === 0 && b[o + 1] === 0 && b[o + 2] === 0 && b[o + 3] === 0) {
    f.nonEspMarker = true;
    p.start = o + 4;
    p.declaredLength -= 4;
    return true;
  }
  decodeEsp(f, p, true);
  return false;
}
