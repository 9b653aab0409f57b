// ICMP (RFC 792) and ICMPv6 (RFC 4443). Error messages quote the IP header and the first
// 8 bytes of the datagram that caused them, which is how a capture shows "UDP 4500 port
// unreachable" coming back from a peer or a firewall. tshark: icmp:ip:udp (quote decoded).
import type { DecodedFrame } from '../decode/types.js';
import { ipv4Text, ipv6Text } from './ip-address.js';
import type { IpPayload } from './ip-payload.js';
import { truncatedAt } from './layer-anomaly.js';
import { IP_PROTOCOL_NAME } from './protocol-numbers.js';

/** ICMPv4 types whose body quotes the offending datagram. */
const ICMP4_ERRORS = new Set([3, 4, 5, 11, 12]);
/** ICMPv6 error types (1..4: unreachable, too big, time exceeded, parameter problem). */
const ICMP6_ERRORS = new Set([1, 2, 3, 4]);

export function decodeIcmp(f: DecodedFrame, p: IpPayload, version: 4 | 6): void {
  f.protocols.push(version === 4 ? 'icmp' : 'icmpv6');
  const b = p.buf;
  const o = p.start;
  if (p.end - o < 4) return truncatedAt(f, 'ip', version === 4 ? 'ICMP header' : 'ICMPv6 header', 4, p.end - o);
  const type = b[o];
  f.icmp = { version, type, code: b[o + 1] };
  if (!(version === 4 ? ICMP4_ERRORS : ICMP6_ERRORS).has(type)) return;
  // The quote starts after the 8-byte ICMP header (type, code, checksum, 4 bytes unused/MTU/pointer).
  const q = o + 8;
  const have = p.end - q;
  let protocol: number;
  let l4: number;
  if (version === 4) {
    if (have < 20 || b[q] >> 4 !== 4) return;
    const ihl = (b[q] & 0x0f) * 4;
    if (ihl < 20 || have < ihl) return;
    f.protocols.push('ip');
    protocol = b[q + 9];
    f.icmp.quoted = { src: ipv4Text(b, q + 12), dst: ipv4Text(b, q + 16), protocol };
    l4 = q + ihl;
  } else {
    if (have < 40 || b[q] >> 4 !== 6) return;
    f.protocols.push('ipv6');
    protocol = b[q + 6];
    f.icmp.quoted = { src: ipv6Text(b, q + 8), dst: ipv6Text(b, q + 24), protocol };
    l4 = q + 40;
  }
  if (p.end - l4 <= 0) return;
  f.protocols.push(IP_PROTOCOL_NAME[protocol] ?? 'data');
  if ((protocol === 17 || protocol === 6) && p.end - l4 >= 4) {
    f.icmp.quoted.srcPort = (b[l4] << 8) | b[l4 + 1];
    f.icmp.quoted.dstPort = (b[l4 + 2] << 8) | b[l4 + 3];
    // tshark shows the quoted UDP payload (if any) as data, not as the application.
    if (protocol === 17 && p.end - l4 > 8) f.protocols.push('data');
  }
}
