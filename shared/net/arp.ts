// ARP over Ethernet for IPv4 (RFC 826): who asked for which address and who answered. Every
// capture on an MX port holds some; the decode lines name them as tshark does instead of
// leaving them blank. Only the Ethernet/IPv4 form (hardware type 1, protocol 0x0800, lengths 6
// and 4) is read; anything else stays an undissected ARP frame.
import type { DecodedFrame } from '../decode/types.js';
import { ipv4Text } from './ip-address.js';

const ARP_LENGTH = 28;

/** The 48-bit hardware address at `o` (Ethernet header or ARP body), as DecodedFrame keeps it. */
export function macAt(d: Uint8Array, o: number): number {
  return (d[o] * 0x10000 + ((d[o + 1] << 8) | d[o + 2])) * 0x1000000 + ((d[o + 3] << 16) | (d[o + 4] << 8) | d[o + 5]);
}

export function decodeArp(d: Uint8Array, o: number, f: DecodedFrame): void {
  // Not what the diagnosis reads: a short one is left undissected, without an anomaly.
  if (d.length < o + ARP_LENGTH) return;
  const ethernetIpv4 =
    d[o] === 0 && d[o + 1] === 1 && d[o + 2] === 8 && d[o + 3] === 0 && d[o + 4] === 6 && d[o + 5] === 4;
  if (!ethernetIpv4) return;
  f.arp = {
    opcode: (d[o + 6] << 8) | d[o + 7],
    senderMac: macAt(d, o + 8),
    senderIp: ipv4Text(d, o + 14),
    targetMac: macAt(d, o + 18),
    targetIp: ipv4Text(d, o + 24),
  };
}
